from django.db import models
from django.utils.translation import gettext_lazy as _


class HolderKind(models.TextChoices):
    PERSON = "person", _("person")
    TEAM = "team", _("team")
    ROLE = "role", _("role")
    # Extension points: stored now, matched once skills and knowledge licences exist.
    SKILL = "skill", _("skill level")
    LICENCE = "licence", _("knowledge licence")


UNSUPPORTED_HOLDER_KINDS = (HolderKind.SKILL, HolderKind.LICENCE)


class TeamScope(models.TextChoices):
    MEMBERS = "members", _("all members")
    LEAD = "lead", _("the lead only")


class Role(models.TextChoices):
    REQUESTER = "requester", _("requesters")
    AGENT = "agent", _("agents")
    LEAD = "lead", _("team leads")
    ADMIN = "admin", _("administrators")


class Effect(models.TextChoices):
    DECIDE = "decide", _("decide alone")
    DECIDE_AND_INFORM = "decide_and_inform", _("decide and inform")
    RECOMMEND = "recommend", _("recommend only")


# When several grants match, the widest effect wins.
EFFECT_STRENGTH = {Effect.DECIDE: 3, Effect.DECIDE_AND_INFORM: 2, Effect.RECOMMEND: 1}
ALLOWING_EFFECTS = (Effect.DECIDE, Effect.DECIDE_AND_INFORM)
