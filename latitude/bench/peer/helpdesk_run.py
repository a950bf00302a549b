"""Runs inside django-helpdesk's own virtual environment, never imported by Latitude.

    python helpdesk_run.py --project DIR --csv incident_event_log.csv --out result.json

Generates a minimal Django project in DIR (settings and URLs), migrates its SQLite database,
loads the ServiceNow log (one ticket per incident, queue = its final assignment group, one
follow-up per update) and times the staff pages and the API with Django's test client, the
same way and with the same statistics as Latitude's in-process benchmarks.
"""
# mypy: ignore-errors

import argparse
import csv
import gzip
import json
import math
import os
import statistics
import sys
import time
import warnings
from base64 import b64encode
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

SETTINGS = """
from pathlib import Path
HERE = Path(__file__).resolve().parent
SECRET_KEY = "peer-benchmark-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
SITE_ID = 1
ROOT_URLCONF = "peer_urls"
LOGIN_URL = "/helpdesk/login/"
HELPDESK_TEAMS_MODE_ENABLED = False
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
    "django.contrib.sites", "django.contrib.humanize", "rest_framework", "helpdesk",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
# The same SQLite settings as Latitude's, so the comparison is not about pragmas.
DATABASES = {"default": {
    "ENGINE": "django.db.backends.sqlite3", "NAME": HERE / "helpdesk.sqlite3",
    "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
}}
STATIC_URL = "/static/"
STATIC_ROOT = HERE / "static"
MEDIA_ROOT = HERE / "media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
"""

URLS = """
from django.urls import include, path
urlpatterns = [path("helpdesk/", include("helpdesk.urls", namespace="helpdesk"))]
"""

STATUS = {"Resolved": 3, "Closed": 4}  # helpdesk: 1 open, 3 resolved, 4 closed
SAMPLE = 200


def write_project(project: Path) -> None:
    project.mkdir(parents=True, exist_ok=True)
    (project / "peer_settings.py").write_text(SETTINGS)
    (project / "peer_urls.py").write_text(URLS)
    sys.path.insert(0, str(project))
    os.environ["DJANGO_SETTINGS_MODULE"] = "peer_settings"


def when(text: str) -> datetime:
    return datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=UTC)


def read_log(path: Path) -> dict[str, list[dict[str, str]]]:
    incidents: dict[str, list[dict[str, str]]] = defaultdict(list)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", newline="", encoding="utf-8") as source:
        for row in csv.DictReader(source):
            incidents[row["number"]].append(row)
    return incidents


def load(log: Path) -> dict[str, int]:
    from helpdesk.models import FollowUp, Queue, Ticket

    incidents = read_log(log)
    groups = sorted({rows[-1]["assignment_group"] for rows in incidents.values()})
    queues = {
        name: Queue(title=name if name != "?" else "Unassigned", slug=f"q{index}")
        for index, name in enumerate(groups)
    }
    Queue.objects.bulk_create(queues.values())
    queues = {name: Queue.objects.get(slug=queue.slug) for name, queue in queues.items()}
    tickets = [_ticket(number, rows, queues) for number, rows in incidents.items()]
    Ticket.objects.bulk_create(tickets, batch_size=1000)
    ids = dict(Ticket.objects.values_list("title", "id"))
    followups = [
        FollowUp(
            ticket_id=ids[_title(number, rows[-1])],
            date=when(row["sys_updated_at"]),
            title=row["incident_state"],
            comment=f"{row['incident_state']} by {row['sys_updated_by']}",
            public=False,
            new_status=STATUS.get(row["incident_state"], 1),
        )
        for number, rows in incidents.items()
        for row in rows
    ]
    FollowUp.objects.bulk_create(followups, batch_size=2000)
    return {"tickets": len(tickets), "followups": len(followups), "queues": len(queues)}


def _title(number: str, last: dict[str, str]) -> str:
    return f"{number}: {last['category']} / {last['subcategory']} / {last['u_symptom']}"


