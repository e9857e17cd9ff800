"""The spool-folder report printer: complete PDFs appear in the folder, or it says why not."""

from __future__ import annotations

import pytest

from kiosk.devices.receipt_printer.protocol import (
    PrinterFault,
    PrinterOffline,
    PrinterPaperOut,
    PrinterReady,
)
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.devices.report_printer.spool import SpoolFolderPrinter, safe_job_name

PDF = b"%PDF-1.4\n% test\n%%EOF\n"


def test_is_a_report_printer(tmp_path):
    assert isinstance(SpoolFolderPrinter(tmp_path), ReportPrinter)


def test_writes_each_job_as_a_pdf_named_after_the_job(tmp_path):
    printer = SpoolFolderPrinter(tmp_path / "spool")

    assert isinstance(printer.status(), PrinterReady)
    job = printer.print_pdf(PDF, "SIP20261120000456-certificate")

    assert job == "SIP20261120000456-certificate"
    assert printer.jobs == [tmp_path / "spool" / "SIP20261120000456-certificate.pdf"]
    assert printer.jobs[0].read_bytes() == PDF
    assert sorted(p.name for p in (tmp_path / "spool").iterdir()) == ["SIP20261120000456-certificate.pdf"]


def test_reprint_with_the_same_name_does_not_overwrite(tmp_path):
    printer = SpoolFolderPrinter(tmp_path)

    first = printer.print_pdf(PDF, "SIP1-report")
    second = printer.print_pdf(PDF + b"reprint", "SIP1-report")

    assert (first, second) == ("SIP1-report", "SIP1-report-2")
    assert (tmp_path / "SIP1-report.pdf").read_bytes() == PDF
    assert (tmp_path / "SIP1-report-2.pdf").read_bytes() == PDF + b"reprint"


@pytest.mark.parametrize(("name", "stem"), [
    ("SIP1-参保证明", "SIP1"),
    ("../../etc/passwd", "etc_passwd"),
    ("SIP1 report/../x", "SIP1_report_.._x"),
    ("-rf", "rf"),
    (".hidden", "hidden"),
    ("", "job"),
    ("参保证明", "job"),
])
def test_job_names_are_made_safe_file_names(tmp_path, name, stem):
    assert safe_job_name(name) == stem
    job = SpoolFolderPrinter(tmp_path).print_pdf(PDF, name)

    assert (tmp_path / f"{job}.pdf").is_file()


def test_long_job_name_is_shortened():
    assert len(safe_job_name("SIP" + "9" * 500)) <= 80


def test_paper_out_refuses_and_writes_nothing(tmp_path):
    printer = SpoolFolderPrinter(tmp_path)
    printer.paper_out = True

    assert printer.status() == PrinterPaperOut(device="A4 打印机")
    with pytest.raises(PrinterFault) as refused:
        printer.print_pdf(PDF, "SIP1-report")

    assert refused.value.message == "A4 打印机缺纸"
    assert list(tmp_path.iterdir()) == [] and printer.jobs == []


def test_unusable_folder_is_offline_with_the_reason(tmp_path):
    # A folder under a regular file can never be created, even by root (tests run as root,
    # so chmod would not stop them).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    printer = SpoolFolderPrinter(blocker / "spool")

    status = printer.status()
    assert isinstance(status, PrinterOffline)
    assert status.message == "A4 打印机未连接或故障"
    assert str(blocker / "spool") in status.detail

    with pytest.raises(PrinterFault) as refused:
        printer.print_pdf(PDF, "SIP1-report")
    assert isinstance(refused.value.status, PrinterOffline)
    assert "cannot create spool folder" in refused.value.detail


def test_only_pdfs_are_spooled(tmp_path):
    with pytest.raises(ValueError, match="PDF"):
        SpoolFolderPrinter(tmp_path).print_pdf(b"\x1b@receipt bytes", "SIP1-report")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    printer = SpoolFolderPrinter(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kiosk.devices.report_printer.spool.os.replace", refuse)
    with pytest.raises(PrinterFault) as refused:
        printer.print_pdf(PDF, "SIP1-report")

    assert "No space left on device" in refused.value.detail
    assert list(tmp_path.iterdir()) == [] and printer.jobs == []
