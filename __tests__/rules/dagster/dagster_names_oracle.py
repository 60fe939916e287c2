"""Oracle for the name-collision tests: builds a Dagster repository with the given jobs (each a
list of (kind, name) nodes) and reports whether Dagster 1.13 accepts it, the way a code-location
load does (RepositorySnap building calls get_all_jobs, which checks node-name uniqueness).

stdin: JSON list of scenarios, each a list of {"job": name, "ops": [names], "asset": name|null}.
stdout: JSON list of booleans (accepted?)."""

import json
import sys

from dagster import Definitions, asset, job, op


def build(spec):
    ops = []
    for name in spec["ops"]:
        ops.append(op(name=name)(lambda: None))
    asset_def = asset(name=spec["asset"])(lambda: None) if spec.get("asset") else None

    @job(name=spec["job"])
    def _j():
        for o in ops:
            o()
        if asset_def is not None:
            asset_def()

    return _j


def accepted(scenario):
    try:
        defs = Definitions(jobs=[build(s) for s in scenario])
        defs.get_repository_def().get_all_jobs()
        return True
    except Exception:  # noqa: BLE001
        return False


json.dump([accepted(s) for s in json.load(sys.stdin)], sys.stdout)
