from datetime import timedelta

from latitude.core.periodic import Periodic
from latitude.sla.tasks import sweep_sla_clocks

PERIODIC = [Periodic(name="sla.sweep", task=sweep_sla_clocks, every=timedelta(minutes=1))]
