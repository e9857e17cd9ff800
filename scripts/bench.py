#!/usr/bin/env python3
"""Issue 15's figures, each run beside its bare baseline in the same run; prints the table with ratios.

Run from the repository root:
    QT_QPA_PLATFORM=offscreen venv/bin/python scripts/bench.py [--rounds 5] [--only FIGURE] [--json]

Kiosk and baseline alternate round by round, so a busy machine slows both; the ratios are what to
compare across machines, not the absolute times. Figures (`--only`, may repeat):
- cold_start: a fresh `kiosk run --windowed` (demo config, a seeded database in a temporary folder)
  until the home screen has been painted (`KIOSK_EXIT_AFTER_FIRST_PAINT=1`), against a bare
  QApplication + one window painted; both timed from process start to the "painted" line.
- import: CPU time of `import kiosk.ui.app` against `import PySide6.QtWidgets`, fresh processes.
- tap: the real window driven by the touch driver through every built service's scenario (the demo
  persona that completes it, by ID card + face; the one refused, by card + password), from a tap's
  press to the end of the first paint after the screen (home category, wizard step) changed, timed by
  kiosk/ui/paint_timing.py's TapPaintClock; the baseline is a two-page QStackedWidget flipped by the same
  finger and timed the same way. One walk, whatever --rounds; --json lists the transitions, slowest first.
  --tap-pace MS lets MS ms pass between a release and the next press (a resident's finger, not the
  driver's back-to-back taps; the README's figures say which pace they used).
- a4_certificate, a4_details: render_report of a 参保证明 and a 48-row 参保明细 with a signed-length QR,
  against a bare reportlab canvas drawing the same content in the same font: the same text, seal, table
  grid (header row filled and repeated per page), rules, page footers and QR image.
- memory: RSS growth per 1,000 service-level sessions (kiosk/soak.py's Terminal, no faults) after a
  warm-up, in a fresh process. No baseline.
- face: CameraFaceVerifier.verify (8 frames, liveness, two encodings, one of them on the second core's
  encoder process, loaded before timing as the face screen loads it) on still frames of a turning
  head, twice: computing only (all frames at once) and after the camera's last frame (frames handed
  over 0.12 s apart as OpenCvCamera keeps them; from the last frame to the answer); against one naive
  face_recognition.face_locations + face_encodings on one such frame (needs scikit-image for the
  public-domain astronaut photograph). Then the computing-only check's steps (detection, landmarks,
  encodings, the rest) against the same baseline, without a target.
Exit status 1 when a figure misses its target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_table import p95  # noqa: E402 (this folder, on the path as the script's own)

FIGURES = ("cold_start", "import", "tap", "a4_certificate", "a4_details", "memory", "face")
PYTHON = sys.executable


@dataclass
class Row:
    """One line of the table: the kiosk's samples, the baseline's, and the target's verdict."""

    figure: str
    label: str
    kiosk: list[float]
    baseline: list[float]
    unit: str = "ms"
    statistic: str = "median"  # which statistic the ratio and the target use: median, p95 or max
    target: str = ""
    passed: bool | None = None
    detail: list = field(default_factory=list)  # --json only: the tap figure's transitions

    def value(self, samples: list[float]) -> float:
        if not samples:
            return float("nan")
        return {"median": statistics.median, "p95": p95, "max": max}[self.statistic](samples)

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return self.value(self.kiosk) / self.value(self.baseline)


def ratio_row(figure: str, label: str, kiosk: list[float], baseline: list[float], at_most: float,
              statistic: str = "median") -> Row:
    row = Row(figure, label, kiosk, baseline, statistic=statistic, target=f"≤ {at_most:g}×")
    row.passed = row.ratio is not None and row.ratio <= at_most
    return row


# -- cold start and import: fresh processes ---------------------------------------------------------
BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

class Window(QLabel):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))

