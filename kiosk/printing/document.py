"""A printed document as plain data.

Services produce a `Document`; the print journal stores it as JSON; renderers turn it into
ESC/POS bytes (receipts) or an A4 PDF (reports). Keeping it data means a reprint renders exactly
what was issued, and tests can assert on content without parsing bytes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict


class DocLine(BaseModel):
    """One `label: value` line; a line with no label is free text."""

    model_config = ConfigDict(frozen=True)

    label: str = ""
    value: str = ""
    bold: bool = False

    @property
    def holder_id_shown(self) -> str:
        """The ID number as the A4 document prints it: in full only where it is addressed to another office."""
        return self.holder_id_full or self.holder_id_masked

    def as_text(self) -> str:
        return f"{self.label}：{self.value}" if self.label else self.value


class DocTable(BaseModel):
    """A table such as the month-by-month contribution details of a certificate."""

    model_config = ConfigDict(frozen=True)

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()


class DocSection(BaseModel):
    """A headed group of lines, optionally followed by a table."""

    model_config = ConfigDict(frozen=True)

    heading: str = ""
    lines: tuple[DocLine, ...] = ()
    table: DocTable | None = None


class Document(BaseModel):
    """A voucher (`receipt`, 80 mm paper) or a report (`report`, A4 PDF).

    `holder_id_masked` is already masked: paper carries a full ID number only in
    `holder_id_full`, set on documents addressed to another office (失业保险关系接收函,
    异地贷款资格证明, 参保证明) so the receiving office can match them, as such certificates do.
    The QR code and the register keep the masked number.
    """

    model_config = ConfigDict(frozen=True)

    kind: Literal["receipt", "report"]
    title: str
    serial: str
    issued_at: datetime
    issuer: str = "苏州工业园区社会保险基金和公积金管理中心"
    holder_name: str
    holder_id_masked: str
    holder_id_full: str | None = None
    sections: tuple[DocSection, ...] = ()
    footer: tuple[str, ...] = ()
    qr_text: str | None = None
    language: str = "zh"  # a receipt in the session's language (kiosk.i18n); A4 reports are always "zh"

    @property
    def holder_id_shown(self) -> str:
        """The ID number as the A4 document prints it: in full only where it is addressed to another office."""
        return self.holder_id_full or self.holder_id_masked

    def as_text(self) -> str:
        """Plain text of the document, line by line, in print order."""
        out = [self.title, f"业务流水号：{self.serial}", f"姓名：{self.holder_name}",
               f"证件号码：{self.holder_id_shown}"]
        for section in self.sections:
            if section.heading:
                out.append(section.heading)
            out.extend(line.as_text() for line in section.lines)
            if section.table is not None:
                out.append("  ".join(section.table.columns))
                out.extend("  ".join(row) for row in section.table.rows)
        out.extend(self.footer)
        out.append(f"{self.issuer}")
        out.append(f"打印时间：{self.issued_at:%Y-%m-%d %H:%M}")
        return "\n".join(out)
