"""Signed QR codes on A4 documents, and checking a paper or PDF against the issued-document register.

Every A4 document carries a QR code whose text is

    SIPV1|<serial>|<masked ID>|<YYYY-MM-DD>|<title>|<signature>

where the signature is Ed25519 over the UTF-8 bytes of everything before the last `|`, in
unpadded base64url (86 characters). Anyone holding the centre's public key can check the code
offline; `kiosk verify` also checks the register (the serial was issued, the code is the one issued
with it) and, for a PDF file, that its bytes are those of a rendering the kiosk printed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import KioskConfig
from kiosk.printing.document import Document
from kiosk.store.database import Store
from kiosk.store.tables.documents import DocumentRendering, IssuedDocument

log = logging.getLogger(__name__)

SCHEME = "SIPV1"
SEPARATOR = "|"

# Why a document is not genuine, as `kiosk verify` prints it.
BAD_FORMAT = "不是本中心的核验码"
BAD_SIGNATURE = "签名无效"
UNKNOWN_SERIAL = "业务流水号不存在"
NOT_AS_ISSUED = "二维码内容与出具记录不符"
MODIFIED = "文件内容已被修改"
NO_QR = "文件内容已被修改或不是本中心出具的文件（未识别到核验二维码）"

_CODE_START = re.compile(f"(?={re.escape(SCHEME + SEPARATOR)})")  # where codes run together
_SIGNATURE = re.compile(r"^[A-Za-z0-9_-]{86}$")  # 64 bytes in unpadded base64url


class SigningKeyError(RuntimeError):
    """The signing key cannot be read or created; the message names the file."""


class ToolMissing(RuntimeError):
    """pdftoppm or zbarimg is not installed, so a PDF's QR code cannot be read."""


@dataclass(frozen=True)
class QrFields:
    """What a QR code states about its document."""

    serial: str
    holder_id_masked: str
    issued: date
    title: str


# --- keys -----------------------------------------------------------------------------------


def public_key_file(key_file: Path) -> Path:
    """Where the public key sits next to the private one: `x.pem` → `x.pub.pem`."""
    return key_file.with_name(f"{key_file.stem}.pub.pem")


def ensure_key(config: KioskConfig) -> tuple[Path, bool]:
    """Creates the signing key (and its public key) unless the key file exists.

    The private key is written with mode 0600 under a temporary name and linked into place, so
    two processes starting at once cannot leave a half-written or a second, different key.

    Returns:
        The key file and whether it was created now.

    Raises:
        SigningKeyError: If the key file or its folder cannot be written.
    """
    path = Path(config.signing.key_file)
    created = False
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
            try:
                with os.fdopen(fd, "wb") as file:
                    file.write(pem)
                    file.flush()
                    os.fsync(file.fileno())
                os.chmod(temporary, 0o600)
                try:
                    os.link(temporary, path)  # fails if another process made the key meanwhile
                    created = True
                except FileExistsError:
                    pass
            finally:
                os.unlink(temporary)
        public = public_key_file(path)
        if not public.exists():
            public.write_bytes(DocumentSigner.load(path).public_key_pem())
    except OSError as exc:
        raise SigningKeyError(f"无法创建文件签名密钥 {path}: {exc}") from exc
    return path, created


_cache_lock = threading.Lock()
_signers: dict[tuple[str, int, int], DocumentSigner] = {}


def signer_for(config: KioskConfig) -> DocumentSigner:
    """The signer of `[signing] key_file`, creating the key (with a warning) when it is missing.

    Loaded once per key file; a replaced file (a new inode or mtime) is loaded again.

    Raises:
        SigningKeyError: If the key cannot be created or read.
    """
    path = Path(config.signing.key_file)
    with _cache_lock:
        if not path.exists():
            path, created = ensure_key(config)
            if created:
                log.warning("document signing key %s was missing: created a new one (run `kiosk db init` "
                            "when installing a terminal, and back the key up)", path.resolve())
        try:
            stat = path.stat()
        except OSError as exc:
            raise SigningKeyError(f"无法读取文件签名密钥 {path}: {exc}") from exc
        key = (str(path.resolve()), stat.st_ino, stat.st_mtime_ns)
        if key not in _signers:
            if stat.st_mode & 0o077:
                log.warning("document signing key %s is readable by other users (mode %o); it should be 0600",
                            path, stat.st_mode & 0o777)
            _signers[key] = DocumentSigner.load(path)
        return _signers[key]


