"""wrk in its own process on loopback: POST /api/v1/tickets with a personal API token."""

import json
import os
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("create.lua")
MARKER = "WRK_JSON "


class LoadGeneratorMissingError(Exception):
    """wrk is not installed and this run may not install it."""


def ensure_wrk() -> str:
    """The path of wrk, installing Debian's package when running as root with apt-get."""
    found = shutil.which("wrk")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        raise LoadGeneratorMissingError(
            "wrk is not installed and this run cannot install it (needs root and apt-get); "
            "install it with `apt-get install wrk` to measure ticket creation over HTTP"
        )
    quiet = {"capture_output": True, "check": False}
    if subprocess.run([apt, "install", "-y", "wrk"], **quiet).returncode != 0:  # type: ignore[call-overload]
        subprocess.run([apt, "update"], **quiet)  # type: ignore[call-overload]
        subprocess.run([apt, "install", "-y", "wrk"], **quiet)  # type: ignore[call-overload]
    found = shutil.which("wrk")
    if not found:
        raise LoadGeneratorMissingError("`apt-get install -y wrk` did not provide wrk")
    return found


@dataclass
class LoadSettings:
    seconds: int = 10
    connections: int = 8
    threads: int = 2


def wrk_command(binary: str, url: str, load: LoadSettings) -> list[str]:
    return [
        binary,
        "-t",
        str(load.threads),
        "-c",
        str(load.connections),
        "-d",
        f"{load.seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(SCRIPT),
        url,
    ]


def parse(output: str) -> dict[str, Any]:
    """The summary the Lua `done` hook printed, in milliseconds and requests per second."""
    line = next((line for line in output.splitlines() if line.startswith(MARKER)), None)
    if line is None:
        raise ValueError("wrk printed no summary; was the Lua script loaded?")
    raw = json.loads(line[len(MARKER) :])
    errors = sum(
        raw[key]
        for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "per_second": raw["requests"] / seconds if seconds else None,
        "median_ms": raw["median_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
        "non_2xx": raw["status_errors"],
        "error_detail": {k: raw[k] for k in raw if k.endswith("errors") or k == "timeouts"},
    }


def run_wrk(binary: str, url: str, token: str, load: LoadSettings) -> dict[str, Any]:
    env = {**os.environ, "LATITUDE_TOKEN": token}
    done = subprocess.run(
        wrk_command(binary, url, load),
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=load.seconds + 60,
    )
    return {**parse(done.stdout), "load": asdict(load)}
