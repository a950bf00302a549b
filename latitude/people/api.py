"""People and teams under /api/v1: who am I, who works here, which teams exist."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, Page, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, PersonRef, TeamRef, problems
from latitude.people.models import Team, User
from latitude.people.selectors import team_ids_of, visible_people, visible_teams

people_router = Router(tags=["people"])
teams_router = Router(tags=["teams"])


class UnitRef(Schema):
    id: int
    name: str


class PersonOut(Schema):
    id: int
    full_name: str
    email: str
    is_requester: bool
    is_agent: bool
    is_admin: bool
    unit: UnitRef | None


class MeOut(PersonOut):
    language: str
    time_zone: str
    teams: list[TeamRef]

    @staticmethod
    def resolve_teams(obj: User) -> list[Team]:
        return list(Team.objects.filter(pk__in=team_ids_of(obj)).order_by("name"))


class PersonPage(Page[PersonOut]):
    pass


class PeopleQuery(Schema):
    q: str = Field("", max_length=200, description="part of the name or e-mail address")
    agents_only: bool = False
    team: int | None = Field(None, ge=1, le=2**63 - 1, description="members of this team")


class TeamOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    is_triage: bool
    lead: PersonRef | None


class TeamDetailOut(TeamOut):
    members: list[PersonRef]

    @staticmethod
    def resolve_members(obj: Team) -> list[User]:
        return list(getattr(obj, "visible_members", []))


class TeamPage(Page[TeamOut]):
    pass


@people_router.get("/me", response={200: MeOut, **problems()}, operation_id="getMe")
def get_me(request: HttpRequest) -> User:
    """The caller, with their preferences and teams."""
    return actor_of(request)


def _people(actor: User, query: PeopleQuery) -> QuerySet[User]:
    queryset = visible_people(actor).select_related("unit")
    if query.q.strip():
        text = query.q.strip()
        queryset = queryset.filter(Q(full_name__icontains=text) | Q(email__icontains=text))
    if query.agents_only:
        queryset = queryset.filter(is_agent=True)
    if query.team is not None:
        queryset = queryset.filter(memberships__team_id=query.team)
    return queryset


@people_router.get("/people", response={200: PersonPage, **problems()}, operation_id="listPeople")
def list_people(
    request: HttpRequest, query: Query[PeopleQuery], page: Query[PageQuery]
) -> dict[str, object]:
    """Active people; agents see everyone, a requester only themself."""
    reject_unknown_params(request, {*PeopleQuery.model_fields, *PAGE_PARAMS})
    return page_of(_people(actor_of(request), query), ["full_name", "id"], page)


@people_router.get(
    "/people/{person_id}", response={200: PersonOut, **problems(404)}, operation_id="getPerson"
)
def get_person(request: HttpRequest, person_id: PathId) -> User:
    return get_object_or_404(visible_people(actor_of(request)).select_related("unit"), pk=person_id)


@teams_router.get("/teams", response={200: TeamPage, **problems()}, operation_id="listTeams")
def list_teams(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """Active teams."""
    reject_unknown_params(request, PAGE_PARAMS)
    teams = visible_teams(actor_of(request)).select_related("lead")
    return page_of(teams, ["name", "id"], page)


@teams_router.get(
    "/teams/{team_id}", response={200: TeamDetailOut, **problems(404)}, operation_id="getTeam"
)
def get_team(request: HttpRequest, team_id: PathId) -> Team:
    """A team with the members the caller may see."""
    actor = actor_of(request)
    members = visible_people(actor).order_by("full_name", "id")
    teams = (
        visible_teams(actor)
        .select_related("lead")
        .prefetch_related(Prefetch("members", queryset=members, to_attr="visible_members"))
    )
    return get_object_or_404(teams, pk=team_id)
