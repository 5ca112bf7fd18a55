"""Property-based run of the OpenAPI spec (schemathesis): no generated request gets a server error."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402 - after the importorskip

from api_support import TOKEN  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(seed_store_path, tmp_path_factory):
    from api_support import copy_store
    from newsgraph.web import create_app

    store = copy_store(seed_store_path, tmp_path_factory.mktemp("schemathesis") / "copy.sqlite")
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store, token=TOKEN))
    store.close()


EXAMPLES = 20  # per operation


def test_no_server_error(api_schema):
    """Every operation, EXAMPLES generated requests each (with the write token): no 5xx."""
    failures = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}")

        check()
    assert not failures, failures[:10]
