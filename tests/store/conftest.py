"""Store fixtures: the demo personas seeded once per run, copied into a fresh file per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.clock import CST, ManualClock
from kiosk.store.database import Store
from kiosk.store.seed import seed_demo


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 10, 10, 0, tzinfo=CST))
