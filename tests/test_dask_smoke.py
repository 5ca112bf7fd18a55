"""A two-process Dask cluster starts on loopback and computes (the `dask` extra).

No project code uses Dask yet; this keeps the extra installable and runnable on the
2-core machines (start-up about half a second here).
"""

from __future__ import annotations

from service_support import service_missing


def _square(number: int) -> int:
    return number * number


def test_local_cluster_with_two_worker_processes_computes() -> None:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        service_missing(f"dask[distributed] is not installed ({error}); run `make install`")
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1,
            host="127.0.0.1", dashboard_address=None, silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        assert sum(client.gather(client.map(_square, range(10)))) == 285
