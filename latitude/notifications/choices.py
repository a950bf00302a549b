from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailMode(models.TextChoices):
    OFF = "off", _("No e-mail")
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("Daily digest")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    PARKED = "parked", _("parked after failures")
    CANCELLED = "cancelled", _("cancelled")
