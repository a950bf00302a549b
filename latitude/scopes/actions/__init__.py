"""Every write of the scopes app: grants, and decision requests."""

from latitude.scopes.actions.grants import (
    create_grant,
    delegate_grant,
    edit_grant,
    revoke_grant,
)
from latitude.scopes.actions.requests import (
    approve_request,
    decline_request,
    expire_request,
    open_request,
    reroute_request,
    withdraw_request,
)

__all__ = [
    "approve_request",
    "create_grant",
    "decline_request",
    "delegate_grant",
    "edit_grant",
    "expire_request",
    "open_request",
    "reroute_request",
    "revoke_grant",
    "withdraw_request",
]
