import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from latitude.bench.orchestrate import Plan, run


def test_a_postgres_database_not_named_for_benchmarks_is_never_touched() -> None:
    plan = Plan(
        mode="quick",
        sizes=[10],
        backends=["postgresql"],
        iterations=1,
        postgres_url="postgres://postgres@127.0.0.1:1/latitude",
    )
    report = run(plan, lambda line: None)
    assert report["runs"] == []
    assert "must contain 'bench'" in report["notes"][0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sizes", "ten"], "numbers separated by commas"),
        (["--sizes", "0"], "positive"),
        (["--backends", "oracle"], "sqlite and postgresql"),
        (["--iterations", "0"], "at least 1"),
    ],
)
def test_bench_rejects_bad_options_with_a_clear_message(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("bench", *args)
