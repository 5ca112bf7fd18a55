"""Fixtures for the web tests: browser (``tests/web_support.py``), seed store and API clients
(``tests/api_support.py``)."""

from api_support import client, seed_store, seed_store_path, writable  # noqa: F401 - fixtures
from web_support import artifacts_dir, browser_page, chromium_browser  # noqa: F401 - fixtures
