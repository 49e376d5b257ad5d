"""Bulk reporting data for benchmarks.

Surveys (`seed`): one edition of the state-level cooperation survey per year, asked of every agency, answered by
nearly all of them (the current edition is still open: some drafts, some not yet answered), with partner agencies
from the same municipality, so the report's network and bins have real work to do.

Online-Controlling (`seed_controlling`): the demo's template (same key figures and questions) published for every
phase, and one report per agency and finished year in the state of its obligation, its values prefilled from what
planning.scale and agencies.scale wrote (read in a few grouped queries, as `controlling_prefill` would find them),
confirmed and completed, with revisions and transitions.

Written with bulk_create, a handful of statements per table and year."""

import random
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from agencies.models import Agency, Assignment, FieldOfAction, Membership, Role
from agencies.scale import historic_timestamps, users_by_unit
from core.workflow import State
from funding.models import DocumentKind, FundingPhase, Obligation, ObligationState
from funding.scale import roll
from planning.models import Measure, SubGoal, SubGoalResult, Task
from planning.scale import History
from reporting.demo import INTRODUCTION, OTHER_TEXTS, SUPPORT_TEXTS, TITLE, _questions
from reporting.demo_controlling import DIFFICULTIES, FIGURES, template_contents
from reporting.models import (
    Answer,
    Audience,
    ControllingAnswer,
    ControllingLogEntry,
    ControllingQuestion,
    ControllingReport,
    ControllingTemplate,
    KeyFigure,
    KeyFigureValue,
    Option,
    Question,
    QuestionKind,
    Response,
    ResponseState,
    Source,
    Survey,
    SurveyLogEntry,
    SurveyState,
    SurveyTarget,
    ValueStatus,
)
from reporting.services.controlling_checks import deviation_message

BATCH = 2000
SERIES = "kooperation-skala"


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _survey(year: int, today: date, owner_id: int) -> Survey:
    opens_on = date(year, 3, 1)
    current = year == today.year
    closes_on = max(today + timedelta(days=21), date(year, 4, 15)) if current else date(year, 4, 15)
    return Survey(
        series=SERIES,
        edition=str(year),
        title=TITLE,
        introduction=INTRODUCTION,
        audience=Audience.ALL,
        opens_on=opens_on,
        closes_on=closes_on,
        state=SurveyState.OPEN if current else SurveyState.CLOSED,
        created_by_id=owner_id,
        launched_at=_at(opens_on),
        closed_at=None if current else _at(closes_on),
    )


def _questions_of(survey: Survey) -> tuple[list[Question], dict[str, dict[str, Option]]]:
    questions, options, conditions = [], [], []
    for position, spec in enumerate(_questions(current=True), start=1):
        spec = dict(spec)
        choices = spec.pop("options", [])
        if spec["kind"] == QuestionKind.YES_NO:
            choices = [("ja", "ja"), ("nein", "nein")]
        condition, condition_value = spec.pop("condition", None), spec.pop("condition_value", "")
        question = Question(survey=survey, position=position, **spec)
        questions.append(question)
        options.append([(k, label) for k, label in choices])
        conditions.append((condition, condition_value))
    Question.objects.bulk_create(questions)
    by_key = {q.key: q for q in questions}
    rows = [
        Option(question=question, key=key, label=label, position=i)
        for question, choices in zip(questions, options, strict=True)
        for i, (key, label) in enumerate(choices)
    ]
    Option.objects.bulk_create(rows)
    for question, (condition, value) in zip(questions, conditions, strict=True):
        if condition:
            question.condition_question = by_key[condition]
            question.condition_option_key = value
            question.save(update_fields=["condition_question", "condition_option_key"])
    option_map: dict[str, dict[str, Option]] = {}
    for option in rows:
        option_map.setdefault(option.question.key, {})[option.key] = option
    return questions, option_map


