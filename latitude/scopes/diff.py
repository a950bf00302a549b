"""Comparing what two grant versions say, field by field, in a form safe to store as JSON."""

from datetime import datetime
from typing import Any

from latitude.scopes.models import GrantVersion
from latitude.scopes.terms import TERM_FIELDS, GrantTerms


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def diff_terms(before: GrantTerms | None, after: GrantTerms) -> dict[str, list[Any]]:
    """{field: [old, new]} for every field that differs (all set fields for a new grant)."""
    old = before.as_fields() if before else {}
    new = after.as_fields()
    return {
        name: [_plain(old.get(name)), _plain(new[name])]
        for name in TERM_FIELDS
        if old.get(name) != new[name] and (before or new[name] not in (None, "", []))
    }


def diff_versions(older: GrantVersion, newer: GrantVersion) -> dict[str, Any]:
    """A structured comparison: changed fields as before/after, decisions as added/removed."""
    changes: dict[str, Any] = {
        name: {"before": old, "after": new}
        for name, (old, new) in diff_terms(GrantTerms.of(older), GrantTerms.of(newer)).items()
        if name != "decisions"
    }
    added = [name for name in newer.decisions if name not in older.decisions]
    removed = [name for name in older.decisions if name not in newer.decisions]
    if added or removed:
        changes["decisions"] = {"added": added, "removed": removed}
    if older.revoked != newer.revoked:
        changes["revoked"] = {"before": older.revoked, "after": newer.revoked}
    return {"grant": newer.grant_id, "from": older.version, "to": newer.version, "changes": changes}
