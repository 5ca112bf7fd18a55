"""Install the web workbench's browser libraries from npm and copy their builds into the package.

    python tools/build_assets.py            # npm ci (when needed) + copy into static/vendor/
    python tools/build_assets.py --check-lock   # only check frontend/package-lock.json

``frontend/package.json`` and its committed ``package-lock.json`` pin the libraries; this
script runs ``npm ci`` there and copies the minified standalone (UMD) builds, their CSS and
their licences into ``src/newsgraph/web/static/vendor/`` (git-ignored: nothing third-party
is committed). A stamp (the lock file's SHA-256) makes a second run a no-op. Without npm
it prints a note and exits 0: the workbench then has no vendor files, nothing else changes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
LOCK_FILE = FRONTEND / "package-lock.json"
VENDOR = ROOT / "src" / "newsgraph" / "web" / "static" / "vendor"
STAMP = VENDOR / ".lock-sha256"
NPM_REGISTRY = "https://registry.npmjs.org/"

# (file inside node_modules, name in vendor/). vis-timeline's standalone build bundles
# vis-data's DataSet too; vis-data's own standalone build is there for pages without a timeline.
VENDOR_FILES = [
    ("vis-timeline/standalone/umd/vis-timeline-graph2d.min.js", "vis-timeline-graph2d.min.js"),
    ("vis-timeline/styles/vis-timeline-graph2d.min.css", "vis-timeline-graph2d.min.css"),
    ("vis-timeline/LICENSE.MIT.txt", "LICENSE.vis-timeline.txt"),
    ("vis-data/standalone/umd/vis-data.min.js", "vis-data.min.js"),
    ("vis-data/LICENSE-MIT", "LICENSE.vis-data.txt"),
    ("cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"),
    ("cytoscape/LICENSE", "LICENSE.cytoscape.txt"),
    ("chart.js/dist/chart.umd.min.js", "chart.umd.min.js"),
    ("chart.js/LICENSE.md", "LICENSE.chart.js.md"),
]


def lock_problems(lock_file: Path = LOCK_FILE) -> list[str]:
    """Entries of the lock file that would download from anywhere but the npm registry."""
    lock = json.loads(lock_file.read_text(encoding="utf-8"))
    problems = []
    for name, entry in lock.get("packages", {}).items():
        resolved = entry.get("resolved")
        if name and resolved and not resolved.startswith(NPM_REGISTRY):
            problems.append(f"{name}: resolved from {resolved}")
        if name and not entry.get("link") and not entry.get("integrity"):
            problems.append(f"{name}: no integrity hash")
    return problems


def lock_digest() -> str:
    """SHA-256 of the lock file: the vendor folder is current when its stamp says this."""
    return hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()


def vendor_is_current() -> bool:
    """True when every vendor file exists and the stamp matches the lock file."""
    if not STAMP.is_file() or STAMP.read_text(encoding="utf-8").strip() != lock_digest():
        return False
    return all((VENDOR / target).is_file() for _, target in VENDOR_FILES)


def npm_ci(npm: str) -> None:
    """Install exactly what the lock file says (no audit, no funding messages)."""
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=FRONTEND, check=True)


def copy_vendor_files() -> list[Path]:
    """Copy the builds out of node_modules into a fresh vendor folder; return what was written."""
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    VENDOR.mkdir(parents=True)
    written = []
    for source, target in VENDOR_FILES:
        destination = VENDOR / target
        shutil.copyfile(FRONTEND / "node_modules" / source, destination)
        written.append(destination)
    STAMP.write_text(lock_digest() + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-lock", action="store_true", help="only check the lock file")
    parser.add_argument("--force", action="store_true", help="reinstall even when current")
    args = parser.parse_args(argv)
    problems = lock_problems()
    if problems:
        print("frontend/package-lock.json: " + "; ".join(problems), file=sys.stderr)
        return 1
    if args.check_lock:
        print("frontend/package-lock.json: every package comes from the npm registry, with a hash")
        return 0
    if vendor_is_current() and not args.force:
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print("note: npm not found, so the web workbench's vendor files "
              f"({VENDOR.relative_to(ROOT)}) were not built; install Node.js/npm and rerun "
              "`make assets`")
        return 0
    npm_ci(npm)
    written = copy_vendor_files()
    print(f"web assets: {len(written)} files in {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
