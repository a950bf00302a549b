"""'Who could decide this example?' for scope administrators."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from latitude.core.errors import InvalidInput
from latitude.scopes import registry
from latitude.scopes.forms.preview import PreviewForm, fact_inputs
from latitude.scopes.naming import ReferenceNames
from latitude.scopes.preview import preview
from latitude.scopes.recording import plain_facts
from latitude.scopes.views.access import scope_admin_required
from latitude.scopes.views.present import fact_rows, want_facts
from latitude.tickets.views.access import other_ticket


@require_GET
@scope_admin_required
def who_could_decide(request: HttpRequest) -> HttpResponse:
    form = PreviewForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "inputs": [], "result": None}
    if not form.is_valid():
        return render(request, "scopes/preview.html", context, status=400 if form.is_bound else 200)
    decision = registry.get(form.cleaned_data["decision"])
    inputs, given = fact_inputs(decision, request.GET)
    context["inputs"] = inputs
    subject = None
    reference = form.cleaned_data["ticket"].strip()
    if reference and decision.subject == "tickets.Ticket":
        try:
            subject = other_ticket(request.user, reference, field="ticket")
        except InvalidInput as exc:
            form.add_error("ticket", exc.message)
    if form.errors or any(entry.error for entry in inputs):
        return render(request, "scopes/preview.html", context, status=400)
    result = preview(decision.name, given, subject=subject, asked_by=form.cleaned_data["asked_by"])
    context.update(subject=subject, result=result, facts=_shown(decision.name, result.facts))
    return render(request, "scopes/preview.html", context)


def _shown(decision_name: str, facts: Any) -> list[tuple[str, str]]:
    known = {name: value for name, value in plain_facts(dict(facts)).items() if value is not None}
    names = ReferenceNames()
    want_facts(decision_name, known, names)
    return fact_rows(decision_name, known, names.load())
