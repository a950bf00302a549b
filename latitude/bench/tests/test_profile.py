import statistics

from latitude.bench.profile import Profile


def test_profile_reads_every_incident_of_the_log(real_profile: Profile) -> None:
    assert real_profile.incidents == 20_769
    assert len(real_profile.events) == real_profile.incidents
    assert max(real_profile.daily_arrivals) == 607


def test_profile_priority_mix_matches_the_log(real_profile: Profile) -> None:
    shares = real_profile.priority_shares()
    assert set(shares) == {1, 2, 3, 4}
    assert abs(shares[3] - 19_554 / 20_769) < 0.001


def test_profile_resolution_and_updates_have_the_logs_centre(real_profile: Profile) -> None:
    assert 24 <= statistics.median(real_profile.resolution_hours) <= 25
    assert 5.5 < statistics.mean(real_profile.events) < 6.0
    assert real_profile.team_loads == sorted(real_profile.team_loads, reverse=True)
