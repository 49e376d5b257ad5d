"""Demo data of the planning app: analyses, task plans and activity reports of several agencies in different
states – one returned with comments, one forwarded with its stored PDF. Idempotent: an agency that already has
documents is left alone."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db import transaction

from agencies.models import Agency, FieldOfAction, PartnerOrganisation
from core.models import User
from funding.demo import ensure_phase as ensure_funding_phase
from funding.demo import phase_bounds
from funding.models import DocumentKind, FundingPhase, FundingYear, TemplateVersion
from planning.models import DataPoint, Measure, Need, SocialSpaceAnalysis, SubGoal, SubGoalResult, Task, TaskPlan
from planning.services import documents
from planning.services.workflow import approve, comment_section, forward, return_document, submit


def ensure_phases(today: date) -> list[FundingPhase]:
    """The funding demo's phases around today (previous, current, next), each with current templates (Raster)
    for the three planning documents. Uses the funding demo's own phase layout, so the two seeders agree."""
    phases = []
    for name, starts_on, ends_on in phase_bounds(today):
        phase = FundingPhase.objects.filter(name=name).first() or ensure_funding_phase(name, starts_on, ends_on, today)
        for number, year in enumerate(phase.years, start=1):
            FundingYear.objects.get_or_create(year=year, defaults={"phase": phase, "number": number})
        for kind in (DocumentKind.SOCIAL_SPACE_ANALYSIS, DocumentKind.TASK_PLAN, DocumentKind.ACTIVITY_REPORT):
            if not TemplateVersion.objects.filter(phase=phase, document_kind=kind, is_current=True).exists():
                TemplateVersion.objects.get_or_create(
                    phase=phase,
                    document_kind=kind,
                    version=f"Raster {phase.starts_on.year}",
                    defaults={"valid_from": phase.starts_on, "is_current": True},
                )
        phases.append(phase)
    return phases


@dataclass(frozen=True)
class DemoTask:
    title: str
    need: int  # index into the analysis' needs
    rationale: str
    goal: str
    sub_goals: tuple[tuple[str, str, str, str, str], ...]  # description, indicator, target, unit, criterion
    measures: tuple[tuple[str, int, int], ...]  # description, from month, to month


ESSEN_DATA = (
    (
        "Anteil der Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit",
        "31.4",
        "%",
        "Amt für Statistik, Stadt Essen",
        2024,
    ),
    (
        "Kinder unter 6 Jahren mit Sprachförderbedarf bei der Schuleingangsuntersuchung",
        "46.0",
        "%",
        "Gesundheitsamt Essen",
        2024,
    ),
    ("Empfängerinnen und Empfänger von Leistungen nach SGB II", "24.8", "%", "Jobcenter Essen", 2024),
    ("Vereine und Initiativen mit Angeboten im Quartier", "12", "Anzahl", "eigene Erhebung der IA", 2024),
)
ESSEN_NEEDS = (
    (
        "Zugang zu Vereinen und Ehrenamt für Zugewanderte öffnen",
        "buergerschaftliches-engagement",
        "Viele Neuzugewanderte kennen die Vereine im Quartier nicht; Vereine berichten von fehlendem Nachwuchs.",
    ),
    (
        "Interkulturelle Öffnung der Kitas und Familienzentren",
        "interkulturelle-oeffnung",
        "Eltern mit Migrationsgeschichte nutzen Elterncafés und Beratungen kaum.",
    ),
    (
        "Begegnungsorte im Quartier Altendorf schaffen",
        "sozialraumorientierte-arbeit",
        "Es fehlen nicht-kommerzielle Treffpunkte, an denen Nachbarinnen und Nachbarn sich begegnen.",
    ),
)
ESSEN_TASKS = (
    DemoTask(
        "Vereine im Quartier für neue Mitglieder mit Migrationsgeschichte öffnen",
        0,
        "Die Analyse zeigt: Zugewanderte finden kaum Zugang zu den zwölf Vereinen im Stadtteil, die Vereine suchen "
        "Nachwuchs.",
        "Vereine im Quartier gewinnen neue Mitglieder mit Migrationsgeschichte und verstehen sich als offen.",
        (
            ("Vereine nehmen an der Schulung „Verein für alle“ teil", "teilnehmende Vereine", "6", "Vereine", ""),
            ("Neue Ehrenamtliche mit Migrationsgeschichte engagieren sich", "neue Ehrenamtliche", "15", "Personen", ""),
        ),
        (
            ("Schulungsreihe „Verein für alle“ mit dem Stadtsportbund", 2, 4),
            ("Vereinsmesse auf dem Stadtteilfest", 9, 9),
        ),
    ),
    DemoTask(
        "Familienzentren öffnen sich für Eltern mit Migrationsgeschichte",
        1,
        "Elterncafés und Beratungen der Familienzentren werden von zugewanderten Eltern kaum genutzt.",
        "Die Familienzentren im Stadtteil erreichen Eltern mit Migrationsgeschichte besser.",
        (
            (
                "Teams der Familienzentren kennen Methoden interkultureller Elternarbeit",
                "",
                "",
                "",
                "Alle drei Teams haben einen Workshop besucht und ein Angebot angepasst.",
            ),
        ),
        (("Workshops für die Teams der drei Familienzentren", 1, 3), ("Mehrsprachiges Elterncafé begleiten", 4, 12)),
    ),
)

