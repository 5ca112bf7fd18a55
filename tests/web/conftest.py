"""Browser fixtures for the web tests (defined in ``tests/web_support.py``)."""

from web_support import artifacts_dir, browser_page, chromium_browser  # noqa: F401 - fixtures
