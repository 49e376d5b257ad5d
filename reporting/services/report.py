"""The evaluation of a survey. All data is read in a fixed number of queries (targets, responses, answers,
chosen options, named partners, questions, options) and aggregated in Python, so the cost does not depend on
the number of agencies in queries, and 2,000 responses take well under a second."""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agencies.models import Agency
from reporting.models import Answer, Question, QuestionKind, Response, ResponseState, Survey, SurveyTarget
from reporting.services import network as network_service
from reporting.services.answers import AnswerValue, is_visible
from reporting.services.stats import Bin, Summary, bin_counts, percent, summarise

PARTNER_THRESHOLD = 4  # "places in which agencies have four or more partners" (2013 evaluation)


@dataclass(frozen=True)
class Filters:
    association: int | None = None
    district: int | None = None
    municipality: int | None = None

    def q(self, prefix: str = "agency__") -> Q:
        q = Q()
        if self.association:
            q &= Q(**{f"{prefix}provider__district__welfare_association_id": self.association})
        if self.district:
            q &= Q(**{f"{prefix}provider__district_id": self.district})
        if self.municipality:
            q &= Q(**{f"{prefix}municipality_id": self.municipality})
        return q

    @property
    def active(self) -> bool:
        return bool(self.association or self.district or self.municipality)


@dataclass
class OptionResult:
    key: str
    label: str
    count: int
    percent: Decimal | None  # of the agencies that answered the question
    percent_mentions: Decimal | None  # of all mentions (multiple choice)


@dataclass
class QuestionResult:
    question: Question
    asked: int  # respondents to whom the question was shown
    base: int  # respondents who answered it
    options: list[OptionResult] = field(default_factory=list)
    mentions: int = 0
    other_texts: list[tuple[str | None, str]] = field(default_factory=list)
    texts: list[tuple[str | None, str]] = field(default_factory=list)
    summary: Summary | None = None
    bins: list[Bin] = field(default_factory=list)
    outside_bins: int = 0
    places: list[dict] = field(default_factory=list)
    network: network_service.Network | None = None
    earlier: dict | None = None  # figures of the compared edition, by option key / bin label

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def is_multiple(self) -> bool:
        return self.question.kind == QuestionKind.MULTIPLE

    @property
    def key(self) -> str:
        return self.question.key


@dataclass
class Report:
    survey: Survey
    filters: Filters
    target_count: int
    respondent_count: int
    questions: list[QuestionResult]
    named: bool  # whether agency names may be shown (owner)
    earlier: "Report | None" = None

    @property
    def rate(self) -> Decimal | None:
        return percent(self.respondent_count, self.target_count)

    def by_key(self) -> dict[str, QuestionResult]:
        return {result.key: result for result in self.questions}


def _node(agency: dict) -> network_service.Node:
    return network_service.Node(
        pk=agency["pk"],
        name=agency["name"],
        municipality=agency["municipality__name"],
        association=agency["provider__district__welfare_association__short_name"],
        colour=agency["provider__district__welfare_association__colour"],
    )


AGENCY_FIELDS = (
    "pk",
    "name",
    "municipality__name",
    "provider__district__welfare_association__short_name",
    "provider__district__welfare_association__colour",
)


def compute(survey: Survey, *, filters: Filters = Filters(), named: bool = False) -> Report:
    """Aggregates the submitted responses of the survey's snapshot agencies matching `filters`."""
    target_ids = list(SurveyTarget.objects.filter(filters.q(), survey=survey).values_list("agency_id", flat=True))
    submitted = Response.objects.filter(
        survey=survey,
        state=ResponseState.SUBMITTED,
        agency_id__in=SurveyTarget.objects.filter(filters.q(), survey=survey).values("agency_id"),
    )
    responses = dict(submitted.values_list("pk", "agency_id"))
    questions = list(survey.questions.prefetch_related("options").order_by("position", "pk"))
    values: dict[int, dict[int, AnswerValue]] = defaultdict(dict)  # response → question → value
    answer_owner: dict[int, tuple[int, int]] = {}
    answers = Answer.objects.filter(response__in=submitted)
    for pk, response_id, question_id, other_text, number, text in answers.values_list(
        "pk", "response_id", "question_id", "other_text", "number", "text"
    ):
        values[response_id][question_id] = AnswerValue(other_text=other_text, number=number, text=text)
        answer_owner[pk] = (response_id, question_id)
    for answer_id, key in Answer.options.through.objects.filter(answer__in=answers).values_list(
        "answer_id", "option__key"
    ):
        response_id, question_id = answer_owner[answer_id]
        values[response_id][question_id].option_keys.append(key)
    partner_pairs: list[tuple[int, int, int]] = []  # (question, naming agency, named agency)
    for answer_id, agency_id in Answer.partners.through.objects.filter(answer__in=answers).values_list(
        "answer_id", "agency_id"
    ):
        response_id, question_id = answer_owner[answer_id]
        values[response_id][question_id].partner_ids.append(agency_id)
        partner_pairs.append((question_id, responses[response_id], agency_id))
    involved = set(responses.values()) | {named_id for _q, _a, named_id in partner_pairs}
    agencies = {row["pk"]: row for row in Agency.objects.filter(pk__in=involved).values(*AGENCY_FIELDS)}

    by_id = {question.pk: question for question in questions}
    results = []
    for question in questions:
        shown = [response_id for response_id in responses if is_visible(question, values.get(response_id, {}), by_id)]
        results.append(_evaluate(question, shown, values, responses, agencies, partner_pairs, named=named))
    return Report(
        survey=survey,
        filters=filters,
        target_count=len(target_ids),
        respondent_count=len(responses),
        questions=results,
        named=named,
    )