def _ticket(number: str, rows: list[dict[str, str]], queues: dict) -> object:
    from helpdesk.models import Ticket

    last = rows[-1]
    priority = int(last["priority"][0]) if last["priority"][:1].isdigit() else 3
    return Ticket(
        title=_title(number, last),
        queue=queues[last["assignment_group"]],
        created=when(last["opened_at"]),
        modified=when(last["sys_updated_at"]),
        submitter_email=f"{last['caller_id'].replace(' ', '').lower()}@peer.example",
        status=STATUS.get(last["incident_state"], 1),
        priority=priority,
        description=f"{last['category']}, {last['subcategory']}, {last['u_symptom']} "
        f"({last['contact_type']}, {last['location']})",
    )


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


def measure(name: str, operation, iterations: int, budget: float) -> dict:
    from django.db import connection

    for _ in range(2):
        operation()
    samples: list[tuple[float, int]] = []
    deadline = time.perf_counter() + budget
    while len(samples) < iterations:
        counter = Counter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            operation()
            samples.append(((time.perf_counter() - started) * 1000, counter.count))
        if time.perf_counter() > deadline and len(samples) >= 5:
            break
    times = [ms for ms, _ in samples]
    return {
        "name": name,
        "iterations": len(samples),
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "max_ms": max(times),
        "queries": round(statistics.median(count for _, count in samples)),
        "queries_max": max(count for _, count in samples),
    }


def ok(response, expected: int = 200):
    if response.status_code != expected:
        raise RuntimeError(f"{response.request['PATH_INFO']} answered {response.status_code}")
    return response


def operations(client, staff) -> dict:
    import itertools
    import random

    from helpdesk.models import Queue, Ticket

    ids = list(Ticket.objects.values_list("id", flat=True))
    sample = itertools.cycle(sorted(random.Random(1).sample(ids, min(SAMPLE, len(ids)))))
    every = {"filtering": {}, "sorting": "created", "sortreverse": True, "search_string": ""}
    query = b64encode(json.dumps(every).encode()).decode("ascii")
    rows = f"/helpdesk/datatables_ticket_list/{query}?draw=1&start=0&length=25"
    queue = Queue.objects.order_by("id").first().id
    counter = itertools.count(1)

    def ticket_list():
        # The list page is a shell; a browser then fetches the rows as JSON. Both are timed.
        ok(client.get("/helpdesk/tickets/"))
        ok(client.get(rows))

    def create():
        body = {
            "queue": queue,
            "title": f"Printer offline {next(counter)}",
            "priority": 3,
            "description": "Opened by the benchmark through the API.",
            "submitter_email": "bench@peer.example",
        }
        ok(client.post("/helpdesk/api/tickets/", body, content_type="application/json"), 201)

    return {
        "ticket list (all, first 25)": ticket_list,
        "ticket view": lambda: ok(client.get(f"/helpdesk/tickets/{next(sample)}/")),
        "dashboard": lambda: ok(client.get("/helpdesk/dashboard/")),
        "API create ticket": create,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--budget", type=float, default=20.0)
    args = parser.parse_args()
    # helpdesk's dashboard compares naive dates; its warnings are not ours to report.
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    write_project(args.project)
    (args.project / "helpdesk.sqlite3").unlink(missing_ok=True)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    counts = load(args.csv)
    load_seconds = time.perf_counter() - started
    staff = get_user_model().objects.create_superuser("staff", "staff@peer.example", "x")
    client = Client(raise_request_exception=True)
    client.force_login(staff)
    timed = [
        measure(name, operation, args.iterations, args.budget)
        for name, operation in operations(client, staff).items()
    ]
    from importlib.metadata import version

    result = {
        "versions": {
            "django-helpdesk": version("django-helpdesk"),
            "Django": django.get_version(),
            "Python": sys.version.split()[0],
        },
        "counts": counts,
        "load_seconds": load_seconds,
        "measurements": timed,
    }
    args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
