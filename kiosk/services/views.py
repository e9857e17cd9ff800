"""What a view step shows: lines, a table (paged on screen, whole on paper) and a note."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.services.profile import ServiceContext


class ViewContent(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    lines: tuple[tuple[str, str], ...] = ()
    table: DocTable | None = None
    note: str = ""  # e.g. the guide's combined-loan note
    start_row: int = 0  # the row the screen opens at (e.g. the next instalment due)

    def document(self, ctx: ServiceContext, serial: str) -> Document:
        """The view on A4, for the view's print button."""
        section = DocSection(lines=tuple(DocLine(label=k, value=v) for k, v in self.lines), table=self.table)
        return Document(kind="report", title=self.title, serial=serial, issued_at=ctx.now,
                        holder_name=ctx.person.name, holder_id_masked=ctx.person.masked_id,
                        sections=(section,), footer=(self.note,) if self.note else ())
