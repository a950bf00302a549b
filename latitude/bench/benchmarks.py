"""The measurements. Each prepares what it needs and returns the operation to time."""

import itertools
from typing import Any

from django.conf import settings
from django.utils import timezone

from latitude.bench.context import Context, rotate
from latitude.bench.registry import Operation, UnavailableError, benchmark
from latitude.catalog.models import Service
from latitude.scopes import benchdata
from latitude.scopes import cache as scope_cache
from latitude.scopes.evaluator import decidable_queryset, evaluate
from latitude.scopes.trust.metrics import Period, holder_metrics
from latitude.tickets import actions
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket
from latitude.tickets.selectors import TicketFilters, ticket_page

DEEP_PAGES = 50
WRITE_LIMIT = "write transactions"


@benchmark("API ticket read (agent)")
def api_ticket_read(ctx: Context) -> Operation:
    ctx.api_or_skip(f"tickets/{ctx.team_ticket_ids[0]}")
    ids = rotate(ctx.team_ticket_ids)
    return lambda: ctx.get_ok("agent", f"/api/v1/tickets/{next(ids)}")


@benchmark("ticket page (agent)")
def ticket_page_view(ctx: Context) -> Operation:
    urls = [
        ctx.path_or_skip("tickets:detail", reference=number) for number in ctx.team_ticket_numbers
    ]
    pages = rotate(urls)
    return lambda: ctx.get_ok("agent", next(pages))


@benchmark("queue first page (agent, team)")
def queue_first_page(ctx: Context) -> Operation:
    url = ctx.path_or_skip("tickets:queue", {"queue": "team"})
    return lambda: ctx.get_ok("agent", url)


@benchmark("queue first page (admin, all)")
def queue_first_page_admin(ctx: Context) -> Operation:
    url = ctx.path_or_skip("tickets:queue", {"queue": "all"})
    return lambda: ctx.get_ok("admin", url)


def _deep_cursor(ctx: Context, pages: int) -> str:
    """The cursor a person reaches after paging `pages` times through the team queue."""
    cursor = None
    for _ in range(pages):
        page = ticket_page(
            ctx.agent, TicketFilters(queue="team"), cursor=cursor, size=settings.LATITUDE_PAGE_SIZE
        )
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    if cursor is None:
        raise UnavailableError("fewer than two pages of tickets")
    return cursor


@benchmark(f"queue page {DEEP_PAGES} deep (agent, team)")
def queue_deep_page(ctx: Context) -> Operation:
    ctx.path_or_skip("tickets:queue")
    url = ctx.path_or_skip(
        "tickets:queue", {"queue": "team", "cursor": _deep_cursor(ctx, DEEP_PAGES)}
    )
    return lambda: ctx.get_ok("agent", url)


@benchmark("text search page (agent, all)")
def search_page(ctx: Context) -> Operation:
    url = ctx.path_or_skip("tickets:queue", {"queue": "all", "q": ctx.search_word})
    return lambda: ctx.get_ok("agent", url)


@benchmark("API text search (agent)")
def api_search(ctx: Context) -> Operation:
    url = ctx.api_or_skip("tickets", {"q": ctx.search_word})
    return lambda: ctx.get_ok("agent", url)


@benchmark("API list first page (agent, team)")
def api_list(ctx: Context) -> Operation:
    url = ctx.api_or_skip("tickets", {"queue": "team"})
    return lambda: ctx.get_ok("agent", url)


@benchmark("API list first page (admin, all)")
def api_list_admin(ctx: Context) -> Operation:
    url = ctx.api_or_skip("tickets", {"queue": "all"})
    return lambda: ctx.get_ok("admin", url)


@benchmark("open ticket (actions.open_ticket)", group="writes", limit=WRITE_LIMIT)
def open_ticket(ctx: Context) -> Operation:
    service = Service.objects.filter(owner_team=ctx.busy_team).first()
    counter = itertools.count(1)

    def create() -> Any:
        return actions.open_ticket(
            actor=ctx.agent,
            kind="incident",
            subject=f"Benchmark ticket {next(counter)}",
            description="Opened by the benchmark through the same action the API and pages use.",
            requester=ctx.agent,
            service=service,
        )

    return create


@benchmark("SLA: 1,000 business-time additions (Munich, holidays)", group="sla")
def sla_additions(ctx: Context) -> Operation:
    """`python -m latitude.sla.benchmark additions` reports the same per addition."""
    from latitude.sla.benchmark import munich_calendar, sample_inputs

    calendar = munich_calendar()
    inputs = sample_inputs(1000)
    for instant, minutes in inputs:
        calendar.add_business_minutes(instant, minutes)
    return lambda: [calendar.add_business_minutes(instant, n) for instant, n in inputs]


@benchmark("SLA: sweep (clocks due soon, through partial indexes)", group="sla")
def sla_sweep(ctx: Context) -> Operation:
    from latitude.sla.sweep import pending_breaches, pending_warnings

    now = timezone.now()
    return lambda: (pending_breaches(now), pending_warnings(now))


@benchmark("evaluate one decision (1,000 grants, warm)")
def evaluate_warm(ctx: Context) -> Operation:
    benchdata.ensure_grants(1000)
    ticket = Ticket.objects.get(pk=ctx.team_ticket_ids[0])
    return lambda: evaluate(ctx.agent, "ticket.resolve", ticket)


@benchmark("evaluate one decision (1,000 grants, warm, revision already read)")
def evaluate_pinned(ctx: Context) -> Operation:
    """The evaluation itself, as the verdicts of a page run once its revision has been read."""
    benchdata.ensure_grants(1000)
    ticket = Ticket.objects.get(pk=ctx.team_ticket_ids[0])
    held = scope_cache.snapshot()

    def run() -> Any:
        with scope_cache.pinned(held):
            return evaluate(ctx.agent, "ticket.resolve", ticket)

    return run


@benchmark("decidable by me: open tickets I may resolve (first page)")
def decidable_by_me(ctx: Context) -> Operation:
    benchdata.ensure_grants(1000)
    open_tickets = Ticket.objects.exclude(status__in=[Status.RESOLVED, Status.CLOSED])

    def page() -> list[int]:
        found = decidable_queryset(ctx.agent, "ticket.resolve", open_tickets)
        return list(found.order_by("-id").values_list("pk", flat=True)[:50])

    return page


@benchmark("trust metrics for a team over a year")
def team_trust_metrics(ctx: Context) -> Operation:
    benchdata.ensure_year_of_decisions(ctx.busy_team)
    period = Period.last_days(365)
    return lambda: holder_metrics("team", ctx.busy_team.pk, period)
