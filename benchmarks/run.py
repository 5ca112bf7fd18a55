"""Run every benchmark and write BENCHMARKS.md.

    python benchmarks/run.py            # all benchmarks
    python benchmarks/run.py ner time   # only these (by module name without ``bench_``)

Each ``benchmarks/bench_<name>.py`` defines ``TITLE`` and ``run() -> str`` (a
Markdown body; raise ``common.Skip`` when its data is absent).  Each result is
kept in ``benchmarks/results/<name>.md`` with its machine and date, and
BENCHMARKS.md is assembled from all results present, so running one
benchmark refreshes its section without discarding the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from common import ROOT, Skip, machine  # noqa: E402

RESULTS = HERE / "results"


def available() -> list[str]:
    return sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py"))


def run_one(name: str) -> bool:
    module = importlib.import_module(f"bench_{name}")
    print(f"== {name}: {module.TITLE}", flush=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    ok = True
    try:
        body = module.run()
    except Skip as exc:
        body = f"_Skipped: {exc}._"
    except Exception:  # a broken benchmark is reported, the others still run
        ok = False
        body = "_Failed:_\n\n```\n" + traceback.format_exc()[-3000:] + "\n```"
    text = f"## {module.TITLE}\n\n_Run {stamp} on {machine()}._\n\n{body.strip()}\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
    print(body, flush=True)
    return ok


def assemble() -> None:
    parts = [
        "# Benchmarks\n",
        "Written by `make bench` (`python benchmarks/run.py`); each section says when and on what "
        "machine it was run. Gold data is read from `../shared/datasets/` (see its README for "
        "origins); speed figures are ratios against a baseline measured in the same run.\n",
    ]
    order = available()
    for name in order:
        path = RESULTS / f"{name}.md"
        if path.exists():
            parts.append(path.read_text(encoding="utf-8"))
    (ROOT / "BENCHMARKS.md").write_text("\n".join(parts), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {', '.join(available())})")
    args = parser.parse_args()
    names = args.names or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    ok = all([run_one(n) for n in names])
    assemble()
    print(f"wrote {ROOT / 'BENCHMARKS.md'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
