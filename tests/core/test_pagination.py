"""page_of gives the page Django's Paginator gives, reading rows and total in one statement."""

import pytest
from django.core.paginator import Paginator
from django.db.models import CharField, Value

from core.models import User
from core.pagination import page_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PER_PAGE = 3


@pytest.fixture
def users():
    return [UserFactory(username=f"u{number:02d}", last_name=f"Name {number % 4}") for number in range(8)]


def _union():
    """Two halves of the users as one UNION of plain rows, with a constant per part like the document list."""
    first = User.objects.order_by().filter(username__lt="u04").annotate(part=Value("a", output_field=CharField()))
    second = User.objects.order_by().filter(username__gte="u04").annotate(part=Value("b", output_field=CharField()))
    columns = ("pk", "username", "last_name", "date_joined", "part")
    return first.values(*columns).union(second.values(*columns), all=True).order_by("-last_name", "username")


def _same(page, expected):
    assert list(page.object_list) == list(expected.object_list)
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (
        expected.number,
        expected.paginator.count,
        expected.paginator.num_pages,
    )
    assert (page.has_next(), page.has_previous(), page.start_index(), page.end_index()) == (
        expected.has_next(),
        expected.has_previous(),
        expected.start_index(),
        expected.end_index(),
    )


@pytest.mark.parametrize("number", [None, "1", "2", "3", "99", "0", "-1", "abc", "2.0"])
def test_a_model_list_gives_the_page_paginator_gives(users, number):
    rows = User.objects.order_by("last_name", "username")
    _same(page_of(rows, number, PER_PAGE), Paginator(rows, PER_PAGE).get_page(number))


@pytest.mark.parametrize("number", [None, "2", "3", "99", "0", "abc"])
def test_a_union_of_plain_rows_gives_the_page_paginator_gives(users, number):
    _same(page_of(_union(), number, PER_PAGE), Paginator(_union(), PER_PAGE).get_page(number))


def test_union_rows_keep_their_python_types(users):
    row = page_of(_union(), "1", PER_PAGE).object_list[0]
    assert set(row) == {"pk", "username", "last_name", "date_joined", "part"}
    assert row["date_joined"] == User.objects.get(pk=row["pk"]).date_joined


def test_an_existing_page_takes_one_statement(users, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_of(User.objects.order_by("username"), "2", PER_PAGE)
        assert page.paginator.count == 8 and len(page.object_list) == PER_PAGE
    with django_assert_num_queries(1):
        page = page_of(_union(), "3", PER_PAGE)
        assert page.paginator.num_pages == 3 and len(page.object_list) == 2


def test_an_empty_list_is_one_empty_first_page(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_of(User.objects.order_by("username"), None, PER_PAGE)
    assert list(page.object_list) == [] and page.paginator.count == 0 and page.number == 1


def test_distinct_rows_are_counted_after_removing_duplicates(users):
    rows = User.objects.values("last_name").distinct().order_by("last_name")
    page = page_of(rows, "1", PER_PAGE)
    assert page.paginator.count == 4
    _same(page, Paginator(rows, PER_PAGE).get_page("1"))


def test_tuples_are_paged_without_an_extra_column(users):
    rows = User.objects.values_list("username", flat=True).order_by("username")
    page = page_of(rows, "2", PER_PAGE)
    assert list(page.object_list) == ["u03", "u04", "u05"]


def test_a_union_of_model_instances_takes_paginators_way(users):
    rows = (
        User.objects.order_by()
        .filter(username__lt="u04")
        .union(User.objects.order_by().filter(username__gte="u04"))
        .order_by("username")
    )
    page = page_of(rows, "2", PER_PAGE)
    assert [user.username for user in page.object_list] == ["u03", "u04", "u05"]


def test_a_list_takes_paginators_way():
    page = page_of(list(range(10)), "4", PER_PAGE)
    assert list(page.object_list) == [9] and page.paginator.num_pages == 4