def verifier_for(config: KioskConfig) -> DocumentVerifier:
    """The public key for checking: from the private key file, else from its `.pub.pem` beside it.

    A verification desk needs only the public key file; nothing is ever created here (a new key
    would verify nothing).

    Raises:
        SigningKeyError: If neither file can be read.
    """
    path = Path(config.signing.key_file)
    if path.exists():
        return DocumentSigner.load(path)
    public = public_key_file(path)
    if public.exists():
        return DocumentVerifier.load(public)
    raise SigningKeyError(f"找不到验签公钥：{path} 和 {public} 都不存在")


# --- payload --------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class DocumentVerifier:
    """Checks QR texts with the centre's public key."""

    def __init__(self, public_key: Ed25519PublicKey) -> None:
        self.public_key = public_key

    @classmethod
    def load(cls, path: Path) -> DocumentVerifier:
        """Reads a PEM public key (SubjectPublicKeyInfo)."""
        try:
            key = serialization.load_pem_public_key(Path(path).read_bytes())
        except (OSError, ValueError) as exc:
            raise SigningKeyError(f"无法读取验签公钥 {path}: {exc}") from exc
        if not isinstance(key, Ed25519PublicKey):
            raise SigningKeyError(f"验签公钥 {path} 不是 Ed25519 密钥")
        return cls(key)

    def public_key_pem(self) -> bytes:
        """The public key as PEM, for a verification desk."""
        return self.public_key.public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)

    def parse_and_check(self, text: str) -> tuple[QrFields | None, bool, str]:
        """Parses a QR text and checks its signature.

        Returns:
            (fields or None when the text is not a code of this scheme, whether the signature is
            valid, the reason in Chinese when it is not, else "").
        """
        text = text.strip()
        body, _, signature = text.rpartition(SEPARATOR)
        parts = body.split(SEPARATOR)
        if len(parts) != 5 or parts[0] != SCHEME or not all(parts[1:]):
            return None, False, BAD_FORMAT
        _, serial, masked, issued, title = parts
        try:
            fields = QrFields(serial, masked, date.fromisoformat(issued), title)
        except ValueError:
            return None, False, BAD_FORMAT
        if fields.issued.isoformat() != issued:  # fromisoformat also takes 20260310
            return None, False, BAD_FORMAT
        if not _SIGNATURE.match(signature):
            return fields, False, BAD_SIGNATURE
        try:
            raw = base64.urlsafe_b64decode(signature + "==")
        except (binascii.Error, ValueError):
            return fields, False, BAD_SIGNATURE
        # The 86th character carries 4 unused bits: accept only the one spelling that was signed.
        if _b64(raw) != signature:
            return fields, False, BAD_SIGNATURE
        try:
            self.public_key.verify(raw, body.encode("utf-8"))
        except InvalidSignature:
            return fields, False, BAD_SIGNATURE
        return fields, True, ""


