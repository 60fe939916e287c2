"""What the real Anomstack code location defines for a metrics tree: the differential oracle.

`anomstack.main` builds its Dagster definitions at import time from `./metrics` (get_specs'
default, relative to the working directory, which is how the upstream workspace runs it). So
one load = one fresh import of `anomstack.jobs.*`, `anomstack.sensors.*` and `anomstack.main`
in a process whose working directory holds the variant's `metrics/` folder.

Importing Dagster, pandas, PyOD and scikit-learn takes ~10 s; a variant's own import under a
second. This parent process imports every library (and every anomstack module that reads
neither the metrics tree nor the environment) once, then forks one child per request, so each
child starts warm and leaves nothing behind for the next one.

Protocol (JSON lines): each stdin line is {"id", "root", "env"?: {NAME: VALUE}}; each stdout
line is the result for one request (see `load`). `--once ROOT` loads one tree and exits.
The child goes through the same steps as Dagster's code server: find the Definitions object
in the module, resolve it to a RepositoryDefinition, build the RepositorySnap the webserver
is sent. An exception anywhere there is a load failure of the code location. Resolving the
repository is where Dagster checks that op names are unique across jobs (a `<batch>_noop` of two
disabled parts), which a bare `import anomstack.main` never reaches.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import select
import signal
import sys
import time
import traceback
from typing import Any

# Anomstack modules that read neither ./metrics nor os.environ at import time: safe to share.
SHARED_MODULES = [
    "anomstack.config",
    "anomstack.alerts.send",
    "anomstack.df.resample",
    "anomstack.df.save",
    "anomstack.df.utils",
    "anomstack.df.wrangle",
    "anomstack.fn.run",
    "anomstack.io.load",
    "anomstack.io.save",
    "anomstack.jinja.render",
    "anomstack.llm.agent",
    "anomstack.ml.change",
    "anomstack.ml.preprocess",
    "anomstack.ml.threshold",
    "anomstack.ml.train",
    "anomstack.plots.plot",
    "anomstack.sql.read",
    "anomstack.validate.validate",
]

# Variables the load reads; the parent's own values never leak into a variant.
ENV_PREFIXES = ("ANOMSTACK_", "DAGSTER_DEV", "DAGSTER_HOST", "DAGSTER_PORT")

MAX_MESSAGE = 4000


def preimport(upstream: str) -> None:
    sys.path.insert(0, upstream)
    for name in ("dagster", "pandas", "pyod", "sklearn", "jinja2", "yaml"):
        importlib.import_module(name)
    # Dagster internals the child uses to load the definitions like the code server does.
    importlib.import_module("dagster._core.workspace.autodiscovery")
    importlib.import_module("dagster._core.definitions.reconstruct")
    importlib.import_module("dagster._core.remote_representation.external_data")
    for name in SHARED_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that fails here fails again in the child
            pass


def _status(value: Any) -> str:
    # The snapshot stores STOPPED as None ("stable back-compat IDs" in Dagster's external_data).
    if value is None:
        return "STOPPED"
    return str(getattr(value, "value", value))


def _cron(value: Any) -> Any:
    if isinstance(value, str):
        return value
    return [str(v) for v in value]


def load(root: str) -> dict[str, Any]:
    """Imports anomstack.main with `root` as the working directory and describes what it defines."""
    os.chdir(root)
    sys.path.insert(0, root)  # the workspace's working_directory, as Dagster adds it
    from dagster._core.definitions.reconstruct import repository_def_from_target_def
    from dagster._core.remote_representation.external_data import RepositorySnap
    from dagster._core.workspace.autodiscovery import loadable_targets_from_python_module

    targets = loadable_targets_from_python_module("anomstack.main", working_directory=root)
    if len(targets) != 1:
        raise RuntimeError(f"expected one Definitions object in anomstack.main, found {len(targets)}")
    repo = repository_def_from_target_def(targets[0].target_definition)
    if repo is None:
        raise RuntimeError("anomstack.main holds no loadable definitions")
    snap = RepositorySnap.from_def(repo)
    # `__ASSET_JOB` and friends are Dagster's implicit asset jobs, not Anomstack's.
    jobs = sorted(j.name for j in repo.get_all_jobs() if not j.name.startswith("__"))
    schedules = sorted(
        (
            {
                "name": s.name,
                "job": s.job_name,
                "cron": _cron(s.cron_schedule),
                "status": _status(s.default_status),
            }
            for s in snap.schedules
        ),
        key=lambda s: s["name"],
    )
    sensors = sorted(
        ({"name": s.name, "status": _status(s.default_status)} for s in snap.sensors),
        key=lambda s: s["name"],
    )
    specs = list(sys.modules["anomstack.jobs.ingest"].specs.keys())
    return {"ok": True, "jobs": jobs, "schedules": schedules, "sensors": sensors, "specs": specs}


def child(root: str, env: dict[str, str], out_fd: int) -> None:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            del os.environ[name]
    os.environ.update(env)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        result = load(root)
    except BaseException as e:  # noqa: BLE001 - every failure is the answer
        tb = traceback.extract_tb(e.__traceback__)
        where = next(
            (f"{f.filename}:{f.lineno}" for f in reversed(tb) if "/anomstack/" in f.filename),
            None,
        )
        cause = e
        # Dagster wraps user-code errors: report the innermost user exception too.
        while cause.__cause__ is not None:
            cause = cause.__cause__
        result = {
            "ok": False,
            "error": {
                "type": type(e).__name__,
                "message": str(e)[:MAX_MESSAGE],
                "cause": type(cause).__name__,
                "causeMessage": str(cause)[:MAX_MESSAGE],
                "where": where,
            },
        }
    data = json.dumps(result).encode()
    view = memoryview(data)
    while view:
        n = os.write(out_fd, view)
        view = view[n:]
    os.close(out_fd)
    os._exit(0)


def spawn(root: str, env: dict[str, str]) -> tuple[int, int]:
    """Forks a child loading `root`; returns (pid, read end of its result pipe)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        child(root, env, w)
    os.close(w)
    return pid, r