@transaction.atomic
def seed(*, agencies: int, years: int, today: date) -> None:
    rng = random.Random(2013)
    owner = Membership.objects.filter(role=Role.STATE_LEVEL, user__username="skala-land").values_list(
        "user_id", flat=True
    )[:1]
    owner_id = owner[0]
    specialists = dict(
        Membership.objects.filter(role=Role.SPECIALIST, user__username__startswith="skala-").values_list(
            "agency_id", "user_id"
        )
    )
    rows = list(Agency.objects.filter(name__startswith="Skala-").values("pk", "municipality_id", "closed_on"))
    by_place: dict[int, list[int]] = {}
    place_of = {row["pk"]: row["municipality_id"] for row in rows}
    for row in rows:
        by_place.setdefault(row["municipality_id"], []).append(row["pk"])

    for year in range(today.year - years + 1, today.year + 1):
        survey = _survey(year, today, owner_id)
        survey.save()
        questions, options = _questions_of(survey)
        asked = [r for r in rows if r["closed_on"] is None or r["closed_on"] > survey.opens_on]
        SurveyTarget.objects.bulk_create(
            [SurveyTarget(survey=survey, agency_id=r["pk"]) for r in asked], batch_size=BATCH
        )
        current = survey.state == SurveyState.OPEN
        responses = []
        for r in asked:
            draw = rng.random()
            if draw > (0.75 if current else 0.93):
                continue  # not answered
            submitted = not current or draw < 0.6
            responses.append(
                Response(
                    survey=survey,
                    agency_id=r["pk"],
                    state=ResponseState.SUBMITTED if submitted else ResponseState.DRAFT,
                    updated_by_id=specialists.get(r["pk"]),
                    submitted_at=_at(survey.opens_on + timedelta(days=rng.randint(1, 40))) if submitted else None,
                    submitted_by_id=specialists.get(r["pk"]) if submitted else None,
                )
            )
        Response.objects.bulk_create(responses, batch_size=BATCH)
        by_key = {q.key: q for q in questions}
        answers, chosen, partners = [], [], []
        for response in responses:
            place = [pk for pk in by_place[place_of[response.agency_id]] if pk != response.agency_id]
            picked = rng.sample(place, k=min(len(place), rng.randint(0, 3)))
            wants_help = rng.random() < 0.4
            values = {
                "andere_verbaende": ["ja" if place else "nein"],
                "partner": [],
                "art": rng.sample(list(options["art"]), k=rng.randint(1, 3)),
                "regelmaessigkeit": [rng.choice(list(options["regelmaessigkeit"]))],
                "haeufigkeit": [rng.choice(list(options["haeufigkeit"]))],
                "unterstuetzung": ["ja" if wants_help else "nein"],
            }
            for key, keys in values.items():
                answer = Answer(
                    response=response,
                    question=by_key[key],
                    other_text=rng.choice(OTHER_TEXTS) if key == "art" and rng.random() < 0.15 else "",
                )
                answers.append(answer)
                chosen += [(answer, options[key][k]) for k in keys]
                if key == "partner":
                    partners += [(answer, pk) for pk in picked]
            if wants_help:
                answers.append(
                    Answer(response=response, question=by_key["unterstuetzung_welche"], text=rng.choice(SUPPORT_TEXTS))
                )
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        Answer.options.through.objects.bulk_create(
            [Answer.options.through(answer_id=a.pk, option_id=o.pk) for a, o in chosen], batch_size=BATCH
        )
        Answer.partners.through.objects.bulk_create(
            [Answer.partners.through(answer_id=a.pk, agency_id=pk) for a, pk in partners], batch_size=BATCH
        )
        log = [SurveyLogEntry(survey=survey, action=SurveyLogEntry.Action.LAUNCHED, by_id=owner_id)]
        if not current:
            log.append(SurveyLogEntry(survey=survey, action=SurveyLogEntry.Action.CLOSED, by_id=owner_id))
        SurveyLogEntry.objects.bulk_create(log)


# Online-Controlling -----------------------------------------------------------------------------------------------

CONTROLLING_FOLLOWS = {
    ObligationState.SUBMITTED: State.SUBMITTED,
    ObligationState.RETURNED: State.RETURNED,
    ObligationState.APPROVED: State.APPROVED,
    ObligationState.FORWARDED: State.FORWARDED,
}
PLAN_SOURCES = {Source.PLAN_TASKS: "tasks", Source.PLAN_SUB_GOALS: "sub_goals", Source.PLAN_MEASURES: "measures"}
REPORT_SOURCES = {
    Source.REPORT_REACHED: SubGoalResult.Reached.YES,
    Source.REPORT_PARTLY: SubGoalResult.Reached.PARTLY,
    Source.REPORT_NOT: SubGoalResult.Reached.NO,
}