def _evaluate(question, shown, values, responses, agencies, partner_pairs, *, named) -> QuestionResult:
    answered = {rid: values[rid][question.pk] for rid in shown if question.pk in values.get(rid, {})}
    result = QuestionResult(question=question, asked=len(shown), base=len(answered))

    def who(response_id):
        return agencies[responses[response_id]]["name"] if named else None

    if question.is_choice:
        counts = Counter(key for value in answered.values() for key in value.option_keys)
        others = [(rid, value.other_text) for rid, value in answered.items() if value.other_text.strip()]
        result.mentions = sum(counts.values()) + len(others)
        for option in question.options.all():
            count = counts.get(option.key, 0)
            result.options.append(
                OptionResult(
                    option.key,
                    option.label,
                    count,
                    percent(count, result.base),
                    percent(count, result.mentions),
                )
            )
        if question.allow_other:
            result.options.append(
                OptionResult(
                    "sonstiges",
                    _("Sonstiges"),
                    len(others),
                    percent(len(others), result.base),
                    percent(len(others), result.mentions),
                )
            )
        result.other_texts = sorted((who(rid), text) for rid, text in others)
    elif question.kind == QuestionKind.NUMBER:
        numbers = [value.number for value in answered.values() if value.number is not None]
        result.summary = summarise(numbers)
        result.bins, result.outside_bins = bin_counts(numbers, question.bin_ranges)
    elif question.kind == QuestionKind.TEXT:
        result.texts = sorted((who(rid), value.text) for rid, value in answered.items())
    elif question.kind == QuestionKind.AGENCY:
        # Every respondent shown the question counts: naming no partner is the answer "0".
        result.base = len(shown)
        partner_counts = {
            rid: len(set(values.get(rid, {}).get(question.pk, AnswerValue()).partner_ids)) for rid in shown
        }
        numbers = list(partner_counts.values())
        result.summary = summarise(numbers)
        result.bins, result.outside_bins = bin_counts(numbers, question.bin_ranges)
        result.places = _places(partner_counts, responses, agencies)
        nodes = {pk: _node(row) for pk, row in agencies.items()}
        pairs = {(a, b) for qid, a, b in partner_pairs if qid == question.pk}
        result.network = network_service.build(nodes, pairs)
    return result


def _places(partner_counts: dict[int, int], responses, agencies) -> list[dict]:
    """Per municipality: responding agencies, mean partners, agencies with four or more partners."""
    places: dict[str, list[int]] = defaultdict(list)
    for response_id, count in partner_counts.items():
        places[agencies[responses[response_id]]["municipality__name"]].append(count)
    rows = [
        {
            "name": name,
            "agencies": len(counts),
            "mean": Decimal(sum(counts)) / len(counts),
            "many": sum(1 for count in counts if count >= PARTNER_THRESHOLD),
            "max": max(counts),
        }
        for name, counts in places.items()
    ]
    return sorted(rows, key=lambda row: (-row["many"], -row["mean"], row["name"]))


def compare(current: Report, earlier: Report) -> Report:
    """Puts the earlier edition's percentages next to this one's, matched by the stable question and option keys
    (bins by their label, numbers by their mean). Returns `current` with `earlier` filled in per question."""
    earlier_by_key = earlier.by_key()
    for result in current.questions:
        previous = earlier_by_key.get(result.key)
        if previous is None or previous.kind != result.kind:
            continue
        figures: dict[str, Decimal | None] = {option.key: option.percent for option in previous.options}
        figures.update({item.label: item.percent for item in previous.bins})
        if previous.summary is not None:
            figures["__mean"] = previous.summary.mean
        figures["__base"] = previous.base
        result.earlier = figures
    current.earlier = earlier
    return current


def editions_of(survey: Survey):
    return Survey.objects.filter(series=survey.series).exclude(pk=survey.pk).exclude(state="draft")


REPORT_CACHE_SECONDS = 15 * 60


def _fingerprint(survey: Survey) -> tuple:
    """Changes whenever a response of the survey changes: every save, submit and reopen bumps its version or its
    save time, and a deleted or added response changes the count."""
    figures = Response.objects.filter(survey=survey).aggregate(
        count=Count("pk"), versions=Sum("version"), latest=Max("updated_at")
    )
    return (survey.pk, survey.state, figures["count"], figures["versions"], figures["latest"])


def cache_key(survey: Survey, *, filters: Filters, named: bool, variant: tuple = ()) -> str:
    """A key that changes with every change of the survey's responses (see _fingerprint)."""
    parts = (_fingerprint(survey), filters, named, get_language(), variant)
    return "survey-report:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_compute(survey: Survey, *, filters: Filters = Filters(), named: bool = False) -> Report:
    """`compute`, kept in the cache until a response of the survey changes (one cheap aggregate instead of reading
    every answer). Names of agencies may lag a renaming by at most REPORT_CACHE_SECONDS; the figures never lag."""
    key = cache_key(survey, filters=filters, named=named)
    report = cache.get(key)
    if report is None:
        report = compute(survey, filters=filters, named=named)
        cache.set(key, report, REPORT_CACHE_SECONDS)
    return report
