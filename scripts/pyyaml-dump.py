#!/usr/bin/env python3
"""Reference side of the YAML differential test: reads files exactly as Anomstack does.

stdin:  a JSON list of base64-encoded file contents.
stdout: a JSON list, one result per input, either
        {"ok": <typed value>} or {"error": <exception class>, "message": ..., "line": ..., "column": ...,
        "contextLine": ..., "contextColumn": ..., "problem": ..., "context": ...} (1-based problem
        mark and, when PyYAML gives one, context mark). With --csafe, a "c" field holds
        CSafeLoader's result wherever it differs from SafeLoader's.

Anomstack does `open(path, "r", encoding="utf-8")` + `yaml.safe_load(f)`: strict UTF-8, universal
newlines, the pure-Python SafeLoader. This script does the same on in-memory bytes.

Typed values keep what JSON would lose: {"int": "12"}, {"float": "1.0"}, {"date": iso},
{"datetime": iso}, {"binary": base64}, {"seq": [...]}, {"map": [[k, v], ...]} (dict order),
{"set": [...]}; str, bool and None map to JSON directly.
"""
import base64
import datetime
import io
import json
import sys

import yaml

MAX_NODES = 1_000_000


class TooBig(Exception):
    pass


def typed(value, budget, active):
    budget[0] -= 1
    if budget[0] < 0:
        raise TooBig()
    if value is None or isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, bytes):
        return {"binary": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if id(value) in active:
        return {"recursive": True}
    active.add(id(value))
    try:
        if isinstance(value, (list, tuple)):
            return {"seq": [typed(v, budget, active) for v in value]}
        if isinstance(value, dict):
            return {"map": [[typed(k, budget, active), typed(v, budget, active)] for k, v in value.items()]}
        if isinstance(value, (set, frozenset)):
            items = [typed(v, budget, active) for v in value]
            return {"set": sorted(items, key=lambda x: json.dumps(x, sort_keys=True))}
    finally:
        active.discard(id(value))
    return {"unknown": type(value).__name__}


def load_one(data, loader=yaml.SafeLoader):
    try:
        stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None)
        value = yaml.load(stream, Loader=loader)
    except RecursionError as exc:
        return {"error": "RecursionError", "message": str(exc)[:200]}
    except Exception as exc:  # every PyYAML / decode / constructor failure counts as "raises"
        out = {"error": type(exc).__name__, "message": str(exc)[:300]}
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            out["line"] = mark.line + 1
            out["column"] = mark.column + 1
        context = getattr(exc, "context_mark", None)
        if context is not None:
            out["contextLine"] = context.line + 1
            out["contextColumn"] = context.column + 1
        for field in ("problem", "context"):
            text = getattr(exc, field, None)
            if isinstance(text, str):
                out[field] = text[:200]
        return out
    try:
        return {"ok": typed(value, [MAX_NODES], set())}
    except TooBig:
        return {"ok": {"huge": True}}


def c_summary(data):
    """CSafeLoader's verdict on the same bytes, reduced to what the comparison needs."""
    r = load_one(data, yaml.CSafeLoader)
    return {"error": r["error"], "line": r.get("line")} if "error" in r else {"ok": r["ok"]}


def main():
    # --csafe: also load with libyaml's CSafeLoader and attach its result as "c" where it differs
    # (Anomstack uses the pure-Python SafeLoader; the difference is only recorded).
    with_c = "--csafe" in sys.argv and getattr(yaml, "CSafeLoader", None) is not None
    inputs = json.load(sys.stdin)
    results = []
    for item in inputs:
        data = base64.b64decode(item)
        r = load_one(data)
        if with_c:
            c = c_summary(data)
            same = ("error" in c) == ("error" in r) and (
                c.get("ok") == r.get("ok") if "ok" in r else c.get("line") == r.get("line")
            )
            if not same:
                r["c"] = c
        results.append(r)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
