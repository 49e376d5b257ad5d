"""The main menu: entries of all apps arranged into groups; the page's own entry is marked."""

from core.menu import MenuEntry, arrange


def _entries():
    return [
        MenuEntry("start", "Übersicht", "/", exact=True),
        MenuEntry("documents", "Eingang", "/planung/eingang/", order=20),
        MenuEntry("documents", "Analysen, Planungen, Sachberichte", "/planung/", order=10),
        MenuEntry("agencies", "Integrationsagenturen", "/agenturen/", short_label="Agenturen"),
        MenuEntry("unknown", "Irgendwas", "/irgendwas/"),
    ]


def test_groups_follow_the_menu_order_and_unknown_groups_come_last():
    groups = arrange(_entries(), "/")
    assert [group.key for group in groups] == ["start", "agencies", "documents", "unknown"]


def test_entries_are_ordered_inside_their_group():
    documents = arrange(_entries(), "/")[2]
    assert [item.label for item in documents.items] == ["Analysen, Planungen, Sachberichte", "Eingang"]


def test_a_group_with_one_entry_is_a_plain_link_with_its_short_label():
    agencies = arrange(_entries(), "/")[1]
    assert agencies.single is not None
    assert agencies.single.label == "Agenturen"


def test_a_group_with_several_entries_is_a_dropdown_with_full_labels():
    entries = [*_entries(), MenuEntry("agencies", "Personalveränderungen", "/agenturen/veraenderungen/", order=200)]
    agencies = arrange(entries, "/")[1]
    assert agencies.single is None
    assert [item.label for item in agencies.items] == ["Integrationsagenturen", "Personalveränderungen"]


def test_the_entry_of_the_page_itself_is_the_current_page():
    groups = arrange(_entries(), "/planung/eingang/")
    current = [(item.label, item.current) for group in groups for item in group.items if item.current]
    assert current == [("Eingang", "page")]
    assert groups[2].current


def test_a_page_below_an_entry_marks_the_longest_matching_entry_only():
    groups = arrange(_entries(), "/planung/sozialraumanalyse/7/")
    current = [(item.label, item.current) for group in groups for item in group.items if item.current]
    assert current == [("Analysen, Planungen, Sachberichte", "true")]


def test_the_landing_page_entry_is_current_on_the_landing_page_only():
    assert arrange(_entries(), "/")[0].current
    assert not arrange(_entries(), "/vorgaenge/3/")[0].current
