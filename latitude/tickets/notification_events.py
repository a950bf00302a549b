"""The ticket events people can be notified of, and who gets which.

Ticket actions call one function here each; the rules of who hears what live in one place:
the requester hears of public answers and the resolution, never of internal notes; the owner
hears of an assignment and of the requester's answers; watchers hear of updates (internal ones
only when they work on the ticket). Nobody hears of their own act (`notify` skips the actor).
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from latitude.notifications.actions import notify
from latitude.notifications.registry import EventType, register_event
from latitude.people.models import User
from latitude.tickets.choices import Status
from latitude.tickets.models import Comment, Ticket
from latitude.tickets.visibility import visibility_filter, works_on_filter


def can_see(ticket: Ticket, person: Any) -> bool:
    return Ticket.objects.filter(visibility_filter(person), pk=ticket.pk).exists()


def works_on(ticket: Ticket, person: Any) -> bool:
    return Ticket.objects.filter(works_on_filter(person), pk=ticket.pk).exists()


def link_for(ticket: Ticket, person: Any) -> str:
    """Agents open the desk page; everyone else the portal page."""
    if works_on(ticket, person):
        return reverse("tickets:detail", kwargs={"reference": ticket.number})
    return reverse("portal:ticket", kwargs={"number": ticket.number})


def _event(name: str, label: Any, audience: tuple[str, ...], *, internal: bool = False) -> str:
    register_event(
        EventType(
            name=name,
            label=label,
            audience=audience,
            default_channels=("in_app", "email"),
            template=f"tickets/notifications/{name.removeprefix('ticket.')}",
            visible_to=works_on if internal else can_see,
            link=link_for,
        )
    )
    return name


ANSWERED = _event("ticket.answered", _("Your ticket was answered"), ("requester",))
RESOLVED = _event("ticket.resolved", _("Your ticket was resolved"), ("requester",))
ASSIGNED = _event("ticket.assigned", _("A ticket was assigned to you"), ("agent",))
REQUESTER_REPLIED = _event(
    "ticket.requester_replied", _("The requester answered a ticket you own"), ("agent",)
)
NOTE_ADDED = _event(
    "ticket.note_added", _("Internal note on a ticket you own or watch"), ("agent",), internal=True
)
UPDATED = _event("ticket.updated", _("A ticket you watch was updated"), ("agent", "requester"))


def _watchers(ticket: Ticket) -> list[User]:
    return list(User.objects.filter(pk__in=ticket.watcher_rows.values("user_id"), is_active=True))


def _context(ticket: Ticket, **extra: Any) -> dict[str, Any]:
    return {"number": ticket.number, "ticket_subject": ticket.subject, **extra}


def comment_added(*, actor: Any, comment: Comment) -> None:
    """A reply or an internal note was added."""
    ticket = comment.ticket
    context = _context(ticket, excerpt=comment.body[:300], internal=comment.is_internal)
    common = {"subject": ticket, "actor": actor, "context": context}
    key = f"comment:{comment.pk}"
    if comment.is_internal:
        people = [ticket.owner, *_watchers(ticket)]
        notify(event=NOTE_ADDED, recipients=people, dedupe_key=f"{NOTE_ADDED}:{key}", **common)
        return
    from_requester_side = actor.pk == ticket.requester_id or not works_on(ticket, actor)
    if from_requester_side:
        notify(
            event=REQUESTER_REPLIED,
            recipients=[ticket.owner],
            dedupe_key=f"{REQUESTER_REPLIED}:{key}",
            **common,
        )
    else:
        notify(
            event=ANSWERED, recipients=[ticket.requester], dedupe_key=f"{ANSWERED}:{key}", **common
        )
    notify(event=UPDATED, recipients=_watchers(ticket), dedupe_key=f"{UPDATED}:{key}", **common)


def status_changed(*, actor: Any, ticket: Ticket, previous: str) -> None:
    """The ticket moved in its lifecycle (resolve, close, reopen, wait ...)."""
    context = _context(
        ticket, previous=previous, status=ticket.status, resolution=ticket.resolution
    )
    common = {"subject": ticket, "actor": actor, "context": context}
    key = f"{ticket.pk}:v{ticket.version}"
    if ticket.status == Status.RESOLVED:
        notify(
            event=RESOLVED, recipients=[ticket.requester], dedupe_key=f"{RESOLVED}:{key}", **common
        )
    notify(
        event=UPDATED,
        recipients=[ticket.owner, *_watchers(ticket)],
        dedupe_key=f"{UPDATED}:{key}",
        **common,
    )


def owner_changed(*, actor: Any, ticket: Ticket) -> None:
    """Someone became the ticket's owner (taking it oneself notifies nobody)."""
    if ticket.owner is None:
        return
    notify(
        event=ASSIGNED,
        recipients=[ticket.owner],
        subject=ticket,
        actor=actor,
        context=_context(ticket, priority=ticket.priority),
        dedupe_key=f"{ASSIGNED}:{ticket.pk}:v{ticket.version}",
    )
