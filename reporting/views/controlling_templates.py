"""Pages of the controlling templates: everyone with a role reads the published versions; the state level
(coordinators with state-level rights) and administrators create versions, edit drafts and publish them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from funding.models import FundingPhase
from reporting.controlling_selectors import templates_visible_to
from reporting.forms.controlling import KeyFigureForm, QuestionForm, TemplateForm
from reporting.models import ControllingQuestion, ControllingTemplate, KeyFigure
from reporting.services import controlling as service


def _template(request, pk: int, *, manage: bool = False) -> ControllingTemplate:
    template = get_object_or_404(templates_visible_to(request.user), pk=pk)
    if manage and not request.user.has_perm("reporting.manage_controlling_templates"):
        raise Http404
    return template


@login_required
def template_list(request):
    if not request.user.has_perm("reporting.view_controlling_templates"):
        raise Http404
    can_manage = request.user.has_perm("reporting.manage_controlling_templates")
    if request.method == "POST":
        if not can_manage:
            raise Http404
        phase = get_object_or_404(FundingPhase, pk=request.POST.get("phase"))
        template = service.create_template(phase=phase, by=request.user)
        messages.success(request, _("Version %(v)s ist als Entwurf angelegt.") % {"v": template.version})
        return redirect(template)
    return render(
        request,
        "reporting/controlling/template_list.html",
        {
            "templates": templates_visible_to(request.user).prefetch_related("key_figures"),
            "phases": FundingPhase.objects.order_by("-starts_on") if can_manage else [],
            "can_manage": can_manage,
        },
    )


@login_required
def template_detail(request, pk: int):
    template = _template(request, pk)
    can_manage = request.user.has_perm("reporting.manage_controlling_templates")
    return render(
        request,
        "reporting/controlling/template_detail.html",
        {
            "template": template,
            "figures": template.key_figures.all(),
            "questions": template.questions.all(),
            "can_edit": can_manage and not template.is_published,
            "log": template.log.select_related("by")[:20] if can_manage else [],
        },
    )


@login_required
def template_edit(request, pk: int):
    template = _template(request, pk, manage=True)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            service.update_template(template=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Vorlage wurde gespeichert."))
            return redirect(template)
    return render(
        request,
        "reporting/controlling/item_form.html",
        {"template": template, "form": form, "title": _("Vorlage bearbeiten")},
    )


def _item_edit(request, pk: int, item_pk: int | None, model, form_class, title: str):
    template = _template(request, pk, manage=True)
    item = get_object_or_404(model, template=template, pk=item_pk) if item_pk else None
    form = form_class(request.POST or None, instance=item, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            service.save_template_item(item=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Gespeichert."))
            return redirect(template)
    return render(request, "reporting/controlling/item_form.html", {"template": template, "form": form, "title": title})


@login_required
def figure_edit(request, pk: int, item_pk: int | None = None):
    return _item_edit(request, pk, item_pk, KeyFigure, KeyFigureForm, _("Kennzahl"))


@login_required
def question_edit(request, pk: int, item_pk: int | None = None):
    return _item_edit(request, pk, item_pk, ControllingQuestion, QuestionForm, _("Frage"))


@login_required
@require_POST
def item_delete(request, pk: int, kind: str, item_pk: int):
    template = _template(request, pk, manage=True)
    model = {"kennzahl": KeyFigure, "frage": ControllingQuestion}.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, template=template, pk=item_pk)
    try:
        service.delete_template_item(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Entfernt."))
    return redirect(template)


@login_required
@require_POST
def template_publish(request, pk: int):
    template = _template(request, pk, manage=True)
    try:
        service.publish_template(template=template, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Vorlage ist veröffentlicht; neue Berichte verwenden sie."))
    return redirect(template)