def _templates(phases, owner_id: int, fields: list[FieldOfAction]) -> dict[int, ControllingTemplate]:
    """One published template per phase with the demo's key figures and questions (same codes in every phase)."""
    options = "\n".join(f"{f.code}|{f.name}" for f in fields)
    templates = ControllingTemplate.objects.bulk_create(
        [
            ControllingTemplate(
                phase=phase,
                version=1,
                title="Online-Controlling",
                introduction="Werte aus Aufgabenplanung, Sachbericht und Agenturverzeichnis sind vorbefüllt.",
                published_at=_at(phase.starts_on - timedelta(days=30)),
                created_by_id=owner_id,
                created_at=_at(phase.starts_on - timedelta(days=45)),
            )
            for phase in phases
        ]
    )
    figures, questions = [], []
    for template in templates:
        template_figures, template_questions = template_contents(template, options)
        figures += template_figures
        questions += template_questions
    KeyFigure.objects.bulk_create(figures)
    ControllingQuestion.objects.bulk_create(questions)
    log = []
    for template in templates:
        log += [
            ControllingLogEntry(
                template=template,
                action=ControllingLogEntry.Action.TEMPLATE_CREATED,
                by_id=owner_id,
                at=template.created_at,
            ),
            ControllingLogEntry(
                template=template,
                action=ControllingLogEntry.Action.TEMPLATE_PUBLISHED,
                by_id=owner_id,
                at=template.published_at,
            ),
        ]
    ControllingLogEntry.objects.bulk_create(log)
    return {template.phase_id: template for template in templates}


def _number(value: Decimal, places: int) -> str:
    """The number as `controlling_checks.fmt` writes it here (1234 / 1234,50), without the locale machinery, which
    costs more than the rest of a report's snapshot."""
    if places == 0 or value == value.to_integral_value():
        return str(int(value.quantize(Decimal(1))))
    return f"{value:.{places}f}".replace(".", ",")


