"""Cursor pagination and strict query strings for list endpoints."""

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from latitude.core.errors import InvalidInput
from latitude.core.pagination import KeysetPage, keyset_page

MAX_PAGE_SIZE = 100
PAGE_PARAMS = ("cursor", "size")

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


class PageQuery(Schema):
    cursor: str | None = Field(
        None, max_length=1000, description="next_cursor of the previous page"
    )
    size: int = Field(
        default_factory=lambda: settings.LATITUDE_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description="items per page",
    )


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="pass as `cursor` for the next page; null at the end"
    )


def reject_unknown_params(request: HttpRequest, allowed: Iterable[str]) -> None:
    """A misspelt filter must not silently widen the result: name it and refuse."""
    known = set(allowed)
    for name in request.GET:
        if name not in known:
            raise InvalidInput(
                _("Unknown query parameter. Allowed: %(names)s.")
                % {"names": ", ".join(sorted(known))},
                field=name,
            )


def page_of(queryset: models.QuerySet[M], ordering: list[str], query: PageQuery) -> dict[str, Any]:
    page: KeysetPage[M] = keyset_page(
        queryset, ordering=ordering, cursor=query.cursor, size=query.size
    )
    return as_page(page)


def as_page(page: KeysetPage[Any]) -> dict[str, Any]:
    return {"items": page.items, "next_cursor": page.next_cursor}
