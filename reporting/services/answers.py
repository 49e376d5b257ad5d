"""The value of one answer, independent of where it comes from (the web form or an imported row), and the checks
every answer passes: known options, one choice for single choice, required questions, conditions."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from reporting.models import Question, QuestionKind

OTHER_KEY = "sonstiges"


@dataclass
class AnswerValue:
    option_keys: list[str] = field(default_factory=list)
    other_text: str = ""
    number: Decimal | None = None
    text: str = ""
    partner_ids: list[int] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.option_keys or self.other_text.strip() or self.number is not None or self.text.strip()) and (
            not self.partner_ids
        )


def is_visible(question: Question, values: dict[int, AnswerValue], by_id: dict[int, Question]) -> bool:
    """A conditional question is shown only when its condition question (itself visible) has the given answer."""
    if not question.condition_question_id:
        return True
    condition = by_id.get(question.condition_question_id)
    if condition is None:
        return True
    if not is_visible(condition, values, by_id):
        return False
    value = values.get(condition.pk)
    return value is not None and question.condition_option_key in value.option_keys


def check_answers(questions: list[Question], values: dict[int, AnswerValue], *, require: bool) -> dict[int, list[str]]:
    """Returns the errors per question id. `require` also checks required questions (on submission)."""
    by_id = {question.pk: question for question in questions}
    errors: dict[int, list[str]] = {}
    for question in questions:
        value = values.get(question.pk, AnswerValue())
        problems: list[str] = []
        visible = is_visible(question, values, by_id)
        if question.is_choice:
            known = {option.key for option in question.options.all()}
            unknown = [key for key in value.option_keys if key not in known and key != OTHER_KEY]
            if unknown:
                problems.append(
                    _("Unbekannte Antwort „%(value)s“. Möglich sind: %(known)s.")
                    % {"value": ", ".join(unknown), "known": ", ".join(sorted(known))}
                )
            chosen = [key for key in value.option_keys if key != OTHER_KEY] + (
                [OTHER_KEY] if value.other_text.strip() else []
            )
            if question.kind != QuestionKind.MULTIPLE and len(chosen) > 1:
                problems.append(_("Bitte wählen Sie nur eine Antwort."))
            if value.other_text.strip() and not question.allow_other:
                problems.append(_("Diese Frage hat kein Feld „Sonstiges“."))
        if question.kind == QuestionKind.NUMBER and value.number is not None and value.number < 0:
            problems.append(_("Bitte geben Sie eine Zahl ab 0 ein."))
        if require and visible and question.required and value.is_empty:
            problems.append(_("Bitte beantworten Sie diese Pflichtfrage."))
        if problems:
            errors[question.pk] = problems
    return errors


def strip_hidden(questions: list[Question], values: dict[int, AnswerValue]) -> dict[int, AnswerValue]:
    """Drops answers to questions that their condition hides, so a changed mind leaves no stale answers."""
    by_id = {question.pk: question for question in questions}
    return {pk: value for pk, value in values.items() if pk in by_id and is_visible(by_id[pk], values, by_id)}
