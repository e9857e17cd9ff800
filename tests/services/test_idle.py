"""Idle timeout: 60 s from the last touch, with a countdown over the last 15 s."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.clock import CST, ManualClock
from kiosk.services.idle import Active, Expired, IdleTracker, Warning


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 10, 10, 0, tzinfo=CST))


@pytest.fixture
def tracker(clock: ManualClock) -> IdleTracker:
    return IdleTracker(timeout_seconds=60, warning_seconds=15, now=clock.now())


def test_active_for_the_first_45_seconds(clock: ManualClock, tracker: IdleTracker) -> None:
    for second in range(45):
        assert tracker.state(clock.now()) == Active(), second
        clock.advance(1)
    clock.set(datetime(2026, 3, 10, 10, 0, 44, 999000, tzinfo=CST))
    assert tracker.state(clock.now()) == Active()


def test_warning_counts_down_over_the_last_15_seconds(clock: ManualClock, tracker: IdleTracker) -> None:
    clock.advance(45)
    shown = []
    for _ in range(15):
        shown.append(tracker.state(clock.now()))
        clock.advance(1)
    assert shown == [Warning(remaining=n) for n in range(15, 0, -1)]


def test_countdown_rounds_up_between_ticks(clock: ManualClock, tracker: IdleTracker) -> None:
    clock.advance(45.5)
    assert tracker.state(clock.now()) == Warning(remaining=15)
    clock.advance(14)  # 59.5 s
    assert tracker.state(clock.now()) == Warning(remaining=1)


def test_expired_at_exactly_60_seconds_and_after(clock: ManualClock, tracker: IdleTracker) -> None:
    clock.advance(59.999)
    assert tracker.state(clock.now()) == Warning(remaining=1)
    clock.set(datetime(2026, 3, 10, 10, 1, 0, tzinfo=CST))
    assert tracker.state(clock.now()) == Expired()
    clock.advance(3600)
    assert tracker.state(clock.now()) == Expired()


def test_a_touch_resets_the_countdown(clock: ManualClock, tracker: IdleTracker) -> None:
    clock.advance(50)
    assert tracker.state(clock.now()) == Warning(remaining=10)
    tracker.activity(clock.now())
    assert tracker.state(clock.now()) == Active()
    clock.advance(44)
    assert tracker.state(clock.now()) == Active()
    clock.advance(1)
    assert tracker.state(clock.now()) == Warning(remaining=15)
    clock.advance(15)
    assert tracker.state(clock.now()) == Expired()


def test_other_timeouts_from_the_config(clock: ManualClock) -> None:
    tracker = IdleTracker(timeout_seconds=120, warning_seconds=30, now=clock.now())
    clock.advance(89)
    assert tracker.state(clock.now()) == Active()
    clock.advance(1)
    assert tracker.state(clock.now()) == Warning(remaining=30)
    clock.advance(30)
    assert tracker.state(clock.now()) == Expired()


def test_a_timeout_factor_stretches_the_timeout_and_the_warning(clock: ManualClock, tracker: IdleTracker) -> None:
    clock.advance(89)
    assert tracker.state(clock.now(), factor=2) == Active()
    clock.advance(1)
    assert tracker.state(clock.now(), factor=2) == Warning(remaining=30)
    assert tracker.state(clock.now()) == Expired()  # the same idle time without the factor
    clock.advance(30)
    assert tracker.state(clock.now(), factor=2) == Expired()


def test_seconds_left_of_a_longer_timeout_count_from_the_last_touch(clock: ManualClock, tracker: IdleTracker) -> None:
    assert tracker.seconds_left(clock.now(), 180) == 180
    clock.advance(179.5)
    assert tracker.seconds_left(clock.now(), 180) == 1
    clock.advance(0.5)
    assert tracker.seconds_left(clock.now(), 180) == 0
    tracker.activity(clock.now())
    assert tracker.seconds_left(clock.now(), 180) == 180
