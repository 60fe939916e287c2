"""A light stand-in for Anomstack's code location, used by the end-to-end tests.

It reads a `metrics/` folder with Anomstack's loading rules (anomstack/config.py `get_specs`) and
builds jobs, ops and schedules with Anomstack's names (anomstack/jobs/*.py), so that load errors,
name collisions and reload behaviour match what a real Anomstack deployment does. The ops do
nothing: only the *shape* of the definitions matters here.

Metrics folder: `$ANOMSTACK_METRICS_DIR` if set, else `./metrics` in the working directory (as
Anomstack does), else the `metrics/` folder next to this file.

Deviation from Anomstack, on purpose: the folder walk is sorted, so "the first batch" (which owns
the summary job) is deterministic in tests. Anomstack uses unsorted `os.walk` order.

Test hooks (not Anomstack behaviour):
- `$ANOMSTACK_LOAD_LOG`: a file this module appends one line to every time it is imported, so a
  test can count how many times the webserver (re)loaded the location.
- `fixture_fail_on_load: true` in any batch: the import raises, to exercise a load error the
  validator cannot foresee (it reports the key only as unknown).
"""

import os
import time
from pathlib import Path

import yaml
from dagster import DefaultScheduleStatus, Definitions, In, Nothing, ScheduleDefinition, job, op


def _metrics_dir() -> Path:
    env = os.environ.get("ANOMSTACK_METRICS_DIR")
    if env:
        return Path(env).resolve()
    cwd_metrics = Path.cwd() / "metrics"
    if cwd_metrics.is_dir():
        return cwd_metrics.resolve()
    return (Path(__file__).parent / "metrics").resolve()


def get_specs(metrics_dir: Path) -> dict:
    """Anomstack's `get_specs`: shallow merge over defaults, `disable_batch` skip, last file wins."""
    with open(metrics_dir / "defaults" / "defaults.yaml", encoding="utf-8") as f:
        defaults = yaml.safe_load(f)
    specs = {}
    for root, dirs, files in os.walk(metrics_dir):
        dirs.sort()
        for name in sorted(files):
            if name == "defaults.yaml" or not name.endswith(".yaml"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                metric_specs = yaml.safe_load(f)
            metric_batch = metric_specs["metric_batch"]
            merged = {**defaults, **metric_specs}
            merged["metrics_dir"] = str(metrics_dir)
            if merged.get("fixture_fail_on_load"):
                raise RuntimeError(f"fixture: fixture_fail_on_load is set in batch {metric_batch!r}")
            if merged.get("disable_batch"):
                continue
            # Anomstack builds the env-override prefix here, which is where a non-string
            # metric_batch crashes the load.
            _prefix = f"ANOMSTACK__{metric_batch.upper().replace('-', '_')}__"
            specs[metric_batch] = merged
    return specs


def _noop_op(name: str):
    @op(name=name)
    def _noop():
        return None

    return _noop


def _chain_job(job_name: str, op_names: list):
    """A job running ops `op_names` one after another (each a fresh op definition)."""
    ops = []
    for index, op_name in enumerate(op_names):
        if index == 0:

            @op(name=op_name)
            def _first():
                return None

            ops.append(_first)
        else:

            @op(name=op_name, ins={"upstream": In(Nothing)})
            def _next():
                return None

            ops.append(_next)

    @job(name=job_name)
    def _job():
        result = None
        for index, node in enumerate(ops):
            result = node() if index == 0 else node(upstream=result)

    return _job


def _disabled_job(job_name: str, noop_name: str):
    noop = _noop_op(noop_name)

    @job(name=job_name)
    def _job():
        noop()

    return _job


# part, job suffix, disable key, cron/status key prefix, op suffixes, noop suffix
PARTS = [
    ("ingest", "ingest", "disable_ingest", "ingest", ["create_metrics", "save_metrics"], "noop"),
    ("train", "train", "disable_train", "train", ["get_train_data", "train_models", "save_model"], "noop"),
    ("score", "score", "disable_score", "score", ["get_score_data", "score_op", "save_scores"], "noop"),
    ("alerts", "alerts", "disable_alerts", "alert", ["get_alerts", "alerts_op", "save_alerts"], "noop"),
    (
        "change",
        "change",
        "disable_change",
        "change",
        ["get_change_data", "detect_changes", "change_alerts_op", "save_change_alerts"],
        "change_noop",
    ),
    (
        "llmalert",
        "llmalert_job",
        "disable_llmalert",
        "llmalert",
        ["get_llmalert_data", "llmalert", "save_llmalerts"],
        "noop",
    ),
    ("plot", "plot_job", "disable_plot", "plot", ["get_plot_data", "plot"], "noop"),
    ("delete", "delete", "disable_delete", "delete", ["delete_old_data"], "delete_noop"),
]

THRESHOLD_OPS = ["detect_threshold_alerts", "tholdalert_op", "save_tholdalerts"]


def _status(spec: dict, key: str, default=None) -> DefaultScheduleStatus:
    value = spec.get(key, default) if default is not None else spec[key]
    return DefaultScheduleStatus.RUNNING if value == "RUNNING" else DefaultScheduleStatus.STOPPED


def build(specs: dict):
    jobs, schedules = [], []
    for batch, spec in specs.items():
        for part, job_suffix, disable_key, key_prefix, op_suffixes, noop_suffix in PARTS:
            if part == "plot" and not spec.get(disable_key):
                # Anomstack reads preprocess_params at build time in the plot job.
                spec["preprocess_params"].get("freq")
            if spec.get(disable_key):
                built = _disabled_job(f"{batch}_{part}_disabled", f"{batch}_{noop_suffix}")
            else:
                names = [f"{batch}_{s}" for s in op_suffixes]
                if part == "ingest" and not spec.get("disable_tholdalert", True) and spec.get(
                    "tholdalert_thresholds"
                ):
                    names += [f"{batch}_{s}" for s in THRESHOLD_OPS]
                built = _chain_job(f"{batch}_{job_suffix}", names)
            jobs.append(built)
            default = "STOPPED" if part == "ingest" else None
            schedules.append(
                ScheduleDefinition(
                    job=built,
                    cron_schedule=spec[f"{key_prefix}_cron_schedule"],
                    default_status=_status(spec, f"{key_prefix}_default_schedule_status", default),
                )
            )
    first = specs[list(specs.keys())[0]]
    if first.get("disable_summary"):
        summary = _disabled_job(f"{first['metric_batch']}_summary_disabled", f"{first['metric_batch']}_noop")
    else:
        summary = _chain_job("summary", ["get_summary", "send_summary"])
    jobs.append(summary)
    schedules.append(
        ScheduleDefinition(
            job=summary,
            cron_schedule=first["summary_cron_schedule"],
            default_status=DefaultScheduleStatus.RUNNING,
        )
    )
    return jobs, schedules


def _record_load() -> None:
    log = os.environ.get("ANOMSTACK_LOAD_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {time.time():.3f}\n")


_record_load()
_jobs, _schedules = build(get_specs(_metrics_dir()))
defs = Definitions(jobs=_jobs, schedules=_schedules)
