"""Catalogue reads. The catalogue is public to everybody who is signed in."""

from django.db.models import Q, QuerySet

from latitude.catalog.models import Category, Service


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(is_active=True).select_related("owner_team")


def requestable_services() -> QuerySet[Service]:
    return active_services().filter(requestable=True)


def categories_for(kind: str | None = None) -> QuerySet[Category]:
    queryset = Category.objects.filter(is_active=True).select_related("parent")
    if kind:
        queryset = queryset.filter(Q(applies_to="any") | Q(applies_to=kind))
    return queryset
