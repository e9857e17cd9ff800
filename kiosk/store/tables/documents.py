"""The register of issued A4 documents, against which `kiosk verify` checks a paper or a PDF."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime


class IssuedDocument(Base):
    """One signed A4 document: written with its print job, in the submitting transaction.

    Holds only what the QR code shows (the masked ID, never the full number or the name).
    `pdf_sha256` is the latest rendering's hash; every rendering is in `renderings`.
    """

    __tablename__ = "issued_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), index=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("print_jobs.id"), unique=True)
    title: Mapped[str] = mapped_column(String(80))
    holder_id_masked: Mapped[str] = mapped_column(String(32))
    issued_on: Mapped[date] = mapped_column(Date)
    qr_text: Mapped[str] = mapped_column(Text)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)

    renderings: Mapped[list[DocumentRendering]] = relationship(
        back_populates="document", order_by="DocumentRendering.id")


class DocumentRendering(Base):
    """One PDF rendered from an issued document (the first print, then each reprint).

    reportlab stamps the creation time into every PDF, so each rendering has its own hash; a
    file is the unaltered original when its hash is any of the document's renderings.
    """

    __tablename__ = "document_renderings"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_documents.id"), index=True)
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    rendered_at: Mapped[datetime] = mapped_column(CSTDateTime)

    document: Mapped[IssuedDocument] = relationship(back_populates="renderings")