MARXLOH_NEEDS = (
    (
        "Nachbarschaftliches Zusammenleben in Marxloh stärken",
        "sozialraumorientierte-arbeit",
        "Konflikte um Müll und Lärm zwischen alteingesessenen und neu zugezogenen Familien aus Südosteuropa.",
    ),
    (
        "Diskriminierung auf dem Wohnungsmarkt sichtbar machen",
        "antidiskriminierungsarbeit",
        "Ratsuchende berichten von Absagen bei Wohnungsbesichtigungen wegen ihres Namens.",
    ),
)
MARXLOH_TASKS = (
    DemoTask(
        "Nachbarschaftsdialog Marxloh",
        0,
        "Die Analyse zeigt wiederkehrende Konflikte im Wohnumfeld und wenig Kontakt zwischen den Gruppen.",
        "Nachbarinnen und Nachbarn lösen Konflikte im Gespräch und gestalten ihr Wohnumfeld gemeinsam.",
        (("Nachbarschaftsgespräche finden statt", "Gesprächsrunden", "10", "Termine", ""),),
        (("Moderierte Hausgemeinschaftsgespräche mit der Wohnungsgesellschaft", 3, 11),),
    ),
)


def _analysis(agency, year, by, *, data, needs, ki_name) -> SocialSpaceAnalysis:
    analysis = documents.create_analysis(agency=agency, year=year, by=by)
    analysis.findings = (
        "Der Stadtteil ist jung und vielfältig: Fast ein Drittel der Bewohnerinnen und Bewohner hat keine deutsche "
        "Staatsangehörigkeit, viele Familien leben von Transferleistungen. Angebote der Regeldienste erreichen "
        "Zugewanderte nur zum Teil; es fehlen Orte der Begegnung."
    )
    analysis.integration_concept = (
        "Die Agentur wirkt im Arbeitskreis zum kommunalen Integrationskonzept mit und bezieht sich auf dessen "
        "Handlungsfelder Teilhabe und Interkulturelle Öffnung."
    )
    analysis.ki_partner = PartnerOrganisation.objects.filter(name=ki_name).first()
    analysis.ki_cooperation = "Vierteljährliche Abstimmung der Schwerpunkte mit dem Kommunalen Integrationszentrum."
    analysis.local_coordination = "Abstimmung der Aufgaben mit den Agenturen anderer Träger im Stadtteil."
    analysis.save()
    analysis.social_spaces.set(agency.social_spaces.all())
    analysis.coordinated_agencies.set(Agency.objects.filter(municipality=agency.municipality).exclude(pk=agency.pk)[:2])
    for position, (indicator, value, unit, source, ref_year) in enumerate(data):
        DataPoint.objects.create(
            analysis=analysis,
            position=position,
            indicator=indicator,
            value=Decimal(value),
            unit=unit,
            source=source,
            reference_year=ref_year,
        )
    fields = {f.code: f for f in FieldOfAction.objects.all()}
    for position, (title, field, description) in enumerate(needs):
        Need.objects.create(
            analysis=analysis, position=position, title=title, field_of_action=fields[field], description=description
        )
    return analysis


def _plan(agency, year, by, analysis, tasks) -> TaskPlan:
    plan = documents.create_plan(agency=agency, year=year, by=by)
    needs = list(analysis.needs.all())
    staff = agency.provider.staff.first()
    for position, item in enumerate(tasks):
        need = needs[item.need]
        task = Task.objects.create(
            plan=plan,
            position=position,
            title=item.title,
            field_of_action=need.field_of_action,
            rationale=item.rationale,
            goal=item.goal,
            partners="Stadtteilbüro, Kommunales Integrationszentrum",
        )
        task.needs.add(need)
        for index, (description, indicator, target, unit, criterion) in enumerate(item.sub_goals):
            SubGoal.objects.create(
                task=task,
                position=index,
                description=description,
                indicator=indicator,
                target_value=Decimal(target) if target else None,
                unit=unit,
                qualitative_criterion=criterion,
            )
        for index, (description, start, end) in enumerate(item.measures):
            Measure.objects.create(
                task=task, position=index, description=description, start_month=start, end_month=end, responsible=staff
            )
    return plan


