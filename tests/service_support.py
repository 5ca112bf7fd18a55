"""Skip-or-fail for tests that need an outside service (a browser, a database server).

On a developer's machine a missing service skips the test with the reason; under CI
(``CI=true``) the same absence fails the test, so a green CI run never hides a service
that ``.ci/run`` forgot to install or start. Import with ``from service_support import ...``.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def running_in_ci() -> bool:
    """True when the environment says this is a CI run (``CI=true``, ``CI=1``)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def service_missing(reason: str) -> NoReturn:
    """Skip the calling test with ``reason``, or fail it loudly under CI."""
    if running_in_ci():
        pytest.fail(f"CI=true, so a missing test service is an error: {reason}", pytrace=False)
    pytest.skip(reason)
