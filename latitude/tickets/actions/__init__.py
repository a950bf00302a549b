"""Every write to a ticket goes through one of these functions.

Each one: lock the row, authorise against it, check invariants, write, record the audit entry
in the same transaction, and queue side effects with `transaction.on_commit`.
"""

from latitude.tickets.actions.approval import (
    approve_request_ticket,
    reject_request_ticket,
    revoke_approval,
    set_request_cost,
)
from latitude.tickets.actions.assignment import assign_owner, take_ticket, transfer_team
from latitude.tickets.actions.conversation import add_attachment, add_comment
from latitude.tickets.actions.creation import open_ticket
from latitude.tickets.actions.fields import change_priority, update_ticket
from latitude.tickets.actions.goodwill import grant_goodwill, revoke_goodwill
from latitude.tickets.actions.links import (
    add_watcher,
    link_related,
    merge_ticket,
    remove_watcher,
    set_parent,
    unlink_related,
    unmerge_ticket,
)
from latitude.tickets.actions.status import (
    accept_resolution,
    change_status,
    reopen_ticket,
    resolve_ticket,
)

__all__ = [
    "accept_resolution",
    "add_attachment",
    "add_comment",
    "add_watcher",
    "approve_request_ticket",
    "assign_owner",
    "change_priority",
    "change_status",
    "grant_goodwill",
    "link_related",
    "merge_ticket",
    "open_ticket",
    "reject_request_ticket",
    "remove_watcher",
    "reopen_ticket",
    "resolve_ticket",
    "revoke_approval",
    "revoke_goodwill",
    "set_parent",
    "set_request_cost",
    "take_ticket",
    "transfer_team",
    "unlink_related",
    "unmerge_ticket",
    "update_ticket",
]
