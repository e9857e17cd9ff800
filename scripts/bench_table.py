"""Timing and table printing shared by the bench_*.py scripts (they import it from this folder)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence

# The precision and type of a format field ("{:>9.3f}" -> "{:>9}"), so headings take the same widths.
_PRECISION = re.compile(r"(\.\d+)?[a-z%]?}")


def p95(samples: list[float]) -> float:
    """The 95th percentile, by the nearest sample."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(n: int, run: Callable[[], object], before: Callable[[], object] | None = None,
          expect: type | None = None) -> list[float]:
    """Milliseconds each of `n` calls of `run` took; `before` runs untimed ahead of each.

    With `expect`, a result of another type ends the benchmark (SystemExit).
    """
    samples = []
    for _ in range(n):
        if before is not None:
            before()
        start = time.perf_counter()
        result = run()
        samples.append((time.perf_counter() - start) * 1000)
        if expect is not None and not isinstance(result, expect):
            raise SystemExit(f"unexpected status {result!r}, expected {expect.__name__}")
    return samples


def print_table(title: str, row_format: str, headings: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Prints the title, the headings and one line a row, e.g. row_format "{:<30} {:>9.3f}"."""
    print(title)
    print(_PRECISION.sub("}", row_format).format(*headings))
    for row in rows:
        print(row_format.format(*row))
