"""The agent workspace: queues, the ticket page and the posts that change tickets."""

from latitude.tickets.views.attachments import attachment
from latitude.tickets.views.changes import (
    add_note,
    add_reply,
    add_watcher,
    assign_owner,
    change_priority,
    change_status,
    link_related,
    merge,
    remove_watcher,
    set_parent,
    take,
    transfer_team,
    unlink_related,
)
from latitude.tickets.views.decisions import (
    decide_approval,
    grant_goodwill,
    revoke_goodwill,
    set_cost,
    unmerge,
)
from latitude.tickets.views.detail import detail
from latitude.tickets.views.queue import queue

__all__ = [
    "add_note",
    "add_reply",
    "add_watcher",
    "assign_owner",
    "attachment",
    "change_priority",
    "change_status",
    "decide_approval",
    "detail",
    "grant_goodwill",
    "link_related",
    "merge",
    "queue",
    "remove_watcher",
    "revoke_goodwill",
    "set_cost",
    "set_parent",
    "take",
    "transfer_team",
    "unlink_related",
    "unmerge",
]
