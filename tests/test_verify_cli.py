"""`kiosk verify` end to end: a certificate submitted, printed to a spool folder, then checked as a
PDF file, as QR text decoded by an independent decoder (zbarimg), and as a serial."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from kiosk.cli import main
from kiosk.clock import CST, ManualClock
from kiosk.config import KioskConfig, load_config
from kiosk.devices.receipt_printer.simulated import SimulatedReceiptPrinter
from kiosk.devices.report_printer.spool import SpoolFolderPrinter
from kiosk.printing.document import Document
from kiosk.services import catalogue, print_run, signing, submission
from kiosk.services.outcome import Accepted
from kiosk.services.wizard import Wizard
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.tables.documents import DocumentRendering, IssuedDocument

pytestmark = pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                                reason="zbarimg (zbar-tools) or pdftoppm (poppler-utils) is not installed")

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=CST)


@dataclass
class Issued:
    config_file: Path
    config: KioskConfig
    store: Store
    clock: ManualClock
    spool: SpoolFolderPrinter
    serial: str
    pdf: Path

    def verify(self, *args: str) -> Result:
        return CliRunner().invoke(main, ["verify", *args, "--config", str(self.config_file)])

    def print(self, *, reprint: bool = False) -> Path:
        before = set(self.spool.jobs)
        [result] = print_run.print_jobs(self.store, self.serial, SimulatedReceiptPrinter(), self.spool, self.clock,
                                        self.config, reprint=reprint)
        assert result.printed, result.message
        [pdf] = set(self.spool.jobs) - before
        return pdf


def _write_config(tmp_path: Path, store: Store, key_file: Path) -> Path:
    path = tmp_path / f"{key_file.stem}.toml"
    path.write_text(f'[database]\nurl = "{store.url}"\n\n[signing]\nkey_file = "{key_file}"\n', encoding="utf-8")
    return path


def _certificate(store: Store, clock: ManualClock, config: KioskConfig, persona: str = "enterprise_employee") -> str:
    spec = catalogue.get("insurance_certificate")
    with store.transaction() as tx:
        person = tx.scalar(select(m.Person.id).where(m.Person.demo_key == persona))
    wizard = Wizard(spec, submission.open_service(store, spec, person, clock, config))
    insurances = next(f for step in spec.steps for f in step.fields if f.key == "insurances")
    answers = {"document": "certificate", "insurances": [o.value for o in wizard.options(insurances)]}
    outcome = submission.submit(store, spec, person, answers, clock, config)
    assert isinstance(outcome, Accepted), outcome
    return outcome.serial


@pytest.fixture
def issued(store: Store, tmp_path: Path) -> Issued:
    config_file = _write_config(tmp_path, store, tmp_path / "keys" / "signing.pem")
    init = CliRunner().invoke(main, ["db", "init", "--config", str(config_file)])
    assert init.exit_code == 0, init.output
    assert f"signing key created: {tmp_path / 'keys' / 'signing.pem'}" in init.output
    config = load_config(config_file)
    clock = ManualClock(NOW)
    serial = _certificate(store, clock, config)
    spool = SpoolFolderPrinter(tmp_path / "spool")
    out = Issued(config_file, config, store, clock, spool, serial, Path())
    out.pdf = out.print()
    return out


def scan(pdf: Path, tmp_path: Path) -> list[str]:
    """The QR codes on the PDF's pages, decoded by zbar (not by the code under test), one per page.

    -Sbinary: the bytes as encoded (without it zbar may read UTF-8 Chinese as Shift-JIS).
    """
    subprocess.run(["pdftoppm", "-png", "-r", "300", str(pdf), str(tmp_path / "scan")], check=True)
    codes = []
    for page in sorted(tmp_path.glob("scan*.png")):
        scanned = subprocess.run(["zbarimg", "-q", "--raw", "-Sbinary", str(page)], capture_output=True, check=False)
        if scanned.stdout:
            codes.append(scanned.stdout.decode("utf-8"))
    return codes


def flip(pdf: Path, offset: int) -> Path:
    data = bytearray(pdf.read_bytes())
    data[offset] ^= 0x01
    changed = pdf.with_name("changed.pdf")
    changed.write_bytes(bytes(data))
    return changed


def test_a_printed_certificate_is_genuine(issued: Issued) -> None:
    result = issued.verify(str(issued.pdf))

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "真实有效 (genuine)"
    for line in ("文件名称：参保证明", f"业务流水号：{issued.serial}", "证件号码：3205**********3516",
                 "出具日期：2026-03-10", "文件未被修改"):
        assert line in result.output


def test_the_qr_code_scanned_independently_is_signed_and_registered(issued: Issued, tmp_path: Path) -> None:
    [text] = scan(issued.pdf, tmp_path)

    assert re.fullmatch(rf"SIPV2\|{issued.serial}\|3205\*{{10}}3516\|2026-03-10\|参保证明\|养老保险=正常参保[^|]+"
                        r"\|[A-Za-z0-9_-]{86}", text)
    public_only = signing.DocumentVerifier.load(signing.public_key_file(issued.config.signing.key_file))
    assert public_only.parse_and_check(text)[1:] == (True, "")
    result = issued.verify(text)
    assert result.exit_code == 0, result.output
    assert "真实有效 (genuine)" in result.output and f"业务流水号：{issued.serial}" in result.output
    # What was printed is what was journaled and registered, in the submitting transaction.
    [job] = [j for j in _rows(issued.store, m.PrintJob) if j.serial == issued.serial]
    [row] = _rows(issued.store, IssuedDocument)
    assert Document.model_validate(job.document).qr_text == row.qr_text == text
    assert (row.job_id, row.title, row.holder_id_masked, row.issued_on) == (
        job.id, "参保证明", "3205**********3516", date(2026, 3, 10))


def test_one_changed_byte_is_not_genuine(issued: Issued) -> None:
    data = issued.pdf.read_bytes()
    # In the document information (the PDF still opens, its QR code still scans) ...
    metadata = flip(issued.pdf, data.index(b"/Producer") + 2)
    result = issued.verify(str(metadata))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[:2] == ["不是真实文件 (not genuine)", "原因：文件内容已被修改"]
    # ... and in the middle of the file, wherever that falls.
    middle = flip(issued.pdf, len(data) // 2)
    result = issued.verify(str(middle))
    assert result.exit_code == 1, result.output
    assert "不是真实文件 (not genuine)" in result.output and "文件内容已被修改" in result.output


def test_a_code_that_does_not_scan_leaves_the_file_judged_by_its_bytes(issued: Issued,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signing, "decode_pdf_qr", lambda path: [])

    original = issued.verify(str(issued.pdf))
    assert original.exit_code == 0, original.output
    assert "文件未被修改" in original.output

    changed = issued.verify(str(flip(issued.pdf, len(issued.pdf.read_bytes()) // 2)))
    assert changed.exit_code == 1
    assert "原因：文件内容已被修改或不是本中心出具的文件（未识别到核验二维码）" in changed.output


def test_qr_text_with_a_changed_serial_is_not_genuine(issued: Issued, tmp_path: Path) -> None:
    [text] = scan(issued.pdf, tmp_path)
    other = issued.serial[:-1] + ("2" if issued.serial[-1] != "2" else "3")

    result = issued.verify(text.replace(issued.serial, other))

    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == ["不是真实文件 (not genuine)", "原因：签名无效"]


def test_a_serial_is_checked_against_the_register(issued: Issued) -> None:
    known = issued.verify(issued.serial)
    assert known.exit_code == 0 and "文件名称：参保证明" in known.output

    unknown = issued.verify("YW2026031000199999")
    assert unknown.exit_code == 1
    assert unknown.output.splitlines() == ["不是真实文件 (not genuine)", "原因：业务流水号不存在"]


def test_a_validly_signed_code_for_an_unissued_serial_is_not_genuine(issued: Issued) -> None:
    # The signature alone is not enough: the register must know the serial (e.g. a leaked key).
    text = signing.signer_for(issued.config).qr_payload("YW2026031000199999", "3205**********3516",
                                                        date(2026, 3, 10), "参保证明")

    result = issued.verify(text)

    assert result.exit_code == 1
    assert "原因：业务流水号不存在" in result.output


def test_a_document_signed_with_another_key_is_not_genuine(issued: Issued, tmp_path: Path) -> None:
    # Another terminal's key, on the same register: the code scans, its signature does not verify.
    other_config = load_config(_write_config(tmp_path, issued.store, tmp_path / "other" / "other.pem"))
    serial = _certificate(issued.store, issued.clock, other_config)
    forged = Issued(issued.config_file, issued.config, issued.store, issued.clock, issued.spool, serial, Path())

    result = issued.verify(str(forged.print()))

    assert result.exit_code == 1
    assert "原因：签名无效" in result.output


def test_every_reprint_is_genuine_and_recorded(issued: Issued) -> None:
    issued.clock.advance(minutes=5)
    reprint = issued.print(reprint=True)

    assert reprint.read_bytes() != issued.pdf.read_bytes()  # reportlab stamps the time: a new hash
    for pdf in (issued.pdf, reprint):
        result = issued.verify(str(pdf))
        assert result.exit_code == 0, result.output
        assert "打印次数：2" in result.output
    [row] = _rows(issued.store, IssuedDocument)
    renderings = _rows(issued.store, DocumentRendering)
    assert [r.document_id for r in renderings] == [row.id, row.id]
    assert row.pdf_sha256 == renderings[-1].pdf_sha256 != renderings[0].pdf_sha256


def test_receipts_are_not_signed(issued: Issued) -> None:
    spec = catalogue.get("flex_contribution_change")
    with issued.store.transaction() as tx:
        person = tx.scalar(select(m.Person.id).where(m.Person.demo_key == "flex_normal"))
    config = load_config(demo=True).model_copy(update={"signing": issued.config.signing,
                                                       "database": issued.config.database})
    outcome = submission.submit(issued.store, spec, person, {"change_type": "grade", "grade": "2"}, issued.clock,
                                config)

    assert isinstance(outcome, Accepted)
    assert [p.kind for p in outcome.printed] == ["receipt"]
    assert [r.serial for r in _rows(issued.store, IssuedDocument)] == [issued.serial]


def test_a_printed_query_view_is_signed_too(issued: Issued) -> None:
    # Every A4 document, not only certificates: the loan plan a resident prints from a query.
    spec = catalogue.get("hf_loan_query")
    with issued.store.transaction() as tx:
        person = tx.scalar(select(m.Person.id).where(m.Person.demo_key == "loan_borrower"))
    serial = submission.print_view(issued.store, spec, "plan", person, issued.clock, issued.config)
    view = Issued(issued.config_file, issued.config, issued.store, issued.clock, issued.spool, serial, Path())

    result = issued.verify(str(view.print()))

    assert result.exit_code == 0, result.output
    assert f"业务流水号：{serial}" in result.output


@pytest.mark.parametrize("argument", ["nonsense", "missing.pdf", "/no/such/folder/file"])
def test_bad_input_exits_2(issued: Issued, argument: str) -> None:
    result = issued.verify(argument)

    assert result.exit_code == 2
    assert "无法核验 (error)" in result.output


def test_missing_tools_are_named(issued: Issued, monkeypatch: pytest.MonkeyPatch) -> None:
    which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda tool: None if tool == "zbarimg" else which(tool))

    result = issued.verify(str(issued.pdf))

    assert result.exit_code == 2
    assert "zbarimg" in result.output and "zbar-tools" in result.output


def test_verification_with_no_key_is_bad_input_and_creates_none(issued: Issued, tmp_path: Path) -> None:
    config_file = _write_config(tmp_path, issued.store, tmp_path / "nokeys" / "none.pem")

    result = CliRunner().invoke(main, ["verify", str(issued.pdf), "--config", str(config_file)])

    assert result.exit_code == 2
    assert "找不到验签公钥" in result.output
    assert not (tmp_path / "nokeys").exists()


def _rows(store: Store, model: type) -> list:
    with store.transaction() as tx:
        return list(tx.scalars(select(model).order_by(model.id)))


# --- a verification desk: the centre's public key alone -------------------------------------------

def _desk(issued: Issued, tmp_path: Path) -> Path:
    """The public key file as the centre hands it to a desk (no private key, no database, no config)."""
    desk = tmp_path / "desk"
    desk.mkdir()
    public = desk / "centre.pub.pem"
    shutil.copyfile(signing.public_key_file(issued.config.signing.key_file), public)
    return public


def _offline(public: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["verify", *args, "--public-key", str(public)])


def test_a_desk_verifies_the_pdf_and_sees_the_figures_with_the_public_key_alone(issued: Issued,
                                                                                  tmp_path: Path) -> None:
    public = _desk(issued, tmp_path)
    issued.store.close()
    Path(issued.store.engine.url.database).unlink()  # no database anywhere

    result = _offline(public, str(issued.pdf))

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "签名有效 (signature valid)"
    assert f"业务流水号：{issued.serial}" in lines and "证件号码：3205**********3516" in lines
    assert "二维码所列内容：" in lines
    assert any(line.startswith("  养老保险：正常参保；") for line in lines)
    assert f"核验结果：{signing.OFFLINE_CONFIRMS}；{signing.OFFLINE_ON_PAGE}" in lines
    assert f"无法确认：{signing.OFFLINE_CANNOT}" in lines


def test_a_desk_checks_scanned_qr_text_and_refuses_a_serial_alone(issued: Issued, tmp_path: Path) -> None:
    public = _desk(issued, tmp_path)
    [text] = scan(issued.pdf, tmp_path)

    assert _offline(public, text).exit_code == 0
    forged = _offline(public, text.replace("正常参保", "暂停参保", 1))
    assert forged.exit_code == 1 and "原因：签名无效" in forged.output
    serial = _offline(public, issued.serial)
    assert serial.exit_code == 2 and "需要中心的出具登记" in serial.output


def test_a_pdf_printing_other_figures_than_its_code_signs_is_not_genuine(issued: Issued, tmp_path: Path) -> None:
    from kiosk.printing.report_pdf import render_report

    public = _desk(issued, tmp_path)
    with issued.store.transaction() as tx:
        job = tx.scalar(select(m.PrintJob).where(m.PrintJob.serial == issued.serial, m.PrintJob.kind == "report"))
        doc = Document.model_validate(job.document)
    section = doc.sections[0]
    first = section.lines[1]
    changed = first.model_copy(update={"value": first.value.replace("正常参保", "暂停参保")})
    tampered = doc.model_copy(update={"sections": (
        section.model_copy(update={"lines": (section.lines[0], changed, *section.lines[2:])}), *doc.sections[1:])})
    pdf = tmp_path / "tampered.pdf"
    pdf.write_bytes(render_report(tampered))  # the genuine code, printed over other figures

    result = _offline(public, str(pdf))

    assert result.exit_code == 1, result.output
    assert f"原因：{signing.NOT_ON_PAGE}（{first.label}）" in result.output


def test_db_init_at_a_desk_never_makes_a_key_beside_the_centres_public_key(issued: Issued, tmp_path: Path) -> None:
    public = _desk(issued, tmp_path)
    config = tmp_path / "desk.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/desk/desk.sqlite"\n\n'
                      f'[signing]\nkey_file = "{public.parent / "centre.pem"}"\n', encoding="utf-8")

    result = CliRunner().invoke(main, ["db", "init", "--config", str(config)])

    assert result.exit_code == 2
    assert "没有与之配对的私钥" in result.output and "kiosk verify --public-key" in result.output
    assert not (public.parent / "centre.pem").exists()
    assert _offline(public, str(issued.pdf)).exit_code == 0  # the desk still verifies genuine paper


def test_a_file_over_the_size_limit_is_refused_without_reading_it(issued: Issued, tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with open(big, "wb") as file:
        file.truncate(signing.MAX_PDF_BYTES + 1)  # sparse: no time or disk spent writing it

    for result in (issued.verify(str(big)), _offline(_desk(issued, tmp_path), str(big))):
        assert result.exit_code == 2
        assert "超过 20 MB 的核验上限" in result.output


def test_a_pdf_with_too_many_pages_is_refused_not_timed_out(issued: Issued, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    many = tmp_path / "many.pdf"
    canvas = Canvas(str(many))
    for _ in range(signing.MAX_PDF_PAGES + 1):
        canvas.showPage()
    canvas.save()

    result = issued.verify(str(many))

    assert result.exit_code == 2
    assert f"有 {signing.MAX_PDF_PAGES + 1} 页，超过 {signing.MAX_PDF_PAGES} 页的核验上限" in result.output
