"""Bulk planning documents for benchmarks: per agency a Sozialraumanalyse per phase, an Aufgabenplanung per year and
a Sachbericht per finished year, each in the state of its obligation (funding.scale decided those), with frozen
revisions and the transition log of every step (submitted, some returned and resubmitted, approved, forwarded).

Everything goes through bulk_create, one funding year at a time. The revision content has the shape of
`planning.snapshots` but is built from the rows in memory (calling the snapshot per document would cost a dozen
queries each). The first agency gets long task plans and reports (14 tasks), so the document page and the PDF are
measured on a Sachbericht of about twenty pages. Stored PDFs are not rendered here: at ~0.3 s each, rendering the
tens of thousands of forwarded documents would take hours; the benchmark renders and stores the few it needs.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, FieldOfAction
from agencies.scale import historic_timestamps, users_by_unit
from core.workflow import Revision, State, Transition, content_hash
from funding.models import DocumentKind, Obligation, ObligationState, TemplateVersion
from funding.scale import roll
from planning.models import (
    ActivityReport,
    DataPoint,
    Measure,
    MeasureReport,
    Need,
    SocialSpaceAnalysis,
    SubGoal,
    SubGoalResult,
    Task,
    TaskPlan,
)

BATCH = 2000
LONG_TASKS = 14  # tasks of the first agency's plans: its Sachbericht runs to about twenty PDF pages
FOLLOWS = {
    ObligationState.SUBMITTED: State.SUBMITTED,
    ObligationState.RETURNED: State.RETURNED,
    ObligationState.APPROVED: State.APPROVED,
    ObligationState.FORWARDED: State.FORWARDED,
}
INDICATORS = (
    ("Anteil der Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit", "%", "Amt für Statistik"),
    ("Kinder unter 6 Jahren mit Sprachförderbedarf", "%", "Gesundheitsamt"),
    ("Vereine und Initiativen mit Angeboten im Quartier", "Anzahl", "eigene Erhebung der IA"),
)
NEEDS = (
    "Zugang zu Vereinen und Ehrenamt für Zugewanderte öffnen",
    "Interkulturelle Öffnung der Kitas und Familienzentren",
    "Begegnungsorte im Quartier schaffen",
)
TASK_TITLES = (
    "Vereine im Quartier für neue Mitglieder mit Migrationsgeschichte öffnen",
    "Familienzentren öffnen sich für Eltern mit Migrationsgeschichte",
    "Nachbarschaftstreff im Quartier aufbauen",
    "Beschwerdestelle gegen Diskriminierung bekannt machen",
)
LOREM = (
    "Die Analyse zeigt, dass Zugewanderte im Stadtteil kaum Zugang zu den bestehenden Angeboten finden. Gemeinsam "
    "mit Vereinen, Kitas und dem Kommunalen Integrationszentrum arbeiten wir daran, Hürden abzubauen und "
    "Begegnung im Alltag möglich zu machen."
)


@dataclass
class Plan:
    """One task plan in memory with its rows, so the report and both revisions can be built without queries."""

    document: TaskPlan
    tasks: list[Task] = field(default_factory=list)
    sub_goals: dict[int, list[SubGoal]] = field(default_factory=dict)  # by task index
    measures: dict[int, list[Measure]] = field(default_factory=dict)
    needs: dict[int, list[Need]] = field(default_factory=dict)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _meta(agency: dict, year: int, template: TemplateVersion, kind_label: str, title: str, years: str) -> dict:
    return {
        "kind_label": kind_label,
        "agency": agency["name"],
        "provider": agency["provider__name"],
        "district": agency["provider__district__name"],
        "municipality": agency["municipality__name"],
        "year": year,
        "template_version": template.version,
        "title": title,
        "years": years,
    }


class History:
    """Revisions and transitions of bulk-seeded documents, collected in memory and written in two statements.
    Shared by the scalers of the higher apps (finance, reporting), whose documents use the same workflow."""

    def __init__(self):
        self.revisions: list[tuple[object, Revision]] = []
        self.transitions: list[tuple[object, Transition, int]] = []  # (document, row, revision index or -1)

    def add(
        self,
        document,
        *,
        author: int,
        reviewer: int,
        content: dict,
        returned_share: int = 20,
        forward_comment: str = "",
        returned_comment: str = "Bitte ergänzen Sie die Teilziele um Zielwerte.",
    ) -> None:
        """The path of `document` to its state (submitted_at/approved_at/forwarded_at already set): a revision
        frozen at every submission, a Transition per step; `returned_share` % of the approved ones went back once."""
        state = document.state
        if state == State.DRAFT:
            return
        submitted = document.submitted_at
        returned_once = state in (State.APPROVED, State.FORWARDED) and roll(document.pk, "returned") < returned_share
        steps = [(State.DRAFT, State.SUBMITTED, author, submitted, True)]
        if returned_once:
            steps += [
                (State.SUBMITTED, State.RETURNED, reviewer, submitted + timedelta(hours=3), False),
                (State.RETURNED, State.SUBMITTED, author, submitted + timedelta(hours=6), True),
            ]
        if state == State.RETURNED:
            steps.append((State.SUBMITTED, State.RETURNED, reviewer, submitted + timedelta(days=2), False))
        if state in (State.APPROVED, State.FORWARDED):
            steps.append((State.SUBMITTED, State.APPROVED, reviewer, document.approved_at, False))
        if state == State.FORWARDED:
            steps.append((State.APPROVED, State.FORWARDED, reviewer, document.forwarded_at, False))
        number = 0
        for from_state, to_state, by, at, freezes in steps:
            revision_index = -1
            if freezes:
                number += 1
                frozen = dict(content, meta={**content["meta"], "revision": number}) if "meta" in content else content
                revision = Revision(
                    number=number, content=frozen, content_hash=content_hash(frozen), created_at=at, created_by_id=by
                )
                self.revisions.append((document, revision))
                revision_index = len(self.revisions) - 1
            comment = returned_comment if to_state == State.RETURNED else ""
            if to_state == State.FORWARDED:
                comment = forward_comment
            row = Transition(from_state=from_state, to_state=to_state, by_id=by, at=at, comment=comment)
            self.transitions.append((document, row, revision_index))

    def flush(self) -> None:
        """Writes the revisions and transitions collected so far (with their historic timestamps)."""
        for document, revision in self.revisions:
            revision.content_type = ContentType.objects.get_for_model(type(document))
            revision.object_id = document.pk
        with historic_timestamps(Revision._meta.get_field("created_at"), Transition._meta.get_field("at")):
            created = Revision.objects.bulk_create([r for _, r in self.revisions], batch_size=BATCH)
            rows = []
            for document, row, revision_index in self.transitions:
                row.content_type = ContentType.objects.get_for_model(type(document))
                row.object_id = document.pk
                row.revision = created[revision_index] if revision_index >= 0 else None
                rows.append(row)
            Transition.objects.bulk_create(rows, batch_size=BATCH)
        self.revisions, self.transitions = [], []


class Seeder:
    def __init__(self, *, today: date):
        self.today = today
        self.fields = list(FieldOfAction.objects.order_by("position"))
        self.people = users_by_unit()
        self.agencies = {
            row["pk"]: row
            for row in Agency.objects.filter(name__startswith="Skala-").values(
                "pk",
                "name",
                "provider__name",
                "provider__district_id",
                "provider__district__name",
                "municipality__name",
            )
        }
        self.long_agency = min(self.agencies) if self.agencies else None
        self.templates = {(tv.phase_id, tv.document_kind): tv for tv in TemplateVersion.objects.filter(is_current=True)}
        self.obligations: dict[tuple, dict] = {}
        kinds = (DocumentKind.SOCIAL_SPACE_ANALYSIS, DocumentKind.TASK_PLAN, DocumentKind.ACTIVITY_REPORT)
        for row in Obligation.objects.filter(
            document_kind__in=kinds, agency_id__in=list(self.agencies), cancelled_on__isnull=True
        ).values(
            "agency_id",
            "document_kind",
            "year",
            "state",
            "district_due",
            "submitted_on",
            "approved_on",
            "forwarded_on",
            "rule__phase_id",
        ):
            self.obligations[(row["agency_id"], row["document_kind"], row["year"])] = row
        self.needs_by_agency: dict[int, list[Need]] = {}
        self.log = History()

    # ----------------------------------------------------------------------------------------------------- states
    def document_state(self, obligation: dict, draft_share: int) -> str | None:
        """The workflow state that matches the obligation; an open one has a draft (`draft_share` % of them)."""
        if obligation["state"] in FOLLOWS:
            return FOLLOWS[obligation["state"]]
        key = (obligation["agency_id"], obligation["document_kind"], obligation["year"])
        return State.DRAFT if roll(*key, "draft") < draft_share else None

    def stamp(self, document, obligation: dict, state: str) -> None:
        """Workflow timestamps from the obligation's step dates (a returned one was submitted on its date)."""
        created = obligation["district_due"] - timedelta(days=60)
        document.created_at = document.updated_at = _at(min(created, self.today))
        if state != State.DRAFT:
            document.submitted_at = _at(obligation["submitted_on"] or self.today)
        if obligation["approved_on"]:
            document.approved_at = _at(obligation["approved_on"])
        if obligation["forwarded_on"]:
            document.forwarded_at = _at(obligation["forwarded_on"])

    def history(self, document, obligation: dict, content: dict) -> None:
        """Revisions and transitions of the document's path to its state; one in five went back once."""
        agency_id = document.agency_id
        author = self.people["agency"].get(agency_id) or document.created_by_id
        reviewer = self.people["district"].get(self.agencies[agency_id]["provider__district_id"]) or author
        self.log.add(document, author=author, reviewer=reviewer, content=content)

    # ---------------------------------------------------------------------------------------------------- writers
    def analyses(self, year: int) -> None:
        new = []
        for agency_id in self.agencies:
            obligation = self.obligations.get((agency_id, DocumentKind.SOCIAL_SPACE_ANALYSIS, year))
            if obligation is None:
                continue
            state = self.document_state(obligation, draft_share=40)
            if state is None:
                continue
            document = SocialSpaceAnalysis(
                agency_id=agency_id,
                year=year,
                template_version=self.templates[(obligation["rule__phase_id"], DocumentKind.SOCIAL_SPACE_ANALYSIS)],
                created_by_id=self.people["agency"].get(agency_id),
                state=state,
                primary_field=self.fields[agency_id % 4],
                findings=LOREM,
                integration_concept="Die Agentur arbeitet in der Lenkungsgruppe des Integrationskonzepts mit.",
                ki_cooperation="Abstimmung zweimal im Jahr mit dem Kommunalen Integrationszentrum.",
            )
            self.stamp(document, obligation, state)
            new.append((document, obligation))
        if not new:
            return
        created = SocialSpaceAnalysis.objects.bulk_create([d for d, _ in new], batch_size=BATCH)
        points, needs = [], []
        for document in created:
            points += [
                DataPoint(
                    analysis=document,
                    position=i,
                    indicator=indicator,
                    value=Decimal(10 + (document.pk + i) % 40),
                    unit=unit,
                    source=source,
                    reference_year=year - 1,
                )
                for i, (indicator, unit, source) in enumerate(INDICATORS)
            ]
            needs += [
                Need(
                    analysis=document,
                    position=i,
                    title=title,
                    description=LOREM,
                    field_of_action=self.fields[i % len(self.fields)],
                )
                for i, title in enumerate(NEEDS)
            ]
        DataPoint.objects.bulk_create(points, batch_size=BATCH)
        Need.objects.bulk_create(needs, batch_size=BATCH)
        by_analysis: dict[int, list] = {}
        for need in needs:
            by_analysis.setdefault(need.analysis_id, []).append(need)
        for document, obligation in new:
            rows = by_analysis[document.pk]
            self.needs_by_agency[document.agency_id] = rows
            agency = self.agencies[document.agency_id]
            content = {
                "meta": {
                    "kind": SocialSpaceAnalysis.URL_KIND,
                    **_meta(
                        agency,
                        year,
                        document.template_version,
                        "Sozialraumanalyse",
                        f"Sozialraumanalyse {year}–{year + 1}",
                        f"{year}–{year + 1}",
                    ),
                },
                "sections": [
                    {"key": "findings", "title": "Erkenntnisse", "content": {"Erkenntnisse": LOREM}},
                    {
                        "key": "needs",
                        "title": "Handlungsbedarfe",
                        "content": {
                            "Handlungsbedarfe": [
                                {"id": n.pk, "Nr.": str(i), "Handlungsbedarf": n.title, "Begründung": LOREM}
                                for i, n in enumerate(rows, start=1)
                            ]
                        },
                    },
                ],
            }
            self.history(document, obligation, content)

    def plans(self, year: int) -> dict[int, Plan]:
        plans: dict[int, Plan] = {}
        for agency_id in self.agencies:
            obligation = self.obligations.get((agency_id, DocumentKind.TASK_PLAN, year))
            if obligation is None:
                continue
            state = self.document_state(obligation, draft_share=100)
            document = TaskPlan(
                agency_id=agency_id,
                year=year,
                template_version=self.templates[(obligation["rule__phase_id"], DocumentKind.TASK_PLAN)],
                created_by_id=self.people["agency"].get(agency_id),
                state=state,
            )
            self.stamp(document, obligation, state)
            plans[agency_id] = Plan(document)
        TaskPlan.objects.bulk_create([p.document for p in plans.values()], batch_size=BATCH)
        tasks = []
        for agency_id, plan in plans.items():
            count = LONG_TASKS if agency_id == self.long_agency else 2
            for i in range(count):
                task = Task(
                    plan=plan.document,
                    position=i,
                    title=TASK_TITLES[i % len(TASK_TITLES)] + (f" ({i + 1})" if i >= len(TASK_TITLES) else ""),
                    field_of_action=self.fields[i % len(self.fields)],
                    rationale=LOREM,
                    goal="Zugewanderte und Alteingesessene begegnen sich im Quartier und gestalten es gemeinsam.",
                    partners="Stadtsportbund, Familienzentren, Kommunales Integrationszentrum",
                )
                plan.tasks.append(task)
                tasks.append(task)
        Task.objects.bulk_create(tasks, batch_size=BATCH)
        goals, measures, links = [], [], []
        through = Task.needs.through
        for agency_id, plan in plans.items():
            depth = 4 if agency_id == self.long_agency else 2
            agency_needs = self.needs_by_agency.get(agency_id, [])
            for i, task in enumerate(plan.tasks):
                plan.sub_goals[i] = [
                    SubGoal(
                        task=task,
                        position=k,
                        description=f"Teilziel {k + 1}: Angebote werden regelmäßig besucht",
                        indicator="Teilnehmende",
                        target_value=Decimal(10 + 5 * k),
                        unit="Personen",
                    )
                    for k in range(depth)
                ]
                plan.measures[i] = [
                    Measure(
                        task=task,
                        position=k,
                        description=f"Maßnahme {k + 1}: Workshopreihe mit Partnern im Stadtteil. " + LOREM,
                        start_month=1 + 3 * (k % 4),
                        end_month=3 + 3 * (k % 4),
                    )
                    for k in range(depth)
                ]
                goals += plan.sub_goals[i]
                measures += plan.measures[i]
                if agency_needs:
                    need = agency_needs[i % len(agency_needs)]
                    plan.needs[i] = [need]
                    links.append(through(task_id=task.pk, need_id=need.pk))
        SubGoal.objects.bulk_create(goals, batch_size=BATCH)
        Measure.objects.bulk_create(measures, batch_size=BATCH)
        through.objects.bulk_create(links, batch_size=BATCH)
        for agency_id, plan in plans.items():
            obligation = self.obligations[(agency_id, DocumentKind.TASK_PLAN, year)]
            self.history(plan.document, obligation, self.plan_content(plan))
        return plans

    def plan_content(self, plan: Plan) -> dict:
        document = plan.document
        sections = [{"key": "general", "title": "Grundlagen", "content": {"Förderjahr": str(document.year)}}]
        for i, task in enumerate(plan.tasks):
            sections.append(
                {
                    "key": f"task-{task.pk}",
                    "title": f"Aufgabe {i + 1}: {task.title}",
                    "content": {
                        "Thema": task.title,
                        "Bezug zu den Handlungsbedarfen": ", ".join(n.title for n in plan.needs.get(i, [])),
                        "Anlass/Begründung": task.rationale,
                        "Übergeordnetes Ziel": task.goal,
                        "Teilziele": [
                            {"id": g.pk, "Teilziel": g.description, "Messgröße / Erfolgskriterium": "Teilnehmende"}
                            for g in plan.sub_goals[i]
                        ],
                        "Maßnahmen": [
                            {"id": m.pk, "Maßnahme": m.description, "Zeitraum": m.period_label}
                            for m in plan.measures[i]
                        ],
                    },
                }
            )
        agency = self.agencies[document.agency_id]
        meta = _meta(
            agency,
            document.year,
            document.template_version,
            "Aufgabenplanung",
            f"Aufgabenplanung {document.year}",
            str(document.year),
        )
        return {"meta": {"kind": TaskPlan.URL_KIND, **meta}, "sections": sections}

    def reports(self, year: int, plans: dict[int, Plan]) -> None:
        new = []
        for agency_id, plan in plans.items():
            obligation = self.obligations.get((agency_id, DocumentKind.ACTIVITY_REPORT, year))
            if obligation is None:
                continue
            state = self.document_state(obligation, draft_share=50)
            if state is None:
                continue
            document = ActivityReport(
                agency_id=agency_id,
                year=year,
                task_plan=plan.document,
                template_version=self.templates[(obligation["rule__phase_id"], DocumentKind.ACTIVITY_REPORT)],
                created_by_id=self.people["agency"].get(agency_id),
                state=state,
                summary=LOREM,
            )
            self.stamp(document, obligation, state)
            new.append((document, plan, obligation))
        ActivityReport.objects.bulk_create([d for d, _, _ in new], batch_size=BATCH)
        done, results = [], []
        for document, plan, _ in new:
            for i in range(len(plan.tasks)):
                done += [MeasureReport(report=document, measure=m, what_was_done=LOREM) for m in plan.measures[i]]
                results += [
                    SubGoalResult(
                        report=document,
                        sub_goal=g,
                        actual_value=g.target_value - (k % 2) * 3,
                        reached=SubGoalResult.Reached.YES if k % 2 == 0 else SubGoalResult.Reached.PARTLY,
                        deviation_reasons="" if k % 2 == 0 else "Zwei Termine fielen wegen Krankheit aus.",
                    )
                    for k, g in enumerate(plan.sub_goals[i])
                ]
        MeasureReport.objects.bulk_create(done, batch_size=BATCH)
        SubGoalResult.objects.bulk_create(results, batch_size=BATCH)
        for document, plan, obligation in new:
            sections = [{"key": "general", "title": "Zusammenfassung", "content": {"Zusammenfassung": LOREM}}]
            for i, task in enumerate(plan.tasks):
                sections.append(
                    {
                        "key": f"task-{task.pk}",
                        "title": f"Aufgabe {i + 1}: {task.title}",
                        "content": {
                            "Übergeordnetes Ziel": task.goal,
                            "Umsetzung der Maßnahmen": [
                                {"id": m.pk, "Maßnahme": m.description, "Zeitraum": m.period_label, "Umsetzung": LOREM}
                                for m in plan.measures[i]
                            ],
                            "Teilziele": [
                                {"id": g.pk, "Teilziel": g.description, "Ziel": f"Teilnehmende: {g.target_value}"}
                                for g in plan.sub_goals[i]
                            ],
                        },
                    }
                )
            meta = _meta(
                self.agencies[document.agency_id],
                year,
                document.template_version,
                "Sachbericht",
                f"Sachbericht {year}",
                str(year),
            )
            content = {"meta": {"kind": ActivityReport.URL_KIND, **meta}, "sections": sections}
            self.history(document, obligation, content)

    def flush(self) -> None:
        self.log.flush()


@transaction.atomic
def seed(*, agencies: int, years: int, today: date) -> None:
    seeder = Seeder(today=today)
    all_years = sorted({year for (_, _, year) in seeder.obligations})
    timestamps = [
        SocialSpaceAnalysis._meta.get_field(name) for name in ("created_at", "updated_at")
    ]  # the three document models share the abstract base's fields, but each model has its own field objects
    timestamps += [TaskPlan._meta.get_field(n) for n in ("created_at", "updated_at")]
    timestamps += [ActivityReport._meta.get_field(n) for n in ("created_at", "updated_at")]
    with historic_timestamps(*timestamps):
        for year in all_years:
            seeder.analyses(year)
            plans = seeder.plans(year)
            seeder.reports(year, plans)
            seeder.flush()
