"""A light service catalogue: services with an owner team, and categories."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from latitude.catalog.choices import CategoryScope, Criticality
from latitude.core.money import validate_currency


class Service(models.Model):
    """Something IT provides that people can report problems with or ask for."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    owner_team = models.ForeignKey(
        "people.Team",
        on_delete=models.PROTECT,
        related_name="owned_services",
        verbose_name=_("owner team"),
    )
    criticality = models.PositiveSmallIntegerField(
        _("criticality"), choices=Criticality.choices, default=Criticality.MEDIUM
    )
    is_active = models.BooleanField(_("active"), default=True)
    requestable = models.BooleanField(
        _("requestable in the portal"),
        default=True,
        help_text=_("Requesters may raise service requests for this service."),
    )
    # Approval belongs to what is provided (a laptop, a licence, access to payroll): the service
    # carries the price and its owner team is who approvers are found near. Categories are a
    # classification shared with incidents and would leave the cost without an owner.
    requires_approval = models.BooleanField(
        _("requests need approval"),
        default=False,
        help_text=_("Service requests wait for an approval before they can be fulfilled."),
    )
    default_cost_amount = models.DecimalField(
        _("default cost"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What one request usually costs; agents may correct it per request."),
    )
    default_cost_currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[validate_currency],
        help_text=_("ISO 4217 code, such as EUR."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        constraints = [
            models.CheckConstraint(
                condition=(Q(default_cost_amount__isnull=True) & Q(default_cost_currency=""))
                | (Q(default_cost_amount__gte=0) & ~Q(default_cost_currency="")),
                name="service_cost_has_currency",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        has_amount = self.default_cost_amount is not None
        if has_amount != bool(self.default_cost_currency):
            field = "default_cost_currency" if has_amount else "default_cost_amount"
            raise ValidationError({field: _("A default cost needs both an amount and a currency.")})
        if has_amount and self.default_cost_amount is not None and self.default_cost_amount < 0:
            raise ValidationError({"default_cost_amount": _("A cost cannot be negative.")})


class Category(models.Model):
    """A classification of tickets (hardware, access, software ...), optionally nested."""

    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    applies_to = models.CharField(
        _("applies to"), max_length=16, choices=CategoryScope.choices, default=CategoryScope.ANY
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_category_name")
        ]

    def __str__(self) -> str:
        return f"{self.parent} / {self.name}" if self.parent_id else self.name
