from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    """Numbered as `date.weekday()` does, so the engine needs no translation table."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ExceptionKind(models.TextChoices):
    CLOSURE = "closure", _("closed")
    EXTRA_WORKING_DAY = "extra_working_day", _("extra working day")


class ClockKind(models.TextChoices):
    """The targets a policy sets; the values are the fact `clock_kind` of `ticket.waive_sla`."""

    RESPONSE = "response", _("first response")
    RESOLUTION = "resolution", _("resolution")
    OLA = "ola", _("team hand-off (OLA)")


class ClockState(models.TextChoices):
    RUNNING = "running", _("running")
    PAUSED = "paused", _("paused")
    MET = "met", _("met")
    MISSED = "missed", _("missed")
    WAIVED = "waived", _("waived")


STOPPED_STATES = (ClockState.MET, ClockState.MISSED, ClockState.WAIVED)


class ReopenRule(models.TextChoices):
    """What the resolution clock does when a resolved or closed ticket is reopened."""

    CONTINUE = "continue", _("continue where it stopped")
    RESET = "reset", _("start again from the reopening")


class AssignmentTarget(models.TextChoices):
    """What a calendar is assigned to; the order of choice is `policies.CALENDAR_ORDER`."""

    SERVICE = "service", _("service")
    TEAM = "team", _("team")
    UNIT = "unit", _("requester unit")
