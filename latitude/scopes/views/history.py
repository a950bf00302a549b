"""One grant: what it says now, its versions and the difference between any two, its
delegations, and revoking it."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from latitude.core.errors import DomainError, OutOfScope
from latitude.scopes import explain, registry
from latitude.scopes.actions import revoke_grant
from latitude.scopes.administration import EditFacts, decisions_of, limits_phrase
from latitude.scopes.choices import Effect, HolderKind, Role, TeamScope
from latitude.scopes.diff import diff_versions
from latitude.scopes.forms.grants import RevokeForm
from latitude.scopes.inbox import pending_on
from latitude.scopes.models import Grant, GrantVersion
from latitude.scopes.naming import ReferenceNames
from latitude.scopes.terms import GrantTerms
from latitude.scopes.views.access import scope_admin_required
from latitude.scopes.views.refusals import refusal_notice

PAGE_TEMPLATE = "scopes/grant.html"
FIELD_LABELS = {
    "holder_kind": gettext_lazy("Holder"),
    "holder_person_id": gettext_lazy("Person"),
    "holder_team_id": gettext_lazy("Team"),
    "team_scope": gettext_lazy("Who in the team"),
    "holder_role": gettext_lazy("Role"),
    "holder_key": gettext_lazy("Skill or licence"),
    "decisions": gettext_lazy("Decisions"),
    "condition": gettext_lazy("Limits"),
    "effect": gettext_lazy("Effect"),
    "inform_person_id": gettext_lazy("Inform person"),
    "inform_team_id": gettext_lazy("Inform team"),
    "valid_from": gettext_lazy("Valid from"),
    "valid_until": gettext_lazy("Valid until"),
    "rationale": gettext_lazy("Rationale"),
    "revoked": gettext_lazy("Revoked"),
}
CHOICES = {
    "holder_kind": HolderKind,
    "team_scope": TeamScope,
    "holder_role": Role,
    "effect": Effect,
}


def load_versions(grant_id: int) -> list[GrantVersion]:
    """Every version, oldest first, with the people and teams it names (one query)."""
    return list(
        GrantVersion.objects.filter(grant_id=grant_id)
        .select_related(
            "grant", "created_by", "holder_person", "holder_team", "inform_person", "inform_team"
        )
        .order_by("version")
    )


def term_text(version: GrantVersion, name: str) -> str:
    """One term of a version as people read it."""
    if name == "condition":
        return limits_phrase(version, ReferenceNames()) or _("no limits")
    if name == "decisions":
        return ", ".join(_decision_label(n) for n in version.decisions)
    value = (
        getattr(version, name.removesuffix("_id"))
        if name.endswith("_id")
        else getattr(version, name)
    )
    if name in CHOICES and value:
        return str(CHOICES[name](value).label)
    if hasattr(value, "isoformat"):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value) if value not in (None, "") else "—"


def _decision_label(name: str) -> str:
    return str(registry.get(name).label) if registry.is_registered(name) else name


def diff_rows(
    diff: dict[str, Any], older: GrantVersion, newer: GrantVersion
) -> list[dict[str, Any]]:
    """(label, before, after) per changed term; decisions as added and removed."""
    rows = []
    for name, change in diff["changes"].items():
        if name == "decisions":
            rows.append(
                {
                    "label": FIELD_LABELS["decisions"],
                    "added": [_decision_label(n) for n in change["added"]],
                    "removed": [_decision_label(n) for n in change["removed"]],
                }
            )
            continue
        rows.append(
            {
                "label": FIELD_LABELS.get(name, name),
                "before": term_text(older, name),
                "after": term_text(newer, name),
            }
        )
    return rows


def _chosen(versions: list[GrantVersion], raw: str | None, default: int) -> GrantVersion | None:
    try:
        number = int(raw) if raw else default
    except ValueError:
        return None
    return next((v for v in versions if v.version == number), None)


def _sentences(version: GrantVersion) -> list[str]:
    return [explain.grant_phrase(version, version.condition, d) for d in decisions_of(version)]


def _context(request: HttpRequest, grant: Grant, **extra: Any) -> dict[str, Any]:
    versions = load_versions(grant.pk)
    if not versions:
        return {"grant": grant, "draft": True, "pending": pending_on(request.user, grant), **extra}
    current = versions[-1]
    older = _chosen(versions, request.GET.get("from"), max(1, current.version - 1))
    newer = _chosen(versions, request.GET.get("to"), current.version)
    changes = (
        diff_rows(diff_versions(older, newer), older, newer)
        if older and newer and older.version != newer.version
        else []
    )
    terms = GrantTerms.of(current)
    editing = EditFacts(request.user)
    return {
        "grant": grant,
        "current": current,
        "versions": list(reversed(versions)),
        "older": older,
        "newer": newer,
        "changes": changes,
        "sentences": _sentences(current),
        "limits": limits_phrase(current, ReferenceNames()),
        "delegations": list(grant.delegations.all()),
        "pending": pending_on(request.user, grant),
        "edit_verdict": None if current.revoked else editing.verdict(grant, terms, terms),
        "revoke_verdict": None
        if current.revoked
        else editing.verdict(grant, terms, terms, revoking=True),
        "revoke_form": extra.pop("revoke_form", None)
        or RevokeForm(initial={"expected_version": current.version}),
        **extra,
    }


def _grant(grant_id: int) -> Grant:
    grant = Grant.objects.filter(pk=grant_id).select_related("delegated_from").first()
    if grant is None:
        raise Http404
    return grant


@require_GET
@scope_admin_required
def grant_detail(request: HttpRequest, grant_id: int) -> HttpResponse:
    return render(request, PAGE_TEMPLATE, _context(request, _grant(grant_id)))


@require_POST
@scope_admin_required
def grant_revoke(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = _grant(grant_id)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            revoke_grant(
                actor=request.user,
                grant_id=grant_id,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except OutOfScope as exc:
            context = _context(
                request, grant, revoke_form=form, refusal=refusal_notice("revoke", exc)
            )
            return render(request, PAGE_TEMPLATE, context, status=403)
        except DomainError as exc:
            form.add_error("reason" if exc.field == "reason" else None, exc.message)
            status = exc.status
        else:
            messages.success(request, _("The grant is revoked; it no longer applies from now on."))
            return redirect("scopes:grant", grant_id)
    else:
        status = 422
    return render(request, PAGE_TEMPLATE, _context(request, grant, revoke_form=form), status=status)
