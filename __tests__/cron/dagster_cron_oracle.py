"""Oracle for the cron differential test: what Dagster itself says about each cron string.

Reads a JSON list of strings on stdin and writes one JSON object per string to stdout:
  valid     -- whether ScheduleDefinition(cron_schedule=s) constructs (the real validation path)
  helper    -- dagster._utils.schedules.is_valid_cron_string(s) (must agree with `valid`)
  warned    -- whether ScheduleDefinition emitted the out-of-range-interval warning
  expanded  -- CroniterShim.expand(s) fields (valid strings only), nth map as {weekday: [nth...]}
"""

import json
import sys
import warnings

from dagster import ScheduleDefinition
from dagster._utils.schedules import CroniterShim, is_valid_cron_string


def verdict(s):
    out = {"text": s}
    try:
        out["helper"] = bool(is_valid_cron_string(s))
    except Exception as e:  # noqa: BLE001 - any exception means Dagster rejects it
        out["helper"] = False
        out["helper_error"] = type(e).__name__
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            ScheduleDefinition(name="probe", cron_schedule=s, job_name="probe_job")
            out["valid"] = True
        except Exception as e:  # noqa: BLE001
            out["valid"] = False
            out["error"] = type(e).__name__
    out["warned"] = any("interval greater than the expected range" in str(w.message) for w in caught)
    if out["valid"]:
        expanded, nth = CroniterShim.expand(s)
        out["expanded"] = [[v if isinstance(v, int) else str(v) for v in f] for f in expanded]
        out["nth"] = {str(k): sorted(str(x) for x in v) for k, v in nth.items()}
    return out


def main():
    strings = json.load(sys.stdin)
    json.dump([verdict(s) for s in strings], sys.stdout)


if __name__ == "__main__":
    main()
