"""Real Anki behind a pipe, for the reference suite (test-anki/).

Runs the `anki` wheel from PyPI (Anki's Rust backend behind its Python API, the code Anki
desktop runs) on one collection file at a time and answers JSON commands, one per line:

    {"id": 1, "cmd": "open", "args": {"path": "/tmp/x/collection.anki2"}}
    {"id": 1, "result": {...}}            or    {"id": 1, "error": "...", "type": "NotFoundError"}

Nothing here re-implements Anki: every answer comes from Anki's own functions. The Anki-Connect
read actions (reads.py) are the calls Anki-Connect makes, shaped as it shapes its replies.
Integers beyond JavaScript's safe range (note type field and template ids) are sent as
{"$int64": "digits"} so that the TypeScript side can compare them exactly.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import traceback
from typing import Any, Callable

# Anki's backend logs to stderr; keep stdout for replies only.
os.environ.setdefault("RUST_LOG", "error")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import anki.buildinfo  # noqa: E402
from anki.collection import Collection  # noqa: E402

import build  # noqa: E402
import reads  # noqa: E402
import sync  # noqa: E402
import writes  # noqa: E402

SAFE_INT = 2**53 - 1


def to_wire(value: Any) -> Any:
    """JSON-ready copy of `value`, with 64-bit integers marked (see the module docstring)."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, float)):
        return value
    if isinstance(value, int):
        return value if -SAFE_INT <= value <= SAFE_INT else {"$int64": str(value)}
    if isinstance(value, dict):
        return {str(k): to_wire(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    raise TypeError(f"cannot send {type(value).__name__}")


def from_wire(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$int64"}:
            return int(value["$int64"])
        return {k: from_wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_wire(v) for v in value]
    return value


class Driver:
    def __init__(self) -> None:
        self.col: Collection | None = None
        self.commands: dict[str, Callable[[dict[str, Any]], Any]] = {
            "version": lambda _args: {"anki": anki.buildinfo.version},
            "open": self.open,
            "close": self.close,
            "checkDatabase": lambda _args: self.check_database(),
            "find": lambda args: reads.find_many(self.need(), args["kind"], args["queries"]),
            "ac": lambda args: reads.run(self.need(), args["action"], args.get("params", {})),
            "acMany": lambda args: [
                reads.run_or_error(self.need(), call["action"], call.get("params", {})) for call in args["calls"]
            ],
            "write": lambda args: writes.run(self.need(), args["op"], args.get("params", {})),
            "build": lambda args: build.run(self.need(), args["recipe"], args.get("params", {})),
            # Every config key and value, as Anki reads them.
            "config": lambda _args: self.need().all_config(),
            # Rows of a read-only query, for the few facts no API call exposes.
            "sql": lambda args: [list(row) for row in self.need().db.all(args["sql"], *args.get("args", []))],
            # Real Anki as a sync client of a sync server (sync.py).
            "syncLogin": lambda args: sync.login(self.need(), args),
            "syncCollection": lambda args: sync.sync_collection(self.need(), args),
            "fullSync": lambda args: sync.full_sync(self.need(), args),
            "syncMedia": lambda args: sync.sync_media(self.need(), args),
            "syncStatus": lambda args: sync.sync_status(self.need(), args),
            # This process's peak resident memory so far (Linux: KiB), for the benchmark's floors.
            "maxRss": lambda _args: {"kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss},
        }

    def need(self) -> Collection:
        if self.col is None:
            raise RuntimeError("no collection is open")
        return self.col

    def open(self, args: dict[str, Any]) -> Any:
        self.close({})
        self.col = Collection(args["path"])
        return {"path": self.col.path, "media": self.col.media.dir()}

    def close(self, args: dict[str, Any]) -> Any:
        """Closes the collection; with `downgrade`, leaves it at schema 11 as Anki's
        "Downgrade & Quit" does."""
        if self.col is not None:
            self.col.close(downgrade=bool(args.get("downgrade", False)))
            self.col = None
        return None

    def check_database(self) -> Any:
        """Anki's Check Database: the problems it found (and repaired); none means a clean file."""
        col = self.need()
        problems = list(col._backend.check_database())
        return {"problems": problems}

    def handle(self, line: str) -> dict[str, Any]:
        request = json.loads(line)
        rid = request.get("id")
        try:
            command = self.commands[request["cmd"]]
            result = command(from_wire(request.get("args", {})))
            return {"id": rid, "result": to_wire(result)}
        except Exception as err:  # every failure goes back to the caller, with Anki's text
            return {
                "id": rid,
                "error": str(err),
                "type": type(err).__name__,
                "trace": traceback.format_exc(limit=6),
            }


def main() -> None:
    driver = Driver()
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        reply = driver.handle(line)
        out.write(json.dumps(reply, ensure_ascii=False) + "\n")
        out.flush()
    driver.close({})


if __name__ == "__main__":
    main()
