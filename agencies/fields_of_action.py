"""The four Handlungsfelder of the programme: code, name, short name, description (written for Agenturnetz).

Plain data, imported by the data migration and by `ensure_fields_of_action`.
"""

FIELDS = [
    (
        "buergerschaftliches-engagement",
        "Bürgerschaftliches Engagement",
        "BE",
        "Ehrenamtliche, Multiplikatorinnen und Multiplikatoren sowie Migrantenselbstorganisationen gewinnen, "
        "qualifizieren und in ihrem Engagement begleiten.",
    ),
    (
        "interkulturelle-oeffnung",
        "Interkulturelle Öffnung",
        "IKÖ",
        "Dienste und Einrichtungen dabei beraten und begleiten, Menschen mit Einwanderungsgeschichte ebenso gut zu "
        "erreichen wie alle anderen.",
    ),
    (
        "sozialraumorientierte-arbeit",
        "Sozialraumorientierte Arbeit",
        "SRA",
        "Angebote aus den Bedarfen des Stadtteils entwickeln, Nachbarschaften stärken und Menschen an die "
        "vorhandenen Einrichtungen heranführen.",
    ),
    (
        "antidiskriminierungsarbeit",
        "Antidiskriminierungsarbeit",
        "ADA",
        "Für Diskriminierung sensibilisieren, Bildungsarbeit leisten und Konzepte gegen Benachteiligung mit "
        "Kommunen und Einrichtungen entwickeln.",
    ),
]


def ensure_fields_of_action(field_model=None) -> None:
    if field_model is None:
        from agencies.models import FieldOfAction as field_model
    for position, (code, name, short_name, description) in enumerate(FIELDS, start=1):
        field_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "description": description,
                "position": position,
            },
        )
