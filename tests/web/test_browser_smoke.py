"""The browser harness works: a page served on loopback, a click, a screenshot."""

from __future__ import annotations

from pathlib import Path

from web_support import screenshot_path, serve_folder

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>harness check</title></head>
<body>
  <h1 id="heading">Not clicked</h1>
  <button id="go" onclick="document.getElementById('heading').textContent = 'Clicked'">Go</button>
</body></html>
"""


def test_click_changes_the_page_and_a_screenshot_is_saved(browser_page, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    with serve_folder(tmp_path) as base_url:
        browser_page.goto(f"{base_url}/index.html")
        assert browser_page.title() == "harness check"
        assert browser_page.text_content("#heading") == "Not clicked"
        browser_page.click("#go")
        assert browser_page.text_content("#heading") == "Clicked"
        shot = screenshot_path("harness_click.png")
        browser_page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