class DocumentSigner(DocumentVerifier):
    """Signs QR texts with the centre's Ed25519 private key."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        super().__init__(private_key.public_key())
        self._private_key = private_key

    @classmethod
    def load(cls, path: Path) -> DocumentSigner:
        """Reads an unencrypted PEM PKCS#8 Ed25519 private key."""
        try:
            key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise SigningKeyError(f"无法读取文件签名密钥 {path}: {exc}") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError(f"文件签名密钥 {path} 不是 Ed25519 密钥")
        return cls(key)

    def qr_payload(self, serial: str, masked_id: str, issued: date, title: str) -> str:
        """The signed QR text of a document.

        Raises:
            ValueError: If a field is empty or contains the separator `|` or a line break.
        """
        fields = (serial, masked_id, title)
        if not all(fields) or any(SEPARATOR in f or "\n" in f or "\r" in f for f in fields):
            raise ValueError(f"cannot sign {fields!r}: empty field, '|' or line break")
        body = SEPARATOR.join((SCHEME, serial, masked_id, issued.isoformat(), title))
        return f"{body}{SEPARATOR}{_b64(self._private_key.sign(body.encode('utf-8')))}"


# --- the register ---------------------------------------------------------------------------


def sign_document(doc: Document, signer: DocumentSigner) -> Document:
    """The document with its signed QR text (documents are frozen: a copy)."""
    text = signer.qr_payload(doc.serial, doc.holder_id_masked, doc.issued_at.date(), doc.title)
    return doc.model_copy(update={"qr_text": text})


def register_issue(tx: Session, now: datetime, doc: Document, job_id: int) -> IssuedDocument:
    """Enters a signed document in the register, in the caller's (submitting) transaction."""
    assert doc.qr_text is not None
    row = IssuedDocument(serial=doc.serial, job_id=job_id, title=doc.title, holder_id_masked=doc.holder_id_masked,
                         issued_on=doc.issued_at.date(), qr_text=doc.qr_text, created_at=now)
    tx.add(row)
    tx.flush()
    return row


def record_rendering(tx: Session, job_id: int, pdf: bytes, now: datetime) -> str | None:
    """Records a printed PDF's SHA-256 for the job's register entry; returns the hash.

    Jobs journaled before documents were signed have no entry: nothing to record (None).
    """
    row = tx.scalar(select(IssuedDocument).where(IssuedDocument.job_id == job_id))
    if row is None:
        return None
    digest = hashlib.sha256(pdf).hexdigest()
    row.pdf_sha256 = digest
    tx.add(DocumentRendering(document_id=row.id, pdf_sha256=digest, rendered_at=now))
    return digest


# --- verification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    """A register entry as `kiosk verify` shows it."""

    serial: str
    title: str
    holder_id_masked: str
    issued_on: date
    printed: int  # how many renderings were printed


@dataclass(frozen=True)
class Verdict:
    """Whether a document is genuine; the register's entries, or why not."""

    genuine: bool
    reason: str = ""
    documents: tuple[Issued, ...] = ()
    claimed: QrFields | None = None  # what the QR code states, when it could be read
    checks: tuple[str, ...] = ()  # what was checked, in Chinese


def _issued(row: IssuedDocument) -> Issued:
    return Issued(row.serial, row.title, row.holder_id_masked, row.issued_on, len(row.renderings))


def check_serial(store: Store, serial: str) -> Verdict:
    """A serial alone: genuine when the register has documents under it."""
    with store.transaction() as tx:
        rows = tx.scalars(select(IssuedDocument).where(IssuedDocument.serial == serial.strip())
                          .order_by(IssuedDocument.id)).all()
        documents = tuple(_issued(r) for r in rows)
    if not documents:
        return Verdict(False, UNKNOWN_SERIAL)
    return Verdict(True, documents=documents, checks=("业务流水号已登记",))


def check_qr_text(store: Store, verifier: DocumentVerifier, text: str) -> Verdict:
    """A QR text: the signature, then the register (the serial exists and issued this very code)."""
    verdict, _ = _check_qr(store, verifier, text)
    return verdict


