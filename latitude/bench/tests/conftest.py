import dataclasses

import pytest

from latitude.bench.profile import Profile, load_profile


@pytest.fixture(scope="session")
def real_profile() -> Profile:
    return load_profile()


@pytest.fixture
def small_profile(real_profile: Profile) -> Profile:
    """The real distributions with a smaller staff, so tests build the organisation quickly."""
    return dataclasses.replace(real_profile, requesters=120)