class ControllingSeeder:
    """Reads what the prefill would read for every agency and year in a handful of grouped queries, then writes the
    reports of one year at a time: values, answers, revisions and transitions, log entries."""

    def __init__(self, *, today: date):
        self.today = today
        self.people = users_by_unit()
        self.fields = list(FieldOfAction.objects.order_by("position", "pk"))
        self.codes = {f.pk: f.code for f in self.fields}
        self.agencies = {
            row["pk"]: row
            for row in Agency.objects.filter(name__startswith="Skala-").values(
                "pk",
                "name",
                "primary_field_id",
                "provider__name",
                "provider__district_id",
                "provider__district__name",
                "municipality__name",
            )
        }
        self.owner_id = (
            Membership.objects.filter(role=Role.STATE_LEVEL, user__username="skala-land")
            .values_list("user_id", flat=True)
            .first()
        )
        phases = list(
            FundingPhase.objects.filter(name__startswith="Förderphase ", starts_on__lte=today).order_by("starts_on")
        )
        by_phase = _templates(phases, self.owner_id, self.fields)
        self.template_of_year: dict[int, ControllingTemplate] = {}
        for phase in phases:
            for year in range(phase.starts_on.year, phase.ends_on.year + 1):
                self.template_of_year[year] = by_phase[phase.pk]
        self.figures = {template.pk: list(template.key_figures.order_by("position")) for template in by_phase.values()}
        self.questions = {template.pk: list(template.questions.order_by("position")) for template in by_phase.values()}
        self.figure_by_id = {figure.pk: figure for figures in self.figures.values() for figure in figures}
        self.question_by_id = {item.pk: item for items in self.questions.values() for item in items}
        self.field_by_id = {field.pk: field for field in self.fields}
        self.obligations = list(
            Obligation.objects.filter(
                document_kind=DocumentKind.CONTROLLING_REPORT,
                agency_id__in=list(self.agencies),
                cancelled_on__isnull=True,
                year__lt=today.year,
            )
            .values("agency_id", "year", "state", "district_due", "submitted_on", "approved_on", "forwarded_on")
            .order_by("year", "agency_id")
        )
        self._load_prefill()
        self.previous: dict[tuple[int, str], Decimal] = {}  # (agency, code) → last year's total
        self.history = History()
        self.status_labels = {status.value: str(status.label) for status in ValueStatus}

    def _load_prefill(self) -> None:
        ids = list(self.agencies)
        # (agency, year) → source → {field id: count}
        self.counts: dict[tuple[int, int], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        for source, rows in (
            (
                "tasks",
                Task.objects.filter(plan__agency_id__in=ids).values_list(
                    "plan__agency_id", "plan__year", "field_of_action_id"
                ),
            ),
            (
                "sub_goals",
                SubGoal.objects.filter(task__plan__agency_id__in=ids).values_list(
                    "task__plan__agency_id", "task__plan__year", "task__field_of_action_id"
                ),
            ),
            (
                "measures",
                Measure.objects.filter(task__plan__agency_id__in=ids).values_list(
                    "task__plan__agency_id", "task__plan__year", "task__field_of_action_id"
                ),
            ),
        ):
            for agency_id, year, field_id, n in rows.annotate(n=Count("pk")).order_by():
                self.counts[(agency_id, year)][source][field_id] += n
        self.reported: set[tuple[int, int]] = set()
        results = SubGoalResult.objects.filter(report__agency_id__in=ids).values_list(
            "report__agency_id", "report__year", "reached", "sub_goal__task__field_of_action_id"
        )
        for agency_id, year, reached, field_id, n in results.annotate(n=Count("pk")).order_by():
            self.counts[(agency_id, year)][reached][field_id] += n
            self.reported.add((agency_id, year))
        self.titles: dict[tuple[int, int], list[str]] = defaultdict(list)
        for agency_id, year, title in (
            Task.objects.filter(plan__agency_id__in=ids)
            .order_by("plan__agency_id", "plan__year", "position", "pk")
            .values_list("plan__agency_id", "plan__year", "title")
        ):
            self.titles[(agency_id, year)].append(title)
        self.assignments: dict[int, list[tuple]] = defaultdict(list)
        for agency_id, fte, valid_from, valid_to in Assignment.objects.filter(position__agency_id__in=ids).values_list(
            "position__agency_id", "fte", "valid_from", "valid_to"
        ):
            self.assignments[agency_id].append((fte, valid_from, valid_to))

    def registry(self, agency_id: int, year: int) -> tuple[date, Decimal, int]:
        day = min(date(year, 12, 31), self.today)
        held = [
            fte
            for fte, valid_from, valid_to in self.assignments[agency_id]
            if valid_from <= day and (valid_to is None or valid_to >= day)
        ]
        return day, sum(held, Decimal("0.00")), len(held)

    def known(self, agency_id: int, year: int) -> dict[str, tuple[str, Decimal | None, dict[int, Decimal]]]:
        """source → (provenance, total, parts per field of action), as `controlling_prefill.prefill_for` finds it."""
        found = {}
        counts = self.counts.get((agency_id, year), {})
        if (agency_id, year) in self.titles:
            label = f"aus der Aufgabenplanung {year}"
            for source, key in PLAN_SOURCES.items():
                parts = counts.get(key, Counter())
                found[source] = (label, Decimal(sum(parts.values())), {k: Decimal(v) for k, v in parts.items() if k})
        if (agency_id, year) in self.reported:
            label = f"aus dem Sachbericht {year}"
            for source, reached in REPORT_SOURCES.items():
                parts = counts.get(reached, Counter())
                found[source] = (label, Decimal(sum(parts.values())), {k: Decimal(v) for k, v in parts.items() if k})
        day, fte, heads = self.registry(agency_id, year)
        label = f"aus dem Agenturverzeichnis (Stand {day:%d.%m.%Y})"
        found[Source.REGISTRY_FTE] = (label, fte, {})
        found[Source.REGISTRY_HEADS] = (label, Decimal(heads), {})
        found[Source.COOPERATION_PARTNERS] = ("aus dem Kooperationsnetz", Decimal(0), {})
        return found

    def year(self, year: int, rows: list[dict]) -> None:
        template = self.template_of_year.get(year)
        if template is None:
            return
        new = []
        for obligation in rows:
            key = (obligation["agency_id"], DocumentKind.CONTROLLING_REPORT, year)
            state = CONTROLLING_FOLLOWS.get(obligation["state"])
            if state is None:
                if roll(*key, "draft") >= 50:
                    continue  # missed: no report begun
                state = State.DRAFT
            agency_id = obligation["agency_id"]
            author = self.people["agency"].get(agency_id) or self.owner_id
            report = ControllingReport(
                agency_id=agency_id, year=year, template=template, created_by_id=author, state=state
            )
            created = _at(min(obligation["district_due"] - timedelta(days=60), self.today))
            report.created_at = report.updated_at = created
            if state != State.DRAFT:
                report.submitted_at = _at(obligation["submitted_on"] or self.today)
                report.last_edited_by_id = author
            if obligation["approved_on"]:
                report.approved_at = _at(obligation["approved_on"])
            if obligation["forwarded_on"]:
                report.forwarded_at = _at(obligation["forwarded_on"])
            new.append(report)
        ControllingReport.objects.bulk_create(new, batch_size=BATCH)
        values, answers, log = [], [], []
        for report in new:
            report_values, report_answers = self.contents(report, template)
            values += report_values
            answers += report_answers
            log.append(
                ControllingLogEntry(
                    report=report,
                    action=ControllingLogEntry.Action.REPORT_CREATED,
                    by_id=report.created_by_id,
                    at=report.created_at,
                )
            )
            agency = self.agencies[report.agency_id]
            reviewer = self.people["district"].get(agency["provider__district_id"]) or self.owner_id
            self.history.add(
                report,
                author=report.created_by_id,
                reviewer=reviewer,
                content=self.snapshot(report, template, report_values, report_answers),
                returned_comment="Bitte erläutern Sie die Zahl der Veranstaltungen.",
            )
        KeyFigureValue.objects.bulk_create(values, batch_size=BATCH)
        ControllingAnswer.objects.bulk_create(answers, batch_size=BATCH)
        ControllingLogEntry.objects.bulk_create(log, batch_size=BATCH)
        self.history.flush()

    def contents(self, report: ControllingReport, template) -> tuple[list[KeyFigureValue], list[ControllingAnswer]]:
        """The report's values and answers: prefilled ones confirmed (a draft's still to confirm), manual figures
        around the agency's own level (±10 % a year), breakdowns that add up to the total, large deviations from
        last year explained."""
        agency_id, year, draft = report.agency_id, report.year, report.state == State.DRAFT
        agency = self.agencies[agency_id]
        known = self.known(agency_id, year)
        rng = random.Random(f"{agency_id}-{year}")
        base = random.Random(agency_id)
        manual = {code: bounds for code, *_rest, bounds in FIGURES if bounds}
        values = []
        for figure in self.figures[template.pk]:
            found = known.get(figure.source) if figure.source else None
            label, total, parts = found if found else ("", None, {})
            prefilled = total
            if draft:
                status = ValueStatus.PREFILLED if total is not None else ValueStatus.ENTERED
            elif figure.code == "kooperationspartner":
                total, status = Decimal(base.randint(3, 15) + rng.randint(0, 1)), ValueStatus.CORRECTED
            elif total is not None:
                status = ValueStatus.CONFIRMED
            else:  # nothing in Agenturnetz (no Sachbericht yet): the agency typed its own figure
                status = ValueStatus.ENTERED
                if figure.code in manual:
                    low, high = manual[figure.code]
                    level = base.randint(low, high)
                    total = Decimal(max(low, round(level * rng.uniform(0.9, 1.1))))
                else:
                    total = Decimal(rng.randint(0, 3))
                parts = {agency["primary_field_id"]: total} if figure.by_field_of_action else {}
            explanation = ""
            if not draft and total is not None:
                previous = self.previous.get((agency_id, figure.code))
                if deviation_message(total, previous, template.deviation_percent):
                    explanation = "Schwankung durch Stellenbesetzung und neue Kooperationen im Quartier."
                self.previous[(agency_id, figure.code)] = total
            values.append(
                KeyFigureValue(
                    report_id=report.pk,
                    figure_id=figure.pk,
                    value=total,
                    prefilled_value=prefilled,
                    source_label=label,
                    status=status,
                    explanation=explanation,
                )
            )
            if figure.by_field_of_action:
                for field in self.fields:
                    part = parts.get(field.pk, Decimal(0)) if total is not None else None
                    values.append(
                        KeyFigureValue(
                            report_id=report.pk,
                            figure_id=figure.pk,
                            field_of_action_id=field.pk,
                            value=part,
                            prefilled_value=parts.get(field.pk, Decimal(0)) if prefilled is not None else None,
                            source_label=label,
                            status=status,
                        )
                    )
        answers = []
        titles = self.titles.get((agency_id, year), [])
        plan_fields = sorted(
            {code for code in (self.codes.get(k) for k in known.get(Source.PLAN_TASKS, ("", 0, {}))[2]) if code}
        )
        done = ValueStatus.PREFILLED if draft else ValueStatus.CONFIRMED
        for question in self.questions[template.pk]:
            answer = ControllingAnswer(report_id=report.pk, question_id=question.pk)
            if question.source == Source.PLAN_TASK_TITLES and titles:
                answer.text, answer.status = "\n".join(titles), done
                answer.source_label = f"aus der Aufgabenplanung {year}"
            elif question.source == Source.PLAN_FIELDS and plan_fields:
                answer.option_keys, answer.status = plan_fields, done
                answer.source_label = f"aus der Aufgabenplanung {year}"
            elif not draft:
                if question.code == "handlungsfelder":
                    answer.option_keys = [self.codes[agency["primary_field_id"]]]
                elif question.code == "stand_umsetzung":
                    answer.option_keys = [rng.choice(["planmaessig", "planmaessig", "teilweise"])]
                elif question.code == "selbstevaluation":
                    answer.option_keys = ["ja"]
                elif question.code == "schwierigkeiten":
                    answer.text = rng.choice(DIFFICULTIES)
                elif question.code == "aufgaben_titel":
                    answer.text = "Begegnungsangebote im Quartier"
            answers.append(answer)
        return values, answers

    def snapshot(self, report, template, values: list[KeyFigureValue], answers: list[ControllingAnswer]) -> dict:
        """`controlling_content.snapshot` built from the rows in memory (the same shape, no queries)."""
        agency = self.agencies[report.agency_id]
        rows: dict[int, dict] = {}
        for value in values:
            figure = self.figure_by_id[value.figure_id]
            row = rows.setdefault(
                figure.pk, {"id": figure.code, "label": figure.label, "unit": figure.unit, "parts": []}
            )
            shown = _number(value.value, figure.places) if value.value is not None else ""
            if value.field_of_action_id is None:
                row.update(
                    value=shown,
                    status=self.status_labels[value.status],
                    source=value.source_label,
                    prefilled=_number(value.prefilled_value, figure.places)
                    if value.prefilled_value is not None
                    else "",
                    explanation=value.explanation,
                )
            else:
                field = self.field_by_id[value.field_of_action_id]
                row["parts"].append({"id": field.code, "label": field.name, "value": shown})
        answer_rows = []
        for answer in answers:
            question = self.question_by_id[answer.question_id]
            if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.YES_NO):
                labels = dict(question.option_list())
                text = ", ".join(labels.get(key, key) for key in answer.option_keys)
            else:
                text = answer.text
            answer_rows.append(
                {
                    "id": question.code,
                    "label": question.text,
                    "answer": text,
                    "status": self.status_labels[answer.status],
                    "source": answer.source_label,
                }
            )
        return {
            "meta": {
                "title": f"Online-Controlling {report.year}",
                "agency": agency["name"],
                "provider": agency["provider__name"],
                "district": agency["provider__district__name"],
                "municipality": agency["municipality__name"],
                "year": report.year,
                "template": str(template),
            },
            "sections": [
                {"key": "figures", "title": "Kennzahlen", "content": list(rows.values())},
                {"key": "questions", "title": "Fragen zur Planung und Umsetzung", "content": answer_rows},
            ],
        }


@transaction.atomic
def seed_controlling(*, agencies: int, years: int, today: date) -> None:
    """Online-Controlling in the state of its obligation (funding.scale decided those): one template per phase and
    one report per agency and finished year — forwarded, approved, submitted or returned as the obligation says, a
    prefilled draft for half the open ones, none for the rest (missed)."""
    timestamps = [ControllingReport._meta.get_field(name) for name in ("created_at", "updated_at")]
    timestamps += [ControllingLogEntry._meta.get_field("at"), ControllingTemplate._meta.get_field("created_at")]
    with historic_timestamps(*timestamps):
        seeder = ControllingSeeder(today=today)
        by_year: dict[int, list[dict]] = defaultdict(list)
        for row in seeder.obligations:
            by_year[row["year"]].append(row)
        for year in sorted(by_year):
            seeder.year(year, by_year[year])
