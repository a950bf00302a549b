"""Background work of the SLA app."""

from django_tasks import task

from latitude.sla.sweep import sweep


@task()
def sweep_sla_clocks() -> dict[str, int]:
    """Announce due warnings and record breaches; safe to run often and twice at once."""
    report = sweep()
    return {"warned": report.warned, "breached": report.breached}
