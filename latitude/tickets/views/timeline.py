"""The ticket timeline: recorded changes merged with the conversation, as readable sentences.

Labels are never stored in the audit trail, so each verb is turned into a translated sentence
here, at display time. Names referenced by id are fetched in one query per kind, so the cost
does not grow with the length of the timeline.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from latitude.core.audit import subject_type_of
from latitude.core.models import AuditEntry
from latitude.people.models import Team, User
from latitude.scopes import timeline as decision_timeline
from latitude.sla import timeline as sla_timeline
from latitude.tickets import events
from latitude.tickets.choices import Impact, Priority, Status, Urgency
from latitude.tickets.models import Comment, Ticket
from latitude.tickets.views.sentences import DECISION_SENTENCES

# Shown through the comment itself rather than as a separate line.
HIDDEN_VERBS = {events.COMMENTED}


@dataclass(frozen=True)
class TimelineItem:
    occurred_at: datetime
    actor: str
    sentence: str = ""
    detail: str = ""
    comment: Comment | None = None
    attachment_id: int | None = None
    attachment_name: str = ""
    internal: bool = False
    verb: str = ""
    on_behalf_of: str = ""  # someone acted for this person (an approved decision request)


@dataclass
class Names:
    """Display names for ids mentioned in audit entries."""

    people: dict[int, str] = field(default_factory=dict)
    teams: dict[int, str] = field(default_factory=dict)
    tickets: dict[int, str] = field(default_factory=dict)

    def person(self, pk: Any) -> str:
        return self.people.get(pk, _("someone")) if pk else _("nobody")

    def team(self, pk: Any) -> str:
        return self.teams.get(pk, _("another team")) if pk else _("no team")

    def ticket(self, pk: Any) -> str:
        return self.tickets.get(pk, _("another ticket")) if pk else _("none")


def build_timeline(
    actor: Any, ticket: Ticket, comments: Iterable[Comment], *, agent_view: bool
) -> list[TimelineItem]:
    """Comments and audit entries of `ticket` in the order they happened.

    `comments` must already be limited to what the actor may read (selectors.comments_for);
    audit entries are limited here: requesters see only the public verbs and no internal files.
    """
    comments = list(comments)
    entries = list(_entries_for(ticket, agent_view=agent_view))
    attached_to_comments = {a.pk for c in comments for a in c.attachments.all()}
    names = _names_for(entries)
    items = [_comment_item(comment) for comment in comments]
    for entry in entries:
        item = _entry_item(entry, names, attached_to_comments, agent_view=agent_view)
        if item is not None:
            items.append(item)
    items.sort(key=lambda item: item.occurred_at)
    return items


def _entries_for(ticket: Ticket, *, agent_view: bool) -> QuerySet[AuditEntry]:
    queryset = AuditEntry.objects.for_subject(subject_type_of(ticket), ticket.pk).exclude(
        verb__in=HIDDEN_VERBS
    )
    if not agent_view:
        queryset = queryset.filter(verb__in=events.PUBLIC_VERBS)
    return queryset.order_by("occurred_at", "id")


def _comment_item(comment: Comment) -> TimelineItem:
    return TimelineItem(
        occurred_at=comment.created_at,
        actor=str(comment.author),
        comment=comment,
        internal=comment.is_internal,
        verb=events.COMMENTED,
    )


def _ids(entries: list[AuditEntry], keys: tuple[str, ...]) -> set[int]:
    found: set[int] = set()
    for entry in entries:
        for key in keys:
            for value in entry.changes.get(key, []) or []:
                if isinstance(value, int):
                    found.add(value)
    return found


def _names_for(entries: list[AuditEntry]) -> Names:
    names = Names()
    people = _ids(entries, ("owner", "watcher"))
    people |= {entry.on_behalf_of_id for entry in entries if entry.on_behalf_of_id}
    teams = _ids(entries, ("team",))
    tickets = _ids(entries, ("parent", "merged_into"))
    if people:
        names.people = {
            u.pk: str(u)
            for u in User.objects.filter(pk__in=people).only("id", "full_name", "email")
        }
    if teams:
        names.teams = dict(Team.objects.filter(pk__in=teams).values_list("id", "name"))
    if tickets:
        names.tickets = dict(Ticket.objects.filter(pk__in=tickets).values_list("id", "number"))
    return names


def _entry_item(
    entry: AuditEntry, names: Names, attached_to_comments: set[int], *, agent_view: bool
) -> TimelineItem | None:
    if entry.verb == events.ATTACHED:
        return _attachment_item(entry, attached_to_comments, agent_view=agent_view)
    describe = (
        SENTENCES.get(entry.verb)
        or decision_timeline.SENTENCES.get(entry.verb)
        or sla_timeline.SENTENCES.get(entry.verb)
    )
    sentence = (
        describe(entry, names)
        if describe
        else _("%(actor)s: %(verb)s")
        % {
            "actor": entry.actor_repr,
            "verb": entry.verb,
        }
    )
    return TimelineItem(
        occurred_at=entry.occurred_at,
        actor=entry.actor_repr,
        sentence=sentence,
        detail=_detail(entry, agent_view=agent_view),
        verb=entry.verb,
        on_behalf_of=names.person(entry.on_behalf_of_id) if entry.on_behalf_of_id else "",
    )


def _attachment_item(
    entry: AuditEntry, attached_to_comments: set[int], *, agent_view: bool
) -> TimelineItem | None:
    attachment_id = entry.context.get("attachment_id")
    internal = bool(entry.context.get("internal"))
    if attachment_id in attached_to_comments or (internal and not agent_view):
        return None
    name = str(entry.context.get("name", ""))
    return TimelineItem(
        occurred_at=entry.occurred_at,
        actor=entry.actor_repr,
        sentence=_("%(actor)s attached a file.") % {"actor": entry.actor_repr},
        attachment_id=attachment_id,
        attachment_name=name,
        internal=internal,
        verb=entry.verb,
    )


def _detail(entry: AuditEntry, *, agent_view: bool) -> str:
    """Free text recorded with the change: a resolution everyone may read, reasons for agents."""
    resolution = entry.context.get("resolution")
    if resolution:
        return str(resolution)
    reason = entry.context.get("reason")
    if entry.verb == events.REJECTED and reason:
        return str(reason)  # addressed to the requester
    if agent_view and reason and reason != "requester_replied":
        return str(reason)
    return decision_timeline.detail(entry) if agent_view else ""


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except (ValueError, TypeError):
        return str(value)


def _old_new(entry: AuditEntry, key: str) -> tuple[Any, Any]:
    pair = entry.changes.get(key) or [None, None]
    return pair[0], pair[1]


def _opened(entry: AuditEntry, names: Names) -> str:
    return _("%(actor)s opened the ticket.") % {"actor": entry.actor_repr}


def _updated(entry: AuditEntry, names: Names) -> str:
    labels = {
        "subject": _("subject"),
        "description": _("description"),
        "service": _("service"),
        "category": _("category"),
    }
    fields = ", ".join(str(labels.get(key, key)) for key in entry.changes)
    return _("%(actor)s changed the %(fields)s.") % {"actor": entry.actor_repr, "fields": fields}


def _priority_changed(entry: AuditEntry, names: Names) -> str:
    parts = []
    for key, choices, label in (
        ("priority", Priority, _("priority")),
        ("impact", Impact, _("impact")),
        ("urgency", Urgency, _("urgency")),
    ):
        if key in entry.changes:
            old, new = _old_new(entry, key)
            parts.append(
                _("%(field)s from %(old)s to %(new)s")
                % {
                    "field": label,
                    "old": _label(choices, old),
                    "new": _label(choices, new),
                }
            )
    return _("%(actor)s changed the %(changes)s.") % {
        "actor": entry.actor_repr,
        "changes": "; ".join(parts),
    }


def _status_changed(entry: AuditEntry, names: Names) -> str:
    old, new = _old_new(entry, "status")
    values = {"actor": entry.actor_repr, "old": _label(Status, old), "new": _label(Status, new)}
    if entry.context.get("reason") == "requester_replied":
        return _("The status changed from %(old)s to %(new)s because %(actor)s replied.") % values
    if entry.context.get("closed_with_open_children"):
        return (
            _(
                "%(actor)s changed the status from %(old)s to %(new)s "
                "although child tickets were still open."
            )
            % values
        )
    return _("%(actor)s changed the status from %(old)s to %(new)s.") % values


def _owner_changed(entry: AuditEntry, names: Names) -> str:
    _old, new = _old_new(entry, "owner")
    if new is None:
        return _("%(actor)s released the ticket to its team.") % {"actor": entry.actor_repr}
    if entry.actor_id == new:
        return _("%(actor)s took the ticket.") % {"actor": entry.actor_repr}
    return _("%(actor)s assigned the ticket to %(owner)s.") % {
        "actor": entry.actor_repr,
        "owner": names.person(new),
    }


def _team_changed(entry: AuditEntry, names: Names) -> str:
    old, new = _old_new(entry, "team")
    return _("%(actor)s handed the ticket from %(old)s to %(new)s.") % {
        "actor": entry.actor_repr,
        "old": names.team(old),
        "new": names.team(new),
    }


def _linked(entry: AuditEntry, names: Names) -> str:
    return _("%(actor)s linked this ticket to %(number)s.") % {
        "actor": entry.actor_repr,
        "number": entry.context.get("number", ""),
    }


def _unlinked(entry: AuditEntry, names: Names) -> str:
    return _("%(actor)s removed the link to %(number)s.") % {
        "actor": entry.actor_repr,
        "number": entry.context.get("number", ""),
    }


def _parent_changed(entry: AuditEntry, names: Names) -> str:
    _old, new = _old_new(entry, "parent")
    if new is None:
        return _("%(actor)s removed the parent ticket.") % {"actor": entry.actor_repr}
    return _("%(actor)s made this ticket a child of %(number)s.") % {
        "actor": entry.actor_repr,
        "number": names.ticket(new),
    }


def _merged(entry: AuditEntry, names: Names) -> str:
    return _("%(actor)s closed this ticket as a duplicate of %(number)s.") % {
        "actor": entry.actor_repr,
        "number": entry.context.get("into", ""),
    }


def _merged_from(entry: AuditEntry, names: Names) -> str:
    return _("%(actor)s merged %(number)s into this ticket.") % {
        "actor": entry.actor_repr,
        "number": entry.context.get("number", ""),
    }


def _watcher_added(entry: AuditEntry, names: Names) -> str:
    _old, new = _old_new(entry, "watcher")
    return _("%(actor)s added %(person)s as a watcher.") % {
        "actor": entry.actor_repr,
        "person": names.person(new),
    }


def _watcher_removed(entry: AuditEntry, names: Names) -> str:
    old, _new = _old_new(entry, "watcher")
    return _("%(actor)s removed %(person)s from the watchers.") % {
        "actor": entry.actor_repr,
        "person": names.person(old),
    }


SENTENCES: dict[str, Callable[[AuditEntry, Names], str]] = {
    events.OPENED: _opened,
    events.UPDATED: _updated,
    events.PRIORITY_CHANGED: _priority_changed,
    events.STATUS_CHANGED: _status_changed,
    events.OWNER_CHANGED: _owner_changed,
    events.TEAM_CHANGED: _team_changed,
    events.LINKED: _linked,
    events.UNLINKED: _unlinked,
    events.PARENT_CHANGED: _parent_changed,
    events.MERGED: _merged,
    events.MERGED_FROM: _merged_from,
    events.WATCHER_ADDED: _watcher_added,
    events.WATCHER_REMOVED: _watcher_removed,
    **DECISION_SENTENCES,
}
