from datetime import timedelta

from latitude.core.periodic import Periodic
from latitude.scopes.tasks import expire_requests, reroute_requests, review_scopes

PERIODIC = [
    Periodic(name="scopes.expire_requests", task=expire_requests, every=timedelta(minutes=15)),
    Periodic(name="scopes.reroute_requests", task=reroute_requests, every=timedelta(minutes=15)),
    # The metrics cover months; once a day is often enough and keeps the aggregates cheap.
    Periodic(name="scopes.review_scopes", task=review_scopes, every=timedelta(hours=24)),
]