app = QApplication(sys.argv)
window = Window("苏州工业园区社保和公积金 24 小时自助服务")
window.resize(1920, 1080)
window.show()
app.exec()
"""
IMPORT_CPU = "import time; c = time.process_time(); import {module}; print((time.process_time() - c) * 1000)"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **extra}


def _until_painted(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from starting `command` to its `painted` line."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    elapsed = (time.perf_counter() - start) * 1000
    proc.communicate(timeout=120)
    if line.strip() != "painted":
        raise SystemExit(f"{command[:3]} ended without painting (exit {proc.returncode})")
    return elapsed


def _demo_config(folder: Path) -> Path:
    """config/demo.toml with every var/ path inside `folder`."""
    text = (ROOT / "config" / "demo.toml").read_text(encoding="utf-8")
    path = folder / "demo.toml"
    path.write_text(text.replace('"var/', f'"{folder}/var/').replace("sqlite:///var/", f"sqlite:///{folder}/var/"),
                    encoding="utf-8")
    return path


def cold_start(rounds: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        config = _demo_config(Path(tmp))
        kiosk = [PYTHON, "-c", "from kiosk.cli import main; main()", "run", "--windowed", "--config", str(config)]
        bare = [PYTHON, "-c", BARE_WINDOW]
        env = _env(KIOSK_EXIT_AFTER_FIRST_PAINT="1", PYTHONPYCACHEPREFIX=f"{tmp}/pycache")
        # Bytecode as on an installed kiosk from its second start (a shell with PYTHONDONTWRITEBYTECODE
        # would have the kiosk compile its ~70 modules from source on every start): kept in the temporary folder.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _until_painted(kiosk, env)  # seeds the demo database, fills the disk and bytecode caches: not timed
        _until_painted(bare, env)
        times: dict[str, list[float]] = {"kiosk": [], "bare": []}
        for _ in range(rounds):
            times["kiosk"].append(_until_painted(kiosk, env))
            times["bare"].append(_until_painted(bare, env))
    return [ratio_row("cold_start", "cold start to the home screen painted (bare: QApplication + one window)",
                      times["kiosk"], times["bare"], 3)]


def _import_cpu(module: str) -> float:
    out = subprocess.run([PYTHON, "-c", IMPORT_CPU.format(module=module)], cwd=ROOT, env=_env(),
                         capture_output=True, text=True, check=True, timeout=120)
    return float(out.stdout.strip().splitlines()[-1])


def import_cpu(rounds: int) -> list[Row]:
    kiosk, bare = [], []
    for _ in range(rounds):
        kiosk.append(_import_cpu("kiosk.ui.app"))
        bare.append(_import_cpu("PySide6.QtWidgets"))
    row = Row("import", "import kiosk.ui.app, CPU (bare: import PySide6.QtWidgets)", kiosk, bare,
              target="(cold start)")
    return [row]


# -- tap → next screen painted: the real window and the touch driver --------------------------------
class PacedQTest:
    """touch.QTest with a resident's pace: a press comes `pace_ms` after the previous release at the
    earliest (the event loop runs meanwhile). The touch driver taps as fast as the event loop lets
    it; an elderly resident's finger needs a few hundred ms from one key or button to the next."""

    def __init__(self, real: object, pace_ms: float) -> None:
        self.real, self.pace, self.next_press = real, pace_ms / 1000, 0.0

    def mousePress(self, *args: object) -> None:  # noqa: N802 (QTest's name)
        from kiosk.ui.touch import wait_until

        wait_until(lambda: time.perf_counter() >= self.next_press, self.pace + 1)
        self.real.mousePress(*args)

    def mouseRelease(self, *args: object) -> None:  # noqa: N802 (QTest's name)
        self.real.mouseRelease(*args)
        self.next_press = time.perf_counter() + self.pace

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def tap_to_paint(pace_ms: float = 0) -> list[Row]:
    from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

    from kiosk.demo.personas import PERSONAS
    from kiosk.services import catalogue
    from kiosk.ui import scenario as scenarios
    from kiosk.ui import touch
    from kiosk.ui.app import qt_app
    from kiosk.ui.paint_timing import TapPaintClock
    from kiosk.ui.touch import Finger

    # kiosk/ui/paint_timing.py's clock, the one the soak and the tests use, keyed on the screen shown:
    # a transition is a tap that turned the screen, timed to the end of the new screen's first paint.
    qt_app()
    if pace_ms:
        touch.QTest = PacedQTest(touch.QTest, pace_ms)  # type: ignore[assignment]
    clocks: list[TapPaintClock] = []
    real_build = scenarios.build_window

    def build_watched(*args: object, **kwargs: object) -> object:
        window = real_build(*args, **kwargs)
        clocks.append(TapPaintClock(window, key=lambda: _screen_key(window)).__enter__())
        return window

    scenarios.build_window = build_watched  # type: ignore[assignment]

    bare = QWidget()
    bare.resize(1920, 1080)
    pages = QStackedWidget(bare)
    pages.resize(1920, 1080)
    buttons = []
    for n in range(2):
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(QLabel(f"第 {n + 1} 页"))
        buttons.append(QPushButton("下一页"))
        buttons[-1].setMinimumSize(240, 80)
        buttons[-1].clicked.connect(lambda _=False, other=1 - n: pages.setCurrentIndex(other))
        column.addWidget(buttons[-1])
        pages.addWidget(page)
    bare.show()
    finger = Finger(bare)

    def persona_for(service_id: str, outcome: str) -> str | None:
        return next((p.key for p in PERSONAS if p.expected.get(service_id)
                     and p.expected[service_id].outcome == outcome), None)

    now = "2026-03-02T10:00:00"
    kiosk_taps, bare_taps = [], []
    for spec in catalogue.built():
        for outcome, login in (("completed", "id_card_face"), ("refused", "citizen_card_password")):
            persona = persona_for(spec.id, outcome) or (persona_for(spec.id, "pending_review")
                                                        if outcome == "completed" else None)
            if persona is None:
                continue
            try:
                scenarios.run_scenario(scenarios.Scenario(now=now, persona=persona, login=login, service=spec.id))
            finally:
                clocks[-1].__exit__()
            kiosk_taps += [t for t in clocks.pop().transitions if t.turned and t.ms is not None]
        with TapPaintClock(bare, current=lambda: pages, key=pages.currentIndex) as bare_clock:
            for _ in range(12):
                finger.tap(buttons[pages.currentIndex()])
        bare_taps += [t for t in bare_clock.transitions if t.turned and t.ms is not None]
    bare.close()
    kiosk, base = [t.ms for t in kiosk_taps], [t.ms for t in bare_taps]
    paced = f", taps ≥ {pace_ms:g} ms apart" if pace_ms else ""
    label = f"tap → next screen painted, {len(kiosk)} transitions{paced} (bare: two-page QStackedWidget)"
    rows = [Row("tap", f"{label}, p95", kiosk, base, statistic="p95", target="≤ 50 ms"),
            Row("tap", f"{label}, max", kiosk, base, statistic="max", target="≤ 150 ms")]
    rows[0].passed = bool(kiosk) and p95(kiosk) <= 50
    rows[1].passed = bool(kiosk) and max(kiosk) <= 150
    # --json: each transition, slowest first: what was tapped, from which screen to which.
    rows[0].detail = [[round(t.ms, 1), t.pressed, t.before, t.after]
                      for t in sorted(kiosk_taps, key=lambda t: -t.ms)]
    return rows