def finish(pid: int, chunks: list[bytes], timed_out: bool, started: float, timeout: float) -> dict[str, Any]:
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    ms = round((time.monotonic() - started) * 1000)
    if timed_out:
        result: dict[str, Any] = {
            "ok": False,
            "error": {"type": "Timeout", "message": f"no answer in {timeout}s"},
        }
    elif not chunks:
        result = {"ok": False, "error": {"type": "ChildDied", "message": f"wait status {status}"}}
    else:
        result = json.loads(b"".join(chunks))
    result["ms"] = ms
    return result


class Running:
    def __init__(self, req: dict[str, Any], timeout: float) -> None:
        self.id = req["id"]
        self.started = time.monotonic()
        self.deadline = self.started + timeout
        self.pid, self.fd = spawn(req["root"], dict(req.get("env") or {}))
        self.chunks: list[bytes] = []


def serve(jobs: int, timeout: float) -> None:
    """Reads requests from stdin, keeps up to `jobs` children loading at once, answers in completion order."""
    print(json.dumps({"ready": True}), flush=True)
    stdin = sys.stdin.fileno()
    buffer = b""
    stdin_open = True
    pending: list[dict[str, Any]] = []
    running: dict[int, Running] = {}
    while stdin_open or pending or running:
        while pending and len(running) < jobs:
            job = Running(pending.pop(0), timeout)
            running[job.fd] = job
        now = time.monotonic()
        wait = min((j.deadline - now for j in running.values()), default=None)
        fds = list(running) + ([stdin] if stdin_open else [])
        ready, _, _ = select.select(fds, [], [], None if wait is None else max(wait, 0))
        for fd in ready:
            if fd == stdin:
                data = os.read(stdin, 1 << 16)
                if not data:
                    stdin_open = False
                buffer += data
                *lines, buffer = buffer.split(b"\n")
                pending.extend(json.loads(line) for line in lines if line.strip())
                continue
            job = running[fd]
            chunk = os.read(fd, 1 << 16)
            if chunk:
                job.chunks.append(chunk)
                continue
            os.close(fd)
            del running[fd]
            result = finish(job.pid, job.chunks, False, job.started, timeout)
            result["id"] = job.id
            print(json.dumps(result), flush=True)
        now = time.monotonic()
        for fd, job in list(running.items()):
            if job.deadline <= now:
                os.close(fd)
                del running[fd]
                result = finish(job.pid, job.chunks, True, job.started, timeout)
                result["id"] = job.id
                print(json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True, help="the upstream anomstack checkout")
    parser.add_argument("--once", metavar="ROOT", help="load one tree (ROOT/metrics) and exit")
    parser.add_argument("--jobs", type=int, default=1, help="children loading at once")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per load")
    args = parser.parse_args()
    preimport(os.path.abspath(args.upstream))
    if args.once:
        job = Running({"id": "once", "root": os.path.abspath(args.once)}, args.timeout)
        chunks = []
        while chunk := os.read(job.fd, 1 << 16):
            chunks.append(chunk)
        os.close(job.fd)
        print(json.dumps(finish(job.pid, chunks, False, job.started, args.timeout)), flush=True)
        return
    serve(max(1, args.jobs), args.timeout)


if __name__ == "__main__":
    main()