def _fill_report(report) -> None:
    report.summary = (
        "Die geplanten Aufgaben wurden weitgehend umgesetzt. Die Zusammenarbeit mit Vereinen und Familienzentren "
        "hat sich verstetigt; nicht alle Zielwerte wurden erreicht."
    )
    report.save()
    for row in report.measure_reports.select_related("measure"):
        row.what_was_done = f"Umgesetzt wie geplant: {row.measure.description}. Dokumentation liegt vor."
        row.save()
    for index, result in enumerate(report.results.select_related("sub_goal")):
        goal = result.sub_goal
        if index % 2:
            result.reached = SubGoalResult.Reached.PARTLY
            result.actual_value = (goal.target_value or 0) * Decimal("0.6") if goal.target_value else None
            result.deviation_reasons = "Zwei Termine fielen wegen Krankheit aus; sie werden im Folgejahr nachgeholt."
        else:
            result.reached = SubGoalResult.Reached.YES
            result.actual_value = goal.target_value
        result.save()


@transaction.atomic
def seed(*, today: date) -> None:
    ensure_phases(today)
    last_year, this_year = today.year - 1, today.year
    users = {
        user.username: user
        for user in User.objects.filter(
            username__in=["fachkraft", "fachkraft2", "koordination", "koordination2", "admin"]
        )
    }
    if len(users) < 5:
        return
    specialist, coordinator = users["fachkraft"], users["koordination"]
    essen = Agency.objects.get(name="Essen", provider__name="AWO Kreisverband Essen e. V.")
    marxloh = Agency.objects.get(name="Duisburg-Marxloh")
    moers = Agency.objects.get(name="Wesel-Moers")
    altendorf = Agency.objects.get(name="Caritas Essen-Altendorf")

    if not SocialSpaceAnalysis.objects.filter(agency=essen).exists():
        # Essen: analysis and plan of last year forwarded (stored PDFs), last year's report submitted,
        # this year's plan returned.
        analysis = _analysis(
            essen,
            last_year,
            specialist,
            data=ESSEN_DATA,
            needs=ESSEN_NEEDS,
            ki_name="Kommunales Integrationszentrum Essen",
        )
        submit(document=analysis, by=specialist)
        approve(document=analysis, by=coordinator)
        forward(document=analysis, by=coordinator)
        plan = _plan(essen, last_year, specialist, analysis, ESSEN_TASKS)
        submit(document=plan, by=specialist)
        approve(document=plan, by=coordinator, comment="Gut abgeleitet aus der Analyse.")
        forward(document=plan, by=coordinator)
        report = documents.create_report(agency=essen, year=last_year, by=specialist)
        _fill_report(report)
        submit(document=report, by=specialist)
        plan_this_year = _plan(essen, this_year, specialist, analysis, ESSEN_TASKS[:1])
        submit(document=plan_this_year, by=specialist)
        task = plan_this_year.tasks.first()
        comment_section(
            document=plan_this_year,
            section_key=task.section_key,
            body="Bitte ergänzen Sie ein Teilziel zur Verstetigung: Wie viele Vereine bleiben dauerhaft dabei?",
            by=coordinator,
        )
        return_document(
            document=plan_this_year, by=coordinator, comment="Bitte die Teilziele der ersten Aufgabe nachschärfen."
        )

    if not SocialSpaceAnalysis.objects.filter(agency=marxloh).exists():
        # Duisburg-Marxloh: analysis approved, this year's plan submitted (waits in the inbox).
        admin = users["admin"]
        analysis = _analysis(
            marxloh,
            last_year,
            admin,
            data=ESSEN_DATA[:2],
            needs=MARXLOH_NEEDS,
            ki_name="Kommunales Integrationszentrum Duisburg",
        )
        submit(document=analysis, by=admin)
        approve(document=analysis, by=coordinator)
        plan = _plan(marxloh, this_year, admin, analysis, MARXLOH_TASKS)
        submit(document=plan, by=admin)

    if not SocialSpaceAnalysis.objects.filter(agency=moers).exists():
        admin = users["admin"]
        analysis = _analysis(
            moers,
            last_year,
            admin,
            data=ESSEN_DATA[:1],
            needs=MARXLOH_NEEDS[:1],
            ki_name="Kommunales Integrationszentrum Kreis Wesel",
        )
        submit(document=analysis, by=admin)

    if not SocialSpaceAnalysis.objects.filter(agency=altendorf).exists():
        # Caritas Essen-Altendorf: a draft analysis in progress and a draft plan.
        analysis = _analysis(
            altendorf,
            last_year,
            users["fachkraft2"],
            data=ESSEN_DATA[:3],
            needs=ESSEN_NEEDS[2:],
            ki_name="Kommunales Integrationszentrum Essen",
        )
        _plan(altendorf, this_year, users["fachkraft2"], analysis, (replace(ESSEN_TASKS[1], need=0),))
