"""A real gunicorn serving the bench database on a free loopback port, for the HTTP benchmarks.

Workers: gunicorn's rule of thumb, (2 x cores) + 1, with the gthread worker class. Requests
are CPU-bound Python with short waits on the database (a commit's fsync), so about two
processes per core keep both cores busy while one waits; gthread rather than sync because the
load generator keeps its connections alive and sync workers close every connection, which
would time TCP set-up instead of Latitude. Two threads per worker cover a commit wait without
multiplying the Python processes that compete with wrk and the database for two cores.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

THREADS = 2
READY_SECONDS = 60.0


def worker_count(cpus: int | None = None) -> int:
    return 2 * (cpus or os.cpu_count() or 1) + 1


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def gunicorn_command(port: int, workers: int, threads: int = THREADS) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "latitude.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]


def children(pid: int) -> list[int]:
    """Direct child processes (the workers of a gunicorn master), from /proc."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(part) for part in task.read_text().split()]
    return found


def peak_rss_kib(pid: int) -> int | None:
    """VmHWM: the most resident memory the process ever had."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class Server:
    """`with Server(env) as server:` starts gunicorn and waits until /healthz answers."""

    env: dict[str, str]
    workers: int = 0
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        self.workers = self.workers or worker_count()
        self.port = self.port or free_port()
        self.process = subprocess.Popen(gunicorn_command(self.port, self.workers), env=self.env)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer on {self.url} within {READY_SECONDS:.0f} s")

    def worker_peak_rss_mib(self) -> list[float]:
        if self.process is None:
            return []
        peaks = (peak_rss_kib(pid) for pid in children(self.process.pid))
        return sorted(round(kib / 1024, 1) for kib in peaks if kib is not None)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
