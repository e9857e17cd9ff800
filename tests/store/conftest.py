"""Store fixtures: the demo personas seeded once per run, copied into a fresh file per test."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.clock import CST, ManualClock


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 10, 10, 0, tzinfo=CST))