def _screen_key(window: object) -> tuple[str | None, ...]:
    """Which screen the kiosk shows: the stack's page; on the home screen, the category chosen; in a
    service, the wizard's step."""
    from PySide6.QtWidgets import QAbstractButton

    page = window.stack.currentWidget()  # type: ignore[attr-defined]
    category = None
    if page is getattr(window, "home", None):
        category = next((b.objectName() for b in page.findChildren(QAbstractButton)
                         if b.objectName().startswith("category_") and b.isChecked()), None)
    wizard = getattr(getattr(window, "wizard", None), "wizard", None)
    try:
        step = wizard.step.key if wizard is not None else None
    except (AttributeError, IndexError):
        step = None
    return page.objectName() or type(page).__name__, category, step


# -- A4 documents ------------------------------------------------------------------------------------
def _documents() -> dict[str, object]:
    from datetime import datetime

    from kiosk.printing.document import DocLine, DocSection, DocTable, Document

    qr = "SIPDOC1|SIP20260302000456|320582********2412|2026-03-02|参保证明|养老保险=36;医疗保险=36|" + "x" * 86
    lines = (DocLine(value="兹证明 王小明（证件号码 320582198001012412）在苏州工业园区参加以下险种："),
             *(DocLine(label=kind, value="正常参保；2023-03 起参保；累计缴费 36 个月；最近缴费 2026年02月")
               for kind in ("养老保险", "医疗保险", "失业保险", "工伤保险", "生育保险")))
    common = dict(kind="report", serial="SIP20260302000456", issued_at=datetime(2026, 3, 2, 10, 0),
                  holder_name="王小明", holder_id_masked="320582********2412", qr_text=qr,
                  footer=("本证明由苏州工业园区 24 小时自助服务终端出具，凭业务流水号可到中心柜面核验。",))
    rows = tuple((f"{2022 + i // 12:04d}-{i % 12 + 1:02d}", "养老保险", "6,500.00", "520.00", "1,040.00",
                  "苏州工业园区星海数码科技有限公司") for i in range(48))
    return {
        "a4_certificate": Document(title="参保证明", holder_id_full="320582198001012412",
                                   sections=(DocSection(heading="参保情况", lines=lines),), **common),
        "a4_details": Document(title="参保明细", sections=(
            DocSection(heading="参保情况", lines=lines),
            DocSection(heading="缴费明细", table=DocTable(columns=("年月", "险种", "缴费基数", "个人缴纳", "单位缴纳", "缴费单位"),
                                                      rows=rows))), **common),
    }


