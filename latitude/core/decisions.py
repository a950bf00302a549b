"""The hook through which guarded decisions are checked inside actions.

Actions call `check_decision(...)` against the locked row before they write. The foundation
registers no checker, so every role-permitted action proceeds; the decision-scope app plugs its
evaluator in with `register_checker` and may raise to stop the action (see docs/architecture.md).
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.db import models

Checker = Callable[[Any, str, models.Model, Mapping[str, Any]], None]

_checkers: list[Checker] = []


def register_checker(checker: Checker) -> None:
    if checker not in _checkers:
        _checkers.append(checker)


def check_decision(
    actor: Any, decision: str, subject: models.Model, facts: Mapping[str, Any]
) -> None:
    """Ask every registered checker; a checker refuses by raising a DomainError."""
    for checker in _checkers:
        checker(actor, decision, subject, facts)
