"""One behaviour for every headphone jack: the simulated one, and ALSA's jack control read by amixer.

The ALSA jack runs its real code path against a stand-in for `amixer` that answers with the
output of an HDA card (recorded format, alsa-utils 1.2.8), so plugging is a flag the test flips.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pytest

from kiosk.devices.headphones.alsa_jack import AlsaHeadphoneJack, parse_cget
from kiosk.devices.headphones.protocol import (
    HeadphoneJack,
    HeadphonesIn,
    HeadphonesOut,
    JackUnreadable,
    PlugWatcher,
)
from kiosk.devices.headphones.simulated import NoHeadphoneJack, SimulatedHeadphoneJack

CGET = """numid=18,iface=CARD,name='Headphone Jack'
  ; type=BOOLEAN,access=r-------,values=1
  : values={}
"""
NO_CONTROL = "amixer: Cannot find the given element from control hw:0\n"


class FakeCard:
    """What amixer prints for card 0 with a "Headphone Jack" control; `present=False`: no card."""

    def __init__(self) -> None:
        self.plugged = False
        self.present = True
        self.calls: list[list[str]] = []

    def __call__(self, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(list(args))
        if not self.present:
            return subprocess.CompletedProcess(args, 1, "", "amixer: Control hw:0 open error: No such file or directory\n")
        if args[-1] != "iface=CARD,name='Headphone Jack'":
            return subprocess.CompletedProcess(args, 1, "", NO_CONTROL)
        return subprocess.CompletedProcess(args, 0, CGET.format("on" if self.plugged else "off"), "")


@dataclass
class Jack:
    device: HeadphoneJack
    plug: Callable[[bool], None]
    break_it: Callable[[], None]


def _simulated() -> Jack:
    jack = SimulatedHeadphoneJack()
    return Jack(jack, lambda on: jack.plug() if on else jack.unplug(), lambda: setattr(jack, "unreadable", True))


def _alsa() -> Jack:
    card = FakeCard()
    return Jack(AlsaHeadphoneJack(0, "Headphone Jack", run=card), lambda on: setattr(card, "plugged", on),
                lambda: setattr(card, "present", False))


@pytest.fixture(params=[_simulated, _alsa], ids=["simulated", "alsa"])
def jack(request: pytest.FixtureRequest) -> Jack:
    return request.param()


def test_it_is_a_headphone_jack(jack: Jack) -> None:
    assert isinstance(jack.device, HeadphoneJack)


def test_poll_follows_the_plug(jack: Jack) -> None:
    assert jack.device.poll() == HeadphonesOut()
    jack.plug(True)
    assert jack.device.poll() == HeadphonesIn()
    assert jack.device.probe()[0]


def test_plugging_in_is_one_event_and_unplugging_another(jack: Jack) -> None:
    watcher = PlugWatcher(jack.device)
    assert watcher.poll() is None  # the first poll only learns the state
    assert watcher.poll() is None
    jack.plug(True)
    assert [watcher.poll(), watcher.poll()] == ["plugged_in", None]
    jack.plug(False)
    assert watcher.poll() == "unplugged"


def test_headphones_already_in_at_start_do_not_start_the_voice(jack: Jack) -> None:
    jack.plug(True)
    watcher = PlugWatcher(jack.device)
    assert [watcher.poll(), watcher.poll()] == [None, None]


def test_an_unreadable_jack_is_a_fault_and_no_event(jack: Jack) -> None:
    watcher = PlugWatcher(jack.device)
    watcher.poll()
    jack.break_it()
    assert isinstance(jack.device.poll(), JackUnreadable)
    assert watcher.poll() is None
    assert not jack.device.probe()[0]


def test_alsa_names_the_card_and_control_it_could_not_read(caplog: pytest.LogCaptureFixture) -> None:
    card = FakeCard()
    jack = AlsaHeadphoneJack(0, "Front Headphone Jack", run=card)
    with caplog.at_level(logging.ERROR):
        for _ in range(3):
            status = jack.poll()
    assert isinstance(status, JackUnreadable) and "Cannot find the given element" in status.detail
    assert caplog.text.count("headphone jack unreadable") == 1  # polled every second: logged once
    assert jack.probe() == (False, "声卡 0 无法读取耳机插孔（Front Headphone Jack）")
    assert card.calls[0] == ["amixer", "-c", "0", "cget", "iface=CARD,name='Front Headphone Jack'"]


def test_alsa_without_amixer_is_unreadable() -> None:
    def missing(args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(2, "No such file or directory", "amixer")

    assert isinstance(AlsaHeadphoneJack(run=missing).poll(), JackUnreadable)


@pytest.mark.parametrize(("output", "state"), [
    (CGET.format("on"), True), (CGET.format("off"), False), (NO_CONTROL, None), ("", None),
    # a numeric control has no on/off value: not a jack
    ("numid=3,iface=MIXER,name='Master Playback Volume'\n  ; type=INTEGER\n  : values=64,64\n", None),
])
def test_parse_cget(output: str, state: bool | None) -> None:
    assert parse_cget(output) is state


def test_a_terminal_without_a_jack_never_plugs() -> None:
    watcher = PlugWatcher(NoHeadphoneJack())
    assert [watcher.poll(), watcher.poll()] == [None, None]
    assert NoHeadphoneJack().probe() == (True, "本机无耳机插孔（配置 headphones = \"none\"）")
