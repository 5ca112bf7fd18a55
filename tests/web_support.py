"""Headless Chromium for browser tests, through Playwright, with no browser download.

Playwright's own browser download cannot work on these machines, so the tests drive the
Debian ``chromium`` package (``/usr/bin/chromium``, or the program named by
``$NEWSGRAPH_CHROMIUM``) through ``executable_path``. When Chromium or the ``playwright``
package is missing the browser tests skip with the reason (they fail under ``CI=true``).

Fixtures (``tests/web/conftest.py`` imports them for the tests in ``tests/web/``):

- ``chromium_browser``: one headless Chromium for the whole session;
- ``browser_page``: a fresh context and page for each test, closed afterwards;
- ``artifacts_dir``: the folder for screenshots and other outputs.

Helpers: ``serve_folder(path)`` serves a folder on a loopback port from a thread (a
context manager yielding the base URL), ``screenshot_path(name)`` names an output file.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from service_support import service_missing

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")

# Flags for running as root in a closed network: no sandbox (root), no GPU, and none of
# Chromium's background connections (they are refused here and only slow the start).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def find_chromium() -> Path | None:
    """The Chromium program to drive: ``$NEWSGRAPH_CHROMIUM``, else Debian's, else on PATH."""
    named = os.environ.get("NEWSGRAPH_CHROMIUM")
    if named:
        return Path(named) if Path(named).is_file() else None
    if DEFAULT_CHROMIUM.is_file():
        return DEFAULT_CHROMIUM
    for program in ("chromium", "chromium-browser"):
        found = shutil.which(program)
        if found:
            return Path(found)
    return None


def artifacts_root() -> Path:
    """``$NEWSGRAPH_TEST_ARTIFACTS``, else ``build/test-artifacts`` (git-ignored); created."""
    folder = Path(os.environ.get("NEWSGRAPH_TEST_ARTIFACTS") or ROOT / "build" / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder




def screenshot_path(name: str) -> Path:
    """Where a browser test writes its screenshot ``name`` (under ``web/`` of the artifacts)."""
    folder = artifacts_root() / "web"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port) from a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="test-http", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        service_missing(f"the Python package playwright is not installed ({error}); "
                        "run `make install`")
    return sync_playwright


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright, shared by the session."""
    executable = find_chromium()
    if executable is None:
        service_missing("no Chromium found (set NEWSGRAPH_CHROMIUM or `apt-get install chromium`)")
    sync_playwright = _sync_playwright()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def browser_page(chromium_browser: Any) -> Iterator[Any]:
    """A new browser context and page for one test (1280x800), closed afterwards."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """The test-output folder (see ``artifacts_root``)."""
    return artifacts_root()
