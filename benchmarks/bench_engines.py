"""Engines: Dask throughput (1 and 2 local workers, and a scheduler with two separate worker
processes) beside the serial run, in one run.  Size: NEWSGRAPH_BENCH_ENGINE_DOCS (articles
through the full pipeline per engine, default 160).  Memory and the stores: bench_stores.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from common import md_table  # noqa: E402

from synthetic import synthetic_corpus  # noqa: E402

TITLE = "Engines: Dask workers beside the serial run"

ENGINE_DOCS = int(os.environ.get("NEWSGRAPH_BENCH_ENGINE_DOCS", "160"))
WARM_UP_DOCS = 16


def _texts(n: int, seed: int) -> list:
    from newsgraph.ingest import document_from_text

    return [document_from_text(d.text, path=f"in/{seed}-{i}.txt") for i, d in enumerate(synthetic_corpus(n, seed=seed))]


def _rate(run: Callable, settings) -> float:
    """Articles/s of ``run`` over ENGINE_DOCS texts, after a warm-up batch (pipelines loaded)."""
    list(run(_texts(WARM_UP_DOCS, seed=99)))
    docs = _texts(ENGINE_DOCS, seed=5)
    started = time.perf_counter()
    done = sum(1 for _ in run(docs))
    return done / (time.perf_counter() - started)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _separate_process_cluster_rate(settings) -> float:
    """A `dask scheduler` and two `dask worker` processes on loopback, used through --scheduler."""
    from newsgraph.engines import open_engine

    bindir = Path(sys.executable).parent
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [subprocess.Popen([str(bindir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", port,
                               "--no-dashboard"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    time.sleep(3)
    procs += [subprocess.Popen([str(bindir / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                "--no-dashboard"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
              for _ in range(2)]
    try:
        from dask.distributed import Client

        with Client(address) as client:
            client.wait_for_workers(2, timeout=60)
        with open_engine(settings, "dask", scheduler=address) as run:
            return _rate(run, settings)
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=30)


PLAIN_PROCESS = """
import sys, time
sys.path.insert(0, sys.argv[1])
import bench_engines
from newsgraph.config import Settings
from newsgraph.engines import open_engine
settings = Settings()
with open_engine(settings, "serial") as run:
    list(run(bench_engines._texts(bench_engines.WARM_UP_DOCS, seed=99)))
    docs = bench_engines._texts(bench_engines.ENGINE_DOCS, seed=5)
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()
    done = sum(1 for _ in run(docs))
    print(done, time.perf_counter() - started, flush=True)
"""


def _plain_processes_rate(n: int = 2) -> float:
    """Articles/s of ``n`` plain processes each running the serial engine over the same articles
    at once (started together once both are warm): what this machine gives ``n`` busy processes,
    the ceiling of any engine with ``n`` workers here."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])}
    procs = [subprocess.Popen([sys.executable, "-c", PLAIN_PROCESS, str(Path(__file__).parent)], env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
             for _ in range(n)]
    try:
        for proc in procs:
            if (proc.stdout.readline() if proc.stdout else "").strip() != "ready":
                raise RuntimeError("a plain benchmark process failed to start")
        for proc in procs:
            if proc.stdin:
                proc.stdin.write("go\n")
                proc.stdin.flush()
        results = [(proc.stdout.readline() if proc.stdout else "").split() for proc in procs]
    finally:
        for proc in procs:
            proc.wait(timeout=120)
    return sum(int(r[0]) for r in results) / max(float(r[1]) for r in results)


def engine_rows() -> list[list[str]]:
    from newsgraph.config import Settings
    from newsgraph.engines import open_engine

    settings = Settings()
    with open_engine(settings, "serial") as run:  # the baseline before and after the others
        serial_before = _rate(run, settings)
        rates = {}
        for workers in (1, 2):
            with open_engine(settings, "dask", workers=workers) as dask_run:
                rates[f"dask LocalCluster, {workers} worker process(es)"] = (workers, _rate(dask_run, settings))
        rates["dask scheduler + 2 `dask worker` processes (loopback)"] = (2, _separate_process_cluster_rate(settings))
        rates["no engine: 2 plain processes side by side, each serial over the same articles "
              "(this machine's ceiling for 2 workers)"] = (2, _plain_processes_rate(2))
        serial_after = _rate(run, settings)
    serial = (serial_before + serial_after) / 2
    rows = [[f"serial (this process; mean of {serial_before:.1f} before and {serial_after:.1f} after)", "1",
             f"{serial:.1f}", "1.00"]]
    rows += [[name, str(workers), f"{rate:.1f}", f"{rate / serial:.2f}"] for name, (workers, rate) in rates.items()]
    return rows


def run() -> str:
    load_before = os.getloadavg()
    engines = engine_rows()
    return "\n".join([
        f"### Dask beside the serial run ({ENGINE_DOCS} synthetic articles, full pipeline, "
        f"after a {WARM_UP_DOCS}-article warm-up; {os.cpu_count()} CPUs; load average before the run "
        f"{load_before[0]:.1f})",
        md_table(["engine", "workers", "articles/s", "speed-up"], engines),
    ])


if __name__ == "__main__":
    print(run())
