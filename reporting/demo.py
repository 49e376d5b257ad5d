"""Demo data of the surveys: the state-level cooperation survey of 2013 with historic answers (imported through
the CSV import, as a paper survey would be), its current edition open for answers, and the cooperation records
taken over from the 2013 answers. Idempotent: an existing edition is left alone."""

import csv
import io
import random
from datetime import date, timedelta

from django.db import transaction

from agencies.models import Agency
from core.models import User
from reporting.models import Audience, Question, QuestionKind, Survey
from reporting.services import cooperation as cooperation_service
from reporting.services import imports as import_service
from reporting.services import responses as response_service
from reporting.services import surveys as survey_service
from reporting.services.answers import AnswerValue

SERIES = "kooperation-vor-ort"
TITLE = "Kooperation zwischen Integrationsagenturen vor Ort"
INTRODUCTION = (
    "Der Fachausschuss Integration der Wohlfahrtsverbände möchte wissen, wie die Integrationsagenturen vor Ort "
    "zusammenarbeiten – innerhalb eines Verbands und über Verbandsgrenzen hinweg. Bitte beantworten Sie die "
    "Fragen einmal für Ihre Agentur. Träger und Standort (Frage 1 des Papierbogens) kennt Agenturnetz bereits "
    "aus Ihrer Anmeldung."
)
KINDS = [
    ("information", "gegenseitiger Informationsaustausch"),
    ("events", "gemeinsame Veranstaltungen"),
    ("focus", "Abstimmung der inhaltlichen Schwerpunkte"),
    ("area", "Gebietsabstimmung"),
    ("task_plans", "Abstimmung der Aufgabenplanungen"),
    ("analysis", "gemeinsame Sozialraumanalysen"),
]
REGULARITY = [
    ("working_group", "fester Arbeitskreis vorhanden"),
    ("regular", "eher regelmäßig"),
    ("occasional", "nur zu besonderen Anlässen"),
]
FREQUENCY = [
    ("monthly", "mind. 1× pro Monat"),
    ("quarterly", "mind. 1× pro Quartal"),
    ("half_yearly", "1× pro Halbjahr"),
    ("yearly", "1× pro Jahr"),
]
OTHER_TEXTS = [
    "gemeinsame Öffentlichkeitsarbeit",
    "Netzwerk gegen Diskriminierung",
    "gemeinsame Fortbildungen für Ehrenamtliche",
    "Stadtteilkonferenz",
]

SUPPORT_TEXTS = [
    "Eine gemeinsame Fortbildung der Agenturen vor Ort zu Sozialraumanalysen.",
    "Ein verbandsübergreifender Arbeitskreis, den die Koordination einlädt.",
    "Vorlagen für gemeinsame Öffentlichkeitsarbeit.",
]


def _questions(*, current: bool) -> list[dict]:
    kinds = KINDS + ([("public_relations", "gemeinsame Öffentlichkeitsarbeit")] if current else [])
    questions = [
        {
            "key": "andere_verbaende",
            "text": "Gibt es in Ihrem Zuständigkeitsgebiet Integrationsagenturen anderer Wohlfahrtsverbände?",
            "kind": QuestionKind.YES_NO,
            "required": True,
        },
        {
            "key": "partner",
            "text": "Mit welchen Integrationsagenturen sind Sie in Kooperation?",
            "help_text": "Alle Agenturen, gleich welches Verbands. Keine Auswahl bedeutet: keine Kooperation.",
            "kind": QuestionKind.AGENCY,
            "bins": "0, 1, 2, 3, 4-6, 7-10",
        },
        {
            "key": "art",
            "text": "Welche Art der Kooperation wird ausgeübt?",
            "kind": QuestionKind.MULTIPLE,
            "allow_other": True,
            "options": kinds,
        },
        {
            "key": "regelmaessigkeit",
            "text": "Wie regelmäßig sind die Kooperationskontakte?",
            "kind": QuestionKind.MULTIPLE,
            "options": REGULARITY,
        },
        {
            "key": "haeufigkeit",
            "text": "Wie häufig sind die Kooperationskontakte?",
            "kind": QuestionKind.MULTIPLE,
            "options": FREQUENCY,
        },
    ]
    if current:
        questions += [
            {
                "key": "unterstuetzung",
                "text": "Wünschen Sie Unterstützung, um die Kooperation vor Ort auszubauen?",
                "kind": QuestionKind.YES_NO,
            },
            {
                "key": "unterstuetzung_welche",
                "text": "Welche Unterstützung wäre hilfreich?",
                "kind": QuestionKind.TEXT,
                "condition": "unterstuetzung",
                "condition_value": "ja",
            },
        ]
    return questions


