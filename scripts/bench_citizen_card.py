#!/usr/bin/env python3
"""Times the citizen-card readers and prints a table: simulated in-process, and PC/SC on vpcd.

Run `venv/bin/python scripts/bench_citizen_card.py [-n 200]` as root (it starts pcscd when it is
not running, and stops it again). The PC/SC rows run the real path: pyscard → pcscd → vpcd → TCP →
the virtual card. "read" is a poll that connects and reads EF05 / EF06 (6 APDUs, 9 with a T=0
card's GET RESPONSE); "held" a poll while the card stays in (one SCardStatus, no APDU);
"insert → present" the time from the card going in until a 50 ms poll loop sees it, which is
dominated by pcscd checking readers for cards every 0.4 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.devices.citizen_card.pcsc_reader import PcscCitizenCardReader  # noqa: E402
from kiosk.devices.citizen_card.protocol import CardPresent, CitizenCardData, NoCard  # noqa: E402
from kiosk.devices.citizen_card.simulated import SimulatedCitizenCardReader  # noqa: E402
from kiosk.devices.citizen_card.vpcd_card import VPCD_READER, PcscdService, VpcdCard  # noqa: E402

CARD = CitizenCardData(card_number="D10034567", ssn="320582196203152412", name="王小明")
POLL_INTERVAL = 0.05


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(n: int, before: Callable[[], None], poll: Callable[[], object], expect: type) -> list[float]:
    samples = []
    for _ in range(n):
        before()
        start = time.perf_counter()
        status = poll()
        samples.append((time.perf_counter() - start) * 1000)
        if not isinstance(status, expect):
            raise SystemExit(f"unexpected status {status!r}, expected {expect.__name__}")
    return samples


def insert_to_present(n: int, card: VpcdCard, reader: PcscCitizenCardReader) -> list[float]:
    """Card in → first CardPresent, polling every 50 ms as a UI would."""
    samples, pause = [], threading.Event()
    for _ in range(n):
        card.remove()
        while not isinstance(reader.poll(), NoCard):
            pause.wait(POLL_INTERVAL)
        start = time.perf_counter()
        card.insert(CARD)
        while not isinstance(reader.poll(), CardPresent):
            if time.perf_counter() - start > 5:
                raise SystemExit("the card was not seen within 5 s")
            pause.wait(POLL_INTERVAL)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="polls per scenario (default 200)")
    parser.add_argument("--inserts", type=int, default=10, help="insert → present rounds (default 10)")
    args = parser.parse_args()

    simulated = SimulatedCitizenCardReader()
    simulated.insert(CARD)
    rows = [("simulated: card present", timed(args.n, lambda: None, simulated.poll, CardPresent))]

    with PcscdService() as _pcscd, VpcdCard() as card:
        reader = PcscCitizenCardReader(VPCD_READER)
        try:
            rows.append(("pcsc: no card", timed(args.n, lambda: None, reader.poll, NoCard)))
            rows.append(("pcsc: insert → present", insert_to_present(args.inserts, card, reader)))
            # close() forgets the card and the PC/SC context: the next poll is a first read.
            rows.append(("pcsc: first read", timed(args.n, reader.close, reader.poll, CardPresent)))
            rows.append(("pcsc: card held, repeat poll", timed(args.n, lambda: None, reader.poll, CardPresent)))
            card.answer_61_first(chunk=16)
            rows.append(("pcsc: first read, T=0 card", timed(args.n, reader.close, reader.poll, CardPresent)))
            card.remove()
        finally:
            reader.close()

    print(f"citizen-card readers, n={args.n} per row ({args.inserts} for insert → present)")
    print(f"{'scenario':<30} {'mean ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for name, samples in rows:
        print(f"{name:<30} {statistics.fmean(samples):>9.3f} {p95(samples):>9.3f} {max(samples):>9.3f}")


if __name__ == "__main__":
    main()
