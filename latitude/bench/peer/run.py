"""django-helpdesk as a peer: its own virtual environment under var/, its own project and data.

The environment is created on first use (pip from PyPI) and reused while the pins match; it
lives under the bench directory and is never committed. django-helpdesk 2.6.1 requires
Django >= 5.2, so it is pinned to the same Django as Latitude: the comparison is between the
two applications, not two Django versions.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import django

from latitude.bench.datasets import SHARED_DATASETS

HELPDESK_VERSION = "2.6.1"
SCRIPT = Path(__file__).with_name("helpdesk_run.py")
LOG = Path("servicenow-incident-event-log") / "incident_event_log.csv.gz"


def pins() -> list[str]:
    return [f"django-helpdesk=={HELPDESK_VERSION}", f"django=={django.get_version()}"]


def incident_log(datasets: Path = SHARED_DATASETS) -> Path | None:
    for candidate in (datasets / LOG, datasets / LOG.with_suffix("")):
        if candidate.exists():
            return candidate
    return None


def ensure_environment(root: Path) -> Path:
    """The peer's Python, creating its virtual environment when the pins changed."""
    venv = root / "venv"
    python = venv / "bin" / "python"
    stamp = venv / "pins.txt"
    wanted = "\n".join(pins())
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins()],
        check=True,
    )
    stamp.write_text(wanted)
    return python


def run_peer(root: Path, *, iterations: int, budget_seconds: float) -> dict[str, Any]:
    """Install, load the ServiceNow log and measure; `skipped` says why when it cannot."""
    log = incident_log()
    if log is None:
        return {"skipped": f"the ServiceNow log is not in {SHARED_DATASETS} (LATITUDE_DATASETS)"}
    try:
        python = ensure_environment(root)
    except subprocess.CalledProcessError as exc:
        return {"skipped": f"could not install {' '.join(pins())} from PyPI ({exc})"}
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        done = subprocess.run(
            [
                str(python),
                str(SCRIPT),
                "--project",
                str(root / "project"),
                "--csv",
                str(log),
                "--out",
                out.name,
                "--iterations",
                str(iterations),
                "--budget",
                str(budget_seconds),
            ],
            check=False,
        )
        if done.returncode != 0:
            return {"skipped": f"the peer run failed (exit {done.returncode}); see its output"}
        return dict(json.loads(Path(out.name).read_text()))
