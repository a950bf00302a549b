from django.db import models
from django.utils.translation import gettext_lazy as _


class Criticality(models.IntegerChoices):
    """How much the business depends on a service; higher is more critical."""

    LOW = 1, _("low")
    MEDIUM = 2, _("medium")
    HIGH = 3, _("high")
    CRITICAL = 4, _("critical")


class CategoryScope(models.TextChoices):
    ANY = "any", _("incidents and requests")
    INCIDENT = "incident", _("incidents only")
    REQUEST = "request", _("requests only")
