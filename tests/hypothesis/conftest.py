"""The fuzzing profile of the property-based tests in this folder: a fixed example budget and a fixed seed
(derandomize), so that CI finds the same thing on every run and the folder stays well under a minute.

The profile is registered, not loaded: other hypothesis tests of the suite keep their own settings. Each test
here takes it with its own fixed budget (`fuzz.budget(n)`). For a longer hunt on a developer's machine set
HYPOTHESIS_FUZZ_SCALE=20 (and HYPOTHESIS_FUZZ_RANDOM=1 for new seeds); CI uses neither."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE = "disclosure-fuzz"

settings.register_profile(
    PROFILE,
    max_examples=50,
    deadline=None,
    derandomize=os.environ.get("HYPOTHESIS_FUZZ_RANDOM") != "1",
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
