#!/usr/bin/env python3
"""Times the serial ID-card reader against the pty simulator and prints a table.

Run `venv/bin/python scripts/bench_id_card.py [-n 200]`. A pty moves bytes as fast as the CPU
allows, so the "wire" column adds what the same bytes take on a real 115200 8N1 line (10 bits a
byte, no gaps): the real reader's time is roughly measured + wire + the card's own RF time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_table import p95, print_table, timed  # noqa: E402 (this folder, on the path as the script's own)

from kiosk.devices.id_card import sam_frames as sam  # noqa: E402
from kiosk.devices.id_card.protocol import CardPresent, IdCardData, NoCard  # noqa: E402
from kiosk.devices.id_card.pty_simulator import PtyIdCardSimulator  # noqa: E402
from kiosk.devices.id_card.serial_reader import BITS_PER_BYTE, SerialIdCardReader  # noqa: E402

CARD = IdCardData(name="王小明", sex="1", nation="01", birth_date=date(1962, 3, 15),
                  address="江苏省苏州工业园区星湖街328号", id_number="320582196203152412",
                  issuer="苏州市公安局工业园区分局", valid_from=date(2015, 6, 1), valid_to=None)


def wire_ms(frames: list[bytes], baudrate: int) -> float:
    return sum(len(f) for f in frames) * BITS_PER_BYTE / baudrate * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="polls per scenario (default 200)")
    parser.add_argument("--baudrate", type=int, default=115200)
    args = parser.parse_args()

    read_data = sam.build_read_data(sam.build_text_block(CARD), bytes(sam.PHOTO_SIZE))
    find_ok, find_failed = sam.encode_reply(0x9F, bytes(4)), sam.encode_reply(0x80)
    requests = [sam.encode_command(*c) for c in (sam.FIND_CARD, sam.SELECT_CARD, sam.READ_TEXT_PHOTO)]
    full_read = [*requests, find_ok, sam.encode_reply(0x90, bytes(8)), sam.encode_reply(0x90, read_data)]

    with PtyIdCardSimulator() as sim:
        reader = SerialIdCardReader(sim.port, baudrate=args.baudrate, timeout=1.0)
        try:
            def fresh_card() -> None:
                sim.remove()
                reader.poll()  # forget the held card
                sim.insert(CARD)

            rows = [
                ("new card: find+select+read", timed(args.n, reader.poll, before=fresh_card, expect=CardPresent),
                 wire_ms(full_read, args.baudrate)),
                ("card held: find only", timed(args.n, reader.poll, expect=CardPresent),
                 wire_ms([requests[0], find_ok], args.baudrate)),
            ]
            sim.remove()
            rows.append(("no card: find fails", timed(args.n, reader.poll, expect=NoCard),
                         wire_ms([requests[0], find_failed], args.baudrate)))
        finally:
            reader.close()

    print_table(f"SerialIdCardReader on a pty simulator, n={args.n} per row, {args.baudrate} baud",
                "{:<30} {:>8.3f} {:>8.3f} {:>8.1f} {:>8.1f}", ("scenario", "mean ms", "p95 ms", "wire ms", "est. ms"),
                [(name, mean := statistics.fmean(samples), p95(samples), wire, mean + wire)
                 for name, samples, wire in rows])


if __name__ == "__main__":
    main()
