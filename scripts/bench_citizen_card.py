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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_table import p95, print_table, timed  # noqa: E402 (this folder, on the path as the script's own)

from kiosk.devices.citizen_card.pcsc_reader import PcscCitizenCardReader  # noqa: E402
from kiosk.devices.citizen_card.protocol import CardPresent, CitizenCardData, NoCard  # noqa: E402
from kiosk.devices.citizen_card.simulated import SimulatedCitizenCardReader  # noqa: E402
from kiosk.devices.citizen_card.vpcd_card import VPCD_READER, PcscdService, VpcdCard  # noqa: E402

CARD = CitizenCardData(card_number="D10034567", ssn="320582196203152412", name="王小明")
POLL_INTERVAL = 0.05


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
    rows = [("simulated: card present", timed(args.n, simulated.poll, expect=CardPresent))]

    with PcscdService() as _pcscd, VpcdCard() as card:
        reader = PcscCitizenCardReader(VPCD_READER)
        try:
            rows.append(("pcsc: no card", timed(args.n, reader.poll, expect=NoCard)))
            rows.append(("pcsc: insert → present", insert_to_present(args.inserts, card, reader)))
            # close() forgets the card and the PC/SC context: the next poll is a first read.
            rows.append(("pcsc: first read", timed(args.n, reader.poll, before=reader.close, expect=CardPresent)))
            rows.append(("pcsc: card held, repeat poll", timed(args.n, reader.poll, expect=CardPresent)))
            card.answer_61_first(chunk=16)
            rows.append(("pcsc: first read, T=0 card",
                         timed(args.n, reader.poll, before=reader.close, expect=CardPresent)))
            card.remove()
        finally:
            reader.close()

    print_table(f"citizen-card readers, n={args.n} per row ({args.inserts} for insert → present)",
                "{:<30} {:>9.3f} {:>9.3f} {:>9.3f}", ("scenario", "mean ms", "p95 ms", "max ms"),
                [(name, statistics.fmean(samples), p95(samples), max(samples)) for name, samples in rows])


if __name__ == "__main__":
    main()
