"""The npm-built vendor files load in a browser and define their globals."""

from __future__ import annotations

from pathlib import Path

from service_support import service_missing
from web_support import ROOT, serve_folder

STATIC = ROOT / "src" / "newsgraph" / "web" / "static"
SCRIPTS = ["vis-timeline-graph2d.min.js", "cytoscape.min.js", "chart.umd.min.js"]


def _page() -> str:
    tags = "\n".join(f'<script src="/static/vendor/{name}"></script>' for name in SCRIPTS)
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/static/vendor/vis-timeline-graph2d.min.css">'
        f"{tags}</head><body><div id='timeline'></div><div id='graph' style='height:200px'></div></body></html>"
    )


def test_vendor_libraries_define_their_globals(browser_page, tmp_path: Path) -> None:
    if not all((STATIC / "vendor" / name).is_file() for name in SCRIPTS):
        service_missing("web vendor files are not built (run `make assets`; needs npm)")
    (tmp_path / "static").symlink_to(STATIC, target_is_directory=True)
    (tmp_path / "index.html").write_text(_page(), encoding="utf-8")
    errors: list[str] = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_folder(tmp_path) as base_url:
        browser_page.goto(f"{base_url}/index.html")
        kinds = browser_page.evaluate(
            "() => [typeof vis.Timeline, typeof vis.DataSet, typeof cytoscape, typeof Chart]"
        )
        nodes = browser_page.evaluate(
            "() => cytoscape({container: document.getElementById('graph'),"
            " elements: [{data: {id: 'a'}}, {data: {id: 'b'}}, {data: {source: 'a', target: 'b'}}]}).nodes().length"
        )
    assert kinds == ["function"] * 4
    assert nodes == 2
    assert errors == []