def _check_qr(store: Store, verifier: DocumentVerifier, text: str) -> tuple[Verdict, list[str]]:
    """The verdict, and the hashes of the matching document's renderings."""
    fields, ok, reason = verifier.parse_and_check(text)
    if not ok:
        return Verdict(False, reason, claimed=fields), []
    assert fields is not None
    with store.transaction() as tx:
        rows = tx.scalars(select(IssuedDocument).where(IssuedDocument.serial == fields.serial)).all()
        if not rows:
            return Verdict(False, UNKNOWN_SERIAL, claimed=fields), []
        # Ed25519 signatures are deterministic: the code issued for these fields is this exact text.
        row = next((r for r in rows if r.qr_text == text.strip()), None)
        if row is None:
            return Verdict(False, NOT_AS_ISSUED, claimed=fields), []
        return (Verdict(True, documents=(_issued(row),), claimed=fields, checks=("签名有效", "与出具记录一致")),
                [r.pdf_sha256 for r in row.renderings])


def check_pdf(store: Store, verifier: DocumentVerifier, path: Path) -> Verdict:
    """A PDF file: its QR code (signature and register) and its bytes (a rendering the kiosk printed).

    Raises:
        ToolMissing: If pdftoppm or zbarimg is not installed.
        OSError: If the file cannot be read.
    """
    pdf = Path(path).read_bytes()
    digest = hashlib.sha256(pdf).hexdigest()
    codes = [c for c in decode_pdf_qr(Path(path)) if c.startswith(SCHEME + SEPARATOR)]
    if not codes:
        # Byte for byte a printed original whose code did not scan: judge the code it was issued with.
        with store.transaction() as tx:
            rendering = tx.scalar(select(DocumentRendering).where(DocumentRendering.pdf_sha256 == digest))
            issued_code = rendering.document.qr_text if rendering is not None else None
        if issued_code is None:
            return Verdict(False, NO_QR)
        codes = [issued_code]
    verdict, hashes = _check_qr(store, verifier, codes[0])
    if not verdict.genuine:
        return verdict
    if digest not in hashes:
        return Verdict(False, MODIFIED, claimed=verdict.claimed)
    return Verdict(True, documents=verdict.documents, claimed=verdict.claimed,
                   checks=(*verdict.checks, "文件未被修改"))


def decode_pdf_qr(path: Path, dpi: int = 200) -> list[str]:
    """The QR texts on a PDF's pages: rendered by pdftoppm, decoded by zbarimg, last page first.

    Stops at the first page with a code of this scheme (a document's code ends its last page).
    A file the tools cannot read yields no codes (it is then judged by its hash alone).

    Raises:
        ToolMissing: If pdftoppm or zbarimg is not installed.
    """
    pdftoppm, zbarimg = shutil.which("pdftoppm"), shutil.which("zbarimg")
    if pdftoppm is None:
        raise ToolMissing("未找到 pdftoppm，无法识别 PDF 中的二维码：请安装 poppler-utils（scripts/install.sh）")
    if zbarimg is None:
        raise ToolMissing("未找到 zbarimg，无法识别 PDF 中的二维码：请安装 zbar-tools（scripts/install.sh）")
    codes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-verify-") as folder:
        try:
            subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(path), f"{folder}/page"],
                           capture_output=True, timeout=120, check=False)
        except subprocess.TimeoutExpired:
            return []
        # pdftoppm pads page numbers to the width of the last one, so names sort in page order.
        for page in sorted(Path(folder).glob("page*.png"), reverse=True):
            try:
                # -Sbinary: the bytes as encoded. Without it zbar guesses a character set and reads
                # some UTF-8 Chinese as Shift-JIS. It then separates nothing, hence one page per run.
                scan = subprocess.run([zbarimg, "-q", "--raw", "-Sbinary", "-Sdisable", "-Sqrcode.enable",
                                       str(page)], capture_output=True, timeout=60, check=False)
            except subprocess.TimeoutExpired:
                continue
            data = scan.stdout.decode("utf-8", errors="replace")
            codes.extend(c.strip() for c in _CODE_START.split(data) if c.strip())
            if any(c.startswith(SCHEME + SEPARATOR) for c in codes):
                break
    return codes
