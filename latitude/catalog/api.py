"""The service catalogue under /api/v1: services and categories (readable by everyone signed in)."""

from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from latitude.api.pagination import PAGE_PARAMS, Page, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, TeamRef, problems
from latitude.catalog.choices import CategoryScope, Criticality
from latitude.catalog.models import Category, Service
from latitude.catalog.selectors import active_services, categories_for, requestable_services

router = Router(tags=["catalog"])


class ServiceOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    criticality: Criticality
    requestable: bool
    requires_approval: bool
    default_cost_amount: Decimal | None
    default_cost_currency: str
    owner_team: TeamRef


class ServicePage(Page[ServiceOut]):
    pass


class ServiceQuery(Schema):
    requestable: bool = Field(False, description="only services requesters may ask for")


class CategoryOut(Schema):
    id: int
    name: str
    parent_id: int | None
    applies_to: CategoryScope


class CategoryPage(Page[CategoryOut]):
    pass


class CategoryQuery(Schema):
    kind: str = Field("", pattern="^(|incident|request)$", description="incident or request")


@router.get("/services", response={200: ServicePage, **problems()}, operation_id="listServices")
def list_services(
    request: HttpRequest, query: Query[ServiceQuery], page: Query[PageQuery]
) -> dict[str, object]:
    reject_unknown_params(request, {*ServiceQuery.model_fields, *PAGE_PARAMS})
    services = requestable_services() if query.requestable else active_services()
    return page_of(services, ["name", "id"], page)


@router.get(
    "/services/{service_id}", response={200: ServiceOut, **problems(404)}, operation_id="getService"
)
def get_service(request: HttpRequest, service_id: PathId) -> Service:
    return get_object_or_404(active_services(), pk=service_id)


@router.get(
    "/categories", response={200: CategoryPage, **problems()}, operation_id="listCategories"
)
def list_categories(
    request: HttpRequest, query: Query[CategoryQuery], page: Query[PageQuery]
) -> dict[str, object]:
    reject_unknown_params(request, {*CategoryQuery.model_fields, *PAGE_PARAMS})
    return page_of(categories_for(query.kind or None), ["name", "id"], page)


@router.get(
    "/categories/{category_id}",
    response={200: CategoryOut, **problems(404)},
    operation_id="getCategory",
)
def get_category(request: HttpRequest, category_id: PathId) -> Category:
    return get_object_or_404(categories_for(), pk=category_id)
