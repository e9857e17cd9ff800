"""The start-up's objects set aside from the garbage collector's full passes (issue 15).

The imported modules, the store's metadata and the screens are alive for the whole day; a full
collection walked them all (about 250,000 objects: a 100–280 ms pause that lands inside whatever
tap is being answered). `gc.freeze()` moves what exists once the services have started into a
generation the collector never walks; what a session creates is collected as before.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_once() -> None:
    """Collects once, then freezes what is left; only the first call in a process does anything
    (tests and the bench build many windows in one process: their later windows stay collectable)."""
    global _frozen  # noqa: PLW0603
    if _frozen:
        return
    _frozen = True
    gc.collect()
    gc.freeze()


def collect_if_due() -> None:
    """A full collection now, when one is at least half due: called on the home screen after a
    session (nobody waiting), so the collector's own full pass does not fall inside a later tap."""
    if gc.get_count()[2] >= gc.get_threshold()[2] // 2:
        gc.collect()
