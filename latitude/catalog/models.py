"""A light service catalogue: services with an owner team, and categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from latitude.catalog.choices import CategoryScope, Criticality


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

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")

    def __str__(self) -> str:
        return self.name


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
