"""Reference timer: loads every .yaml under a metrics folder the way Anomstack does.

Anomstack (anomstack/config.py, get_specs) walks the metrics folder with os.walk and calls
``yaml.safe_load`` on ``open(path, "r", encoding="utf-8")``: the pure-Python SafeLoader on a text
stream. ``--loader c`` uses libyaml's CSafeLoader instead (parse-only speed reference; it is not
behaviour-compatible, see yaml-parity.md).

Prints one JSON line: in-process time (excluding interpreter start-up and imports), files loaded,
errors by exception type, peak RSS (ru_maxrss, KiB on Linux) and versions.

Usage: python pyyaml_time.py --loader pure|c <metrics-dir>
"""

import argparse
import json
import os
import platform
import resource
import sys
import time

import yaml


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--loader", choices=["pure", "c"], required=True)
    ap.add_argument("metrics_dir")
    args = ap.parse_args()

    if args.loader == "c":
        loader = yaml.CSafeLoader

        def load(stream):
            return yaml.load(stream, Loader=loader)
    else:
        load = yaml.safe_load

    files = 0
    errors = {}
    first_error = None
    t0 = time.perf_counter()
    for root, _dirs, names in os.walk(args.metrics_dir):
        for name in names:
            if not name.endswith(".yaml"):
                continue
            path = os.path.join(root, name)
            files += 1
            try:
                with open(path, "r", encoding="utf-8") as f:
                    load(f)
            except Exception as e:  # noqa: BLE001 - every failure is a data point here
                kind = type(e).__name__
                errors[kind] = errors.get(kind, 0) + 1
                if first_error is None:
                    first_error = f"{kind}: {str(e).splitlines()[0] if str(e) else ''}"[:200]
    ms = (time.perf_counter() - t0) * 1000.0

    print(
        json.dumps(
            {
                "ms": ms,
                "files": files,
                "errors": errors,
                "firstError": first_error,
                "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "python": platform.python_version(),
                "pyyaml": yaml.__version__,
                "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.setrecursionlimit(1000)  # the default, stated: PyYAML's depth limit depends on it
    sys.exit(main())
