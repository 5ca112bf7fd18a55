"""frontend/package-lock.json takes every package from the npm registry, each with a hash."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _build_assets() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_assets", ROOT / "tools" / "build_assets.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_lock_file_has_no_outside_download_address() -> None:
    assert _build_assets().lock_problems() == []


def test_lock_check_flags_an_address_outside_the_registry(tmp_path: Path) -> None:
    lock = {"packages": {"": {}, "node_modules/x": {"resolved": "https://example.invalid/x.tgz",
                                                    "integrity": "sha512-AAAA"}}}
    (tmp_path / "package-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    problems = _build_assets().lock_problems(tmp_path / "package-lock.json")
    assert problems == ["node_modules/x: resolved from https://example.invalid/x.tgz"]


def test_lock_pins_the_workbench_libraries() -> None:
    packages = json.loads((ROOT / "frontend" / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for name in ("vis-timeline", "vis-data", "cytoscape", "chart.js"):
        assert f"node_modules/{name}" in packages
