import pytest

from latitude.bench.loader import load
from latitude.bench.runner import measure_size


@pytest.mark.django_db
def test_every_registered_benchmark_runs_or_says_why_not(small_profile) -> None:
    load(400, seed=2, profile=small_profile)
    part = measure_size(400, iterations=2, limits={"write transactions": 1000.0})
    assert part["counts"]["tickets"] == 400
    assert part["peak_rss_mib"] > 0
    for measurement in part["measurements"]:
        assert measurement["errors"] == [], measurement
        assert measurement["skipped"] or measurement["median_ms"] is not None
