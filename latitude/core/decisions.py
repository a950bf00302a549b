"""The hook through which guarded decisions are checked inside actions.

Actions that take a guarded decision are decorated with `guarded`, which gives them their
transaction, and call `check_decision(...)` against the locked row before they write. The
decision-scope app plugs its evaluator in with `register_checker`; a checker refuses by raising
(`OutOfScope` for a decision the actor may not take alone).

An out-of-scope attempt must leave a trace although the action's own writes roll back: `guarded`
catches the refusal after its savepoint is rolled back and hands it to the registered refusal
handler (which records the attempt and opens a decision request) before re-raising it. So callers
must not wrap a guarded action in a transaction they roll back on `OutOfScope`.

`guarded` also keeps the decorated function and its keyword arguments addressable by name, so an
approved decision request can perform the original action later ("replay").
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar, cast

from django.db import models, transaction

from latitude.core.errors import OutOfScope

Checker = Callable[..., None]  # (actor, decision, subject, facts, *, rationale) -> None
RightNoter = Callable[..., None]
RefusalHandler = Callable[[OutOfScope, str, dict[str, Any]], None]
F = TypeVar("F", bound=Callable[..., Any])

_checkers: list[Checker] = []
_right_noters: list[RightNoter] = []
_refusal_handlers: list[RefusalHandler] = []
_actions: dict[str, Callable[..., Any]] = {}
_replaying: ContextVar[bool] = ContextVar("latitude_replaying_decision", default=False)
_guarded_depth: ContextVar[int] = ContextVar("latitude_guarded_depth", default=0)


def register_checker(checker: Checker) -> None:
    if checker not in _checkers:
        _checkers.append(checker)


def register_right_noter(noter: RightNoter) -> None:
    if noter not in _right_noters:
        _right_noters.append(noter)


def register_refusal_handler(handler: RefusalHandler) -> None:
    if handler not in _refusal_handlers:
        _refusal_handlers.append(handler)


def check_decision(
    actor: Any,
    decision: str,
    subject: models.Model,
    facts: Mapping[str, Any],
    *,
    rationale: str = "",
) -> None:
    """Ask every registered checker; a checker refuses by raising a DomainError.

    Only inside a `guarded` action, so that a refusal is always recorded."""
    if not _guarded_depth.get():
        raise RuntimeError(f"{decision} must be checked inside a @guarded action")
    for checker in _checkers:
        checker(actor, decision, subject, facts, rationale=rationale)


def note_decision_by_right(
    actor: Any,
    decision: str,
    subject: models.Model,
    facts: Mapping[str, Any],
    *,
    rationale: str = "",
) -> None:
    """A decision someone takes by right rather than by scope (a requester reopening their own
    ticket, the desk closing an unanswered resolution): not checked, but recorded, so that it
    can count as the reversal of an earlier decision."""
    for noter in _right_noters:
        noter(actor, decision, subject, facts, rationale=rationale)


def action_name(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def guarded(function: F) -> F:
    """Run a keyword-only action in its own transaction; an out-of-scope refusal is handed to
    the refusal handlers (outside the rolled-back savepoint) before it reaches the caller."""
    name = action_name(function)

    @wraps(function)
    def run(**kwargs: Any) -> Any:
        outermost = _guarded_depth.get() == 0
        depth = _guarded_depth.set(_guarded_depth.get() + 1)
        try:
            with transaction.atomic():
                return function(**kwargs)
        except OutOfScope as refusal:
            # Only the outermost guarded call survives its own rollback: an inner one's writes
            # would be undone with the outer savepoint.
            if outermost and not refusal.handled and not _replaying.get():
                refusal.handled = True
                with transaction.atomic():
                    for handler in _refusal_handlers:
                        handler(refusal, name, kwargs)
            raise
        finally:
            _guarded_depth.reset(depth)

    _actions[name] = run
    return cast(F, run)


def guarded_action(name: str) -> Callable[..., Any]:
    """The action registered under `name` (only functions marked `guarded`)."""
    try:
        return _actions[name]
    except KeyError:
        raise LookupError(f"{name} is not a guarded action") from None


@contextmanager
def replaying() -> Iterator[None]:
    """While an approved request is carried out: refusals propagate without new requests."""
    token = _replaying.set(True)
    try:
        yield
    finally:
        _replaying.reset(token)