def _bare_page(doc: object) -> bytes:
    """The same content on a bare reportlab canvas, in the same font, with no layout engine: the issuer,
    title, header lines, the seal (the same canvas calls), section headings with their rule, the lines,
    the table as cells in a grid with a filled header row repeated on each page, the footer lines, the
    same QR image, and "第 N 页 共 M 页" with the serial at the foot of every page."""
    from io import BytesIO

    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from kiosk.printing.fonts import register_cjk_font
    from kiosk.printing.seal import draw_seal

    font = register_cjk_font()
    width, height = A4
    left, right, top, bottom = 57, width - 57, height - 57, 70
    # Pages are drawn from plain lists of operations, so the page count is known for the footer.
    pages: list[list[tuple]] = [[]]
    y = top

    def room(needed: float) -> None:
        nonlocal y
        if y - needed < bottom:
            pages.append([])
            y = top

    def write(text: str, size: float = 10.5, x: float = left) -> None:
        nonlocal y
        room(size * 1.7)
        pages[-1].append(("text", x, y - size, text, size))
        y -= size * 1.7

    write(doc.issuer, 11, width / 2 - 110)
    write(doc.title, 22, width / 2 - 44)
    top_of_seal = y
    write(f"业务流水号：{doc.serial}")
    write(f"出具日期：{doc.issued_at:%Y年%m月%d日}")
    write(f"姓名：{doc.holder_name}")
    write(f"证件号码：{doc.holder_id_full or doc.holder_id_masked}")
    pages[0].append(("seal", right - 57, top_of_seal - 57))
    for section in doc.sections:
        write(section.heading, 13)
        pages[-1].append(("rule", y + 4))
        for line in section.lines:
            write(f"{line.label}：{line.value}" if line.label else line.value)
        if section.table is not None:
            columns, rows = section.table.columns, section.table.rows
            step = (right - left) / len(columns)
            xs = [left + step * j for j in range(len(columns) + 1)]
            for index, cells in enumerate(rows):
                if index == 0 or y - 17 < bottom:
                    room(34)
                    pages[-1].append(("header", xs, y, columns))
                    y -= 17
                pages[-1].append(("row", xs, y, cells))
                y -= 17
    for line in doc.footer:
        write(line, 9.5)
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=4, border=4)
    code.add_data(doc.qr_text)
    png = BytesIO()
    code.make_image().get_image().convert("1").save(png, format="PNG")
    png.seek(0)
    room(80)
    pages[-1].append(("qr", ImageReader(png), y - 80))

    out = BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for number, page in enumerate(pages, start=1):
        for op, *args in page:
            if op == "text":
                x, ty, text, size = args
                canvas.setFont(font, size)
                canvas.drawString(x, ty, text)
            elif op == "seal":
                draw_seal(canvas, args[0], args[1], 113)
            elif op == "rule":
                canvas.setStrokeColor(colors.grey)
                canvas.line(left, args[0], right, args[0])
            elif op in ("header", "row"):
                xs, ty, cells = args
                if op == "header":
                    canvas.setFillColor(colors.lightgrey)
                    canvas.rect(left, ty - 17, right - left, 17, stroke=0, fill=1)
                    canvas.setFillColor(colors.black)
                canvas.setFont(font, 9)
                canvas.grid(xs, [ty, ty - 17])
                for x, cell in zip(xs, cells):
                    canvas.drawString(x + 4, ty - 12, cell)
            elif op == "qr":
                canvas.drawImage(args[0], right - 80, args[1], 80, 80)
        canvas.setFont(font, 9)
        canvas.drawCentredString(width / 2, 28, f"第 {number} 页 共 {len(pages)} 页")
        canvas.drawString(left, 28, f"业务流水号：{doc.serial}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def a4(figure: str, rounds: int) -> list[Row]:
    from kiosk.printing.report_pdf import render_report

    doc = _documents()[figure]
    render_report(doc), _bare_page(doc)  # fonts registered, caches warm: not timed
    kiosk, bare = [], []
    for _ in range(4 * rounds):  # a page takes a tenth of a second: more rounds for a steadier median
        kiosk.append(_ms(lambda: render_report(doc)))
        bare.append(_ms(lambda: _bare_page(doc)))
    name = "A4 参保证明 (1 page)" if figure == "a4_certificate" else "A4 参保明细 (48 rows)"
    return [ratio_row(figure, f"{name} (bare: reportlab canvas, same font, text, grid, seal and QR)", kiosk, bare, 1.5)]


def _ms(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


# -- memory: service-level sessions in a fresh process -----------------------------------------------
def memory(sessions: int, warmup: int) -> list[Row]:
    out = subprocess.run([PYTHON, str(Path(__file__).resolve()), "--memory-child", str(sessions), str(warmup)],
                         cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise SystemExit(f"memory run failed:\n{out.stderr[-2000:]}")
    grown = json.loads(out.stdout.strip().splitlines()[-1])["mb_per_1000"]
    row = Row("memory", f"RSS growth per 1,000 sessions after {warmup} warm-up (service level)", [grown], [],
              unit="MB", target="≤ 2 MB")
    row.passed = grown <= 2
    return [row]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS in /proc/self/status")


def memory_child(sessions: int, warmup: int) -> None:
    import gc
    import logging
    import random
    from datetime import datetime

    from kiosk.clock import ManualClock
    from kiosk.demo.personas import by_key
    from kiosk.demo.seed import seed_demo, seeded_for
    from kiosk.devices.bundle import build_devices
    from kiosk.soak import Terminal, worker_config
    from kiosk.store.database import Store

    logging.disable(logging.CRITICAL)  # a log line per step would be most of the work
    shm = Path("/dev/shm")  # the database in memory: the figure is the process's RSS, not the disk's fsync
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-mem-", dir=shm if shm.is_dir() else None) as tmp:
        config = worker_config(Path(tmp), f"sqlite:///{tmp}/bench.sqlite", 1)
        clock = ManualClock(datetime(2026, 3, 2, 9, 0))
        store = Store(config.database.url)
        store.create_schema()
        seed_demo(store, clock.now().date(), config.subsidy)
        terminal = Terminal(config, store, build_devices(config), clock, random.Random(15),
                            by_key(seeded_for(store), config.subsidy))

        def run(count: int) -> None:
            for _ in range(count):
                clock.advance(minutes=1)
                terminal.session(set())

        run(warmup)
        gc.collect()
        before = _rss_mb()
        run(sessions)
        gc.collect()
        after = _rss_mb()
        store.close()
    print(json.dumps({"before_mb": before, "after_mb": after, "mb_per_1000": (after - before) * 1000 / sessions}))


# -- face ---------------------------------------------------------------------------------------------
def face(rounds: int) -> list[Row]:
    import logging

    import cv2
    import face_recognition as fr
    from skimage import data

    from kiosk.devices.face import scenes
    from kiosk.devices.face.camera_verifier import CameraFaceVerifier
    from kiosk.devices.face.frames import ImageFileFrames, OpenCvCamera
    from kiosk.devices.face.protocol import FaceMatch

    frame = scenes.fit_frame(data.astronaut()[0:300, 76:476])
    landmarks = fr.face_landmarks(frame, fr.face_locations(frame, 0))[0]
    turning = [frame, scenes.turn_head(frame, landmarks, 20), frame, scenes.turn_head(frame, landmarks, -20)]
    logging.getLogger("kiosk").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-face-") as tmp:
        cv2.imwrite(f"{tmp}/astronaut.png", cv2.cvtColor(scenes.as_rgb(data.astronaut()[30:240, 150:320]),
                                                         cv2.COLOR_RGB2BGR))
        still = ImageFileFrames(turning)
        paced = PacedFrames(still, OpenCvCamera().interval)
        verifier = CameraFaceVerifier(still, tmp, frames_per_check=8)
        verifier.encoder.wait_ready()  # the kiosk starts it with the face screen's first picture
        if not isinstance(verifier.verify("astronaut"), FaceMatch):  # the enrolled photo encoded once
            raise SystemExit("face check: the astronaut does not match herself")

        def naive() -> object:
            return fr.face_encodings(frame, fr.face_locations(frame))

        def after_last_frame() -> float:
            verifier.frames = paced
            verifier.verify("astronaut")
            verifier.frames = still
            return (time.perf_counter() - paced.last) * 1000

        computing, waiting, bare = [], [], []
        for _ in range(max(rounds, 5)):
            computing.append(_ms(lambda: verifier.verify("astronaut")))
            bare.append(_ms(naive))
            waiting.append(after_last_frame())
        steps, steps_bare = _face_steps(lambda: verifier.verify("astronaut"), naive, max(rounds, 5))
    second = "one encoding on the second core" if verifier.encoder.ready() else "no second core"
    return [ratio_row("face", f"full face check, 8 still frames + liveness, computing only, {second} "
                      "(bare: one face_locations + face_encodings)", computing, bare, 1),
            ratio_row("face", "full face check after the camera's last frame (8 frames 0.12 s apart, "
                      "the camera's own 0.84 s left out)", waiting, bare, 1)] + \
        [Row("face", f"· of the check computing only: {step}", samples, steps_bare) for step, samples in steps.items()]


def _face_steps(check: Callable[[], object], naive: Callable[[], object],
                rounds: int) -> tuple[dict[str, list[float]], list[float]]:
    """The ms each step of `check` (CameraFaceVerifier.verify on still frames) takes, per check: face
    detection (whole frames and regions), 68-point landmarks, encodings (5-point alignment + ResNet), the
    rest; and `naive` timed in the same rounds, alternating (the steps' own timing adds a little)."""
    import face_recognition as fr

    from kiosk.devices.face import camera_verifier

    spent: dict[str, float] = {}
    patched = [(fr, "face_locations", "face detection, 8 frames"),
               (camera_verifier, "_shape", "68-point landmarks, 8 frames"), (camera_verifier, "_encoding", "encodings")]
    real = {name: getattr(owner, name) for owner, name, _ in patched}

    def timing(name: str, step: str) -> Callable[..., object]:
        def timed(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return real[name](*args, **kwargs)
            finally:
                spent[step] = spent.get(step, 0.0) + (time.perf_counter() - start) * 1000
        return timed

    samples: dict[str, list[float]] = {step: [] for _, _, step in patched} | {"the rest": []}
    bare: list[float] = []
    for _ in range(rounds):
        for owner, name, step in patched:
            setattr(owner, name, timing(name, step))
        spent.clear()
        try:
            total = _ms(check)
        finally:
            for owner, name, _ in patched:
                setattr(owner, name, real[name])
        for _, _, step in patched:
            samples[step].append(spent.get(step, 0.0))
        samples["the rest"].append(total - sum(spent.values()))
        bare.append(_ms(naive))
    return samples, bare


class PacedFrames:
    """Still frames handed over `interval` apart, as OpenCvCamera keeps them; notes when the last came."""

    def __init__(self, source: object, interval: float) -> None:
        self.source, self.interval, self.last = source, interval, 0.0

    def grab(self, count: int) -> list[object]:
        return list(self.stream(count))

    def stream(self, count: int) -> object:
        start = time.perf_counter()
        for number, frame in enumerate(self.source.stream(count)):
            time.sleep(max(0.0, start + number * self.interval - time.perf_counter()))
            self.last = time.perf_counter()
            yield frame


# -- the table --------------------------------------------------------------------------------------
def run(figures: list[str], rounds: int, sessions: int, pace_ms: float = 0) -> list[Row]:
    rows: list[Row] = []
    for figure in figures:
        print(f"… {figure}", file=sys.stderr, flush=True)
        if figure == "cold_start":
            rows += cold_start(rounds)
        elif figure == "import":
            rows += import_cpu(rounds)
        elif figure == "tap":
            rows += tap_to_paint(pace_ms)
        elif figure.startswith("a4_"):
            rows += a4(figure, rounds)
        elif figure == "memory":
            rows += memory(sessions, warmup=max(sessions // 3, 100))
        elif figure == "face":
            rows += face(rounds)
    return rows


def table(rows: list[Row], rounds: int) -> str:
    lines = [f"issue 15 figures, {rounds} rounds, kiosk and baseline interleaved, {os.cpu_count()} CPUs",
             "| figure | kiosk | bare baseline | ratio | target | |", "|---|---|---|---|---|---|"]
    for row in rows:
        def shown(samples: list[float]) -> str:
            if not samples:
                return "—"
            if row.statistic != "median":
                return f"{row.value(samples):.1f} {row.unit}"
            spread = f" (p95 {p95(samples):.1f})" if len(samples) > 1 else ""
            return f"{statistics.median(samples):.1f} {row.unit}{spread}"

        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        verdict = "" if row.passed is None else "PASS" if row.passed else "FAIL"
        cells = (row.label, shown(row.kiosk), shown(row.baseline), ratio, row.target, verdict)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="kiosk/baseline pairs per figure (default 5)")
    parser.add_argument("--only", action="append", choices=FIGURES, help="this figure only (may repeat)")
    parser.add_argument("--sessions", type=int, default=1000, help="sessions for the memory figure (default 1000)")
    parser.add_argument("--json", action="store_true", help="the rows as JSON, samples included")
    parser.add_argument("--tap-pace", type=float, default=0, metavar="MS",
                        help="tap: a press at least MS ms after the previous release (0: as fast as the driver)")
    parser.add_argument("--memory-child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(*args.memory_child)
        return
    rows = run(args.only or list(FIGURES), args.rounds, args.sessions, args.tap_pace)
    if args.json:
        print(json.dumps([asdict(row) | {"ratio": row.ratio} for row in rows], ensure_ascii=False, indent=1))
    else:
        print(table(rows, args.rounds))
    sys.exit(0 if all(row.passed is not False for row in rows) else 1)


if __name__ == "__main__":
    main()
