"""Named functions of (collection, params), looked up by the driver's commands."""

from __future__ import annotations

from typing import Any, Callable

from anki.collection import Collection

Fn = Callable[[Collection, dict[str, Any]], Any]


class Registry:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.fns: dict[str, Fn] = {}

    def __call__(self, fn: Fn) -> Fn:
        """Registers `fn` under its own name (used as a decorator)."""
        self.fns[fn.__name__] = fn
        return fn

    def run(self, col: Collection, name: str, params: dict[str, Any]) -> Any:
        if name not in self.fns:
            raise KeyError(f"the driver has no {self.kind} {name}")
        return self.fns[name](col, params)
