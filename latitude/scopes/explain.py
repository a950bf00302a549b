"""Sentences that say why a verdict came out as it did, built from the grant and the facts.

Call these inside `translation.override(<the actor's language>)`; every phrase is translatable.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from latitude.scopes.choices import Effect, HolderKind, Role, TeamScope
from latitude.scopes.conditions import Op, Tree, children_of, comparable, facts_used, is_leaf
from latitude.scopes.models import GrantVersion
from latitude.scopes.registry import Decision, FactSpec


def holder_phrase(version: GrantVersion) -> str:
    if version.holder_kind == HolderKind.PERSON:
        return str(version.holder_person)
    if version.holder_kind == HolderKind.TEAM and version.team_scope == TeamScope.LEAD:
        return _("the lead of team %(team)s") % {"team": version.holder_team}
    if version.holder_kind == HolderKind.TEAM:
        return _("team %(team)s") % {"team": version.holder_team}
    if version.holder_kind == HolderKind.ROLE:
        return str(Role(version.holder_role).label)
    return _("holders of %(key)s") % {"key": version.holder_key}


def _value(spec: FactSpec, value: Any) -> str:
    return spec.display(value)


def _values(spec: FactSpec, values: list[Any]) -> str:
    return ", ".join(_value(spec, value) for value in values)


def leaf_phrase(leaf: Tree, spec: FactSpec) -> str:
    fact, op, value = str(spec.label), leaf["op"], leaf["value"]
    if op == Op.BETWEEN:
        return _("%(fact)s is between %(low)s and %(high)s") % {
            "fact": fact,
            "low": _value(spec, value[0]),
            "high": _value(spec, value[1]),
        }
    if op in (Op.IN, Op.NOT_IN):
        template = (
            _("%(fact)s is one of %(value)s") if op == Op.IN else _("%(fact)s is none of %(value)s")
        )
        return template % {"fact": fact, "value": _values(spec, value)}
    templates = {
        Op.EQ: _("%(fact)s is %(value)s"),
        Op.NE: _("%(fact)s is not %(value)s"),
        Op.LT: _("%(fact)s is below %(value)s"),
        Op.LTE: _("%(fact)s is at most %(value)s"),
        Op.GT: _("%(fact)s is above %(value)s"),
        Op.GTE: _("%(fact)s is at least %(value)s"),
    }
    return templates[Op(op)] % {"fact": fact, "value": _value(spec, value)}


def tree_phrase(node: Tree, specs: Mapping[str, FactSpec]) -> str:
    if is_leaf(node):
        return leaf_phrase(node, specs[node["fact"]])
    if "not" in node:
        return _("not (%(condition)s)") % {"condition": tree_phrase(node["not"], specs)}
    joiner = _(" and ") if "all" in node else _(" or ")
    # An empty "all" (no limits, as a delegation without its own) adds nothing to say.
    parts = [part for part in (tree_phrase(child, specs) for child in children_of(node)) if part]
    if len(parts) > 1 and "any" in node:
        return "(" + joiner.join(parts) + ")"
    return joiner.join(parts)


def grant_phrase(version: GrantVersion, tree: Tree, decision: Decision) -> str:
    """ "team Service Desk may resolve when priority is at least 3" """
    limits = tree_phrase(tree, decision.facts)
    values = {"holder": holder_phrase(version), "verb": decision.general_phrase, "limits": limits}
    # Roles name many people: languages such as German conjugate for them ("dürfen").
    many = version.holder_kind == HolderKind.ROLE
    if version.effect == Effect.RECOMMEND:
        text = (
            pgettext("many holders", "%(holder)s may recommend to %(verb)s")
            if many
            else _("%(holder)s may recommend to %(verb)s")
        ) % values
    else:
        text = (
            pgettext("many holders", "%(holder)s may %(verb)s")
            if many
            else _("%(holder)s may %(verb)s")
        ) % values
    if limits:
        text = _("%(grant)s when %(limits)s") % {"grant": text, "limits": limits}
    if version.effect == Effect.DECIDE_AND_INFORM:
        who = version.inform_person or version.inform_team
        text = _("%(grant)s, informing %(who)s") % {"grant": text, "who": who}
    return text


def facts_phrase(tree: Tree, decision: Decision, facts: Mapping[str, Any]) -> str:
    """ "priority is 3, kind is incident" for the facts the tree looks at."""
    parts = []
    for name in facts_used(tree):
        spec = decision.facts[name]
        value = comparable(spec, facts.get(name))
        shown = _("unknown") if value is None else _value(spec, value)
        # Its own context: this states a fact, the limits above state a condition.
        parts.append(
            pgettext("observed fact", "%(fact)s is %(value)s")
            % {"fact": spec.label, "value": shown}
        )
    return ", ".join(parts)


def allowed_sentence(
    decision: Decision, version: GrantVersion, tree: Tree, facts: Mapping[str, Any]
) -> str:
    grant = grant_phrase(version, tree, decision)
    here = facts_phrase(tree, decision, facts)
    if not here:
        return _("You may %(verb)s this: %(grant)s.") % {"verb": decision.verb, "grant": grant}
    return _("You may %(verb)s this: %(grant)s, and here %(facts)s.") % {
        "verb": decision.verb,
        "grant": grant,
        "facts": here,
    }


def recommend_sentence(decision: Decision, version: GrantVersion, tree: Tree) -> str:
    return _("You may recommend but not %(verb)s this alone: %(grant)s.") % {
        "verb": decision.verb,
        "grant": grant_phrase(version, tree, decision),
    }


def outside_sentence(
    decision: Decision, version: GrantVersion, tree: Tree, facts: Mapping[str, Any]
) -> str:
    return _("You may not %(verb)s this alone: %(grant)s, but here %(facts)s.") % {
        "verb": decision.verb,
        "grant": grant_phrase(version, tree, decision),
        "facts": facts_phrase(tree, decision, facts),
    }


def no_grant_sentence(decision: Decision) -> str:
    return _("You may not %(verb)s this alone: none of your grants covers it.") % {
        "verb": decision.verb
    }


def inactive_sentence(decision: Decision) -> str:
    return _("You may not %(verb)s this: your account is not active.") % {"verb": decision.verb}
