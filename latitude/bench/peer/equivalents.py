"""Latitude's side of the peer comparison, and which operation matches which.

django-helpdesk's staff user sees every queue, so its ticket list matches the administrator's
"all tickets" queue; its dashboard (the agent's landing page: their own and unassigned
tickets) matches the agent's team queue, which is Latitude's landing page for agents.
"""

import itertools
from typing import Any

from latitude.bench.context import Context
from latitude.bench.registry import Operation, benchmark

API_CREATE = "API create ticket (agent)"
EQUIVALENTS = {
    "ticket list (all, first 25)": "queue first page (admin, all)",
    "ticket view": "ticket page (agent)",
    "dashboard": "queue first page (agent, team)",
    "API create ticket": API_CREATE,
}
TARGET = 5.0


@benchmark(API_CREATE, group="writes")
def api_create(ctx: Context) -> Operation:
    url = ctx.api_or_skip("tickets")
    counter = itertools.count(1)

    def create() -> Any:
        body = {
            "kind": "incident",
            "subject": f"Printer offline {next(counter)}",
            "description": "Opened by the benchmark through the API.",
        }
        response = ctx.client("agent").post(url, body, content_type="application/json")
        if response.status_code != 201:
            raise RuntimeError(f"POST {url} answered {response.status_code}")
        return response

    return create


def _by_name(measurements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in measurements}


def compare(peer: dict[str, Any], latitude_run: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Per shared operation: both medians and p95s, and how many times faster Latitude is."""
    ours = _by_name(latitude_run["measurements"]) if latitude_run else {}
    rows = []
    for theirs in peer.get("measurements", []):
        mine = ours.get(EQUIVALENTS.get(theirs["name"], ""), {})
        median = mine.get("median_ms")
        ratio = theirs["median_ms"] / median if median else None
        rows.append(
            {
                "operation": theirs["name"],
                "latitude": EQUIVALENTS.get(theirs["name"]),
                "helpdesk_median_ms": theirs["median_ms"],
                "helpdesk_p95_ms": theirs["p95_ms"],
                "helpdesk_queries": theirs["queries"],
                "latitude_median_ms": median,
                "latitude_p95_ms": mine.get("p95_ms"),
                "latitude_queries": mine.get("queries"),
                "times_faster": ratio,
                "target_met": None if ratio is None else ratio >= TARGET,
            }
        )
    return rows