def _build(*, edition: str, opens_on: date, closes_on: date, by: User, current: bool) -> Survey:
    survey = survey_service.create_survey(
        survey=Survey(
            series=SERIES,
            edition=edition,
            title=TITLE,
            introduction=INTRODUCTION,
            audience=Audience.ALL,
            opens_on=opens_on,
            closes_on=closes_on,
            reminder_days="7, 1",
        ),
        by=by,
    )
    keys: dict[str, Question] = {}
    for position, spec in enumerate(_questions(current=current), start=1):
        spec = dict(spec)
        options = spec.pop("options", [])
        condition, condition_value = spec.pop("condition", None), spec.pop("condition_value", "")
        question = Question(survey=survey, position=position, **spec)
        if condition:
            question.condition_question = keys[condition]
            question.condition_option_key = condition_value
        keys[question.key] = survey_service.save_question(question=question, options=options, by=by)
    return survey


def _answers(agency: Agency, agencies: list[Agency], rng: random.Random) -> dict[str, str]:
    local = [other for other in agencies if other.municipality_id == agency.municipality_id and other != agency]
    nearby = [other for other in agencies if other.provider_id == agency.provider_id and other != agency]
    pool = list(dict.fromkeys(local + nearby))
    others_here = any(
        other.provider.district.welfare_association_id != agency.provider.district.welfare_association_id
        for other in local
    )
    partners = rng.sample(pool, k=min(len(pool), rng.choice([0, 1, 1, 2, 2, 3, 4, 5]))) if pool else []
    row = {"andere_verbaende": "ja" if others_here else "nein", "partner": "; ".join(p.name for p in partners)}
    if partners:
        row["art"] = "; ".join(key for key, _label in KINDS if rng.random() < 0.55) or "information"
        if rng.random() < 0.3:
            row["art_sonstiges"] = rng.choice(OTHER_TEXTS)
        row["regelmaessigkeit"] = "; ".join(rng.sample([key for key, _l in REGULARITY], k=rng.choice([1, 1, 2])))
        row["haeufigkeit"] = "; ".join(rng.sample([key for key, _l in FREQUENCY], k=rng.choice([1, 1, 2])))
    return row


@transaction.atomic
def seed(*, today: date) -> None:
    owner = User.objects.get(username="land")
    agencies = list(
        Agency.objects.select_related("provider__district", "municipality").order_by("municipality__name", "name")
    )
    if not Survey.objects.filter(series=SERIES, edition="2013").exists():
        historic = _build(
            edition="2013", opens_on=date(2013, 3, 1), closes_on=date(2013, 4, 30), by=owner, current=False
        )
        survey_service.launch_survey(survey=historic, by=owner)
        rng = random.Random(2013)
        questions = import_service.columns(response_service.questions_of(historic))
        header = [name for name, _question in questions]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, delimiter=";")
        writer.writeheader()
        for agency in agencies[:-2]:  # two agencies did not send the paper questionnaire back
            writer.writerow({"agentur_id": agency.pk, "agentur": agency.name, **_answers(agency, agencies, rng)})
        pending, _check = import_service.upload(
            survey=historic, filename="kooperation-2013.csv", content=buffer.getvalue().encode("utf-8"), by=owner
        )
        import_service.confirm(pending=pending, only_valid=True, by=owner)
        survey_service.close_survey(survey=historic, by=owner)
        cooperation_service.adopt_from_survey(survey=historic, by=owner)

    edition = str(today.year)
    if not Survey.objects.filter(series=SERIES, edition=edition).exists():
        current = _build(
            edition=edition,
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=21),
            by=owner,
            current=True,
        )
        survey_service.launch_survey(survey=current, by=owner)
        rng = random.Random(today.year)
        questions = {q.key: q for q in response_service.questions_of(current)}
        answering = [a for a in agencies if a.name not in ("Essen", "Caritas Essen-Altendorf")][::2]
        for agency in answering:
            row = _answers(agency, agencies, rng)
            by_name = {a.name: a.pk for a in agencies}
            values = {
                questions["andere_verbaende"].pk: AnswerValue(option_keys=[row["andere_verbaende"]]),
                questions["partner"].pk: AnswerValue(
                    partner_ids=[by_name[name] for name in row["partner"].split("; ") if name]
                ),
                questions["art"].pk: AnswerValue(option_keys=row.get("art", "").split("; ") if row.get("art") else []),
                questions["regelmaessigkeit"].pk: AnswerValue(
                    option_keys=row.get("regelmaessigkeit", "").split("; ") if row.get("regelmaessigkeit") else []
                ),
                questions["haeufigkeit"].pk: AnswerValue(
                    option_keys=row.get("haeufigkeit", "").split("; ") if row.get("haeufigkeit") else []
                ),
                questions["unterstuetzung"].pk: AnswerValue(option_keys=[rng.choice(["ja", "nein", "nein"])]),
                questions["unterstuetzung_welche"].pk: AnswerValue(text=rng.choice(SUPPORT_TEXTS)),
            }
            response = response_service.start_response(survey=current, agency=agency, by=owner)
            response_service.submit_response(response=response, values=values, version=response.version, by=owner)
