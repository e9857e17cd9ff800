"""Signed QR codes on A4 documents, and checking a paper or PDF against the issued-document register.

Every A4 document carries a QR code whose text is

    SIPV2|<serial>|<masked ID>|<YYYY-MM-DD>|<title>|<key figures>|<signature>

where the key figures are the document's labelled lines (amounts, dates, the business's key
fields) as `label=value` joined by `;` (`%`, `|`, `;`, `=` and line breaks %-escaped), and the
signature is Ed25519 over the UTF-8 bytes of everything before the last `|`, in unpadded base64url
(86 characters). Codes printed before the figures were added read `SIPV1|serial|ID|date|title|sig`
and still verify. Anyone holding the centre's public key can check a code offline and read the
figures it vouches for (`kiosk verify --public-key`); `kiosk verify` at the centre also checks the
register (the serial was issued, the code is the one issued with it) and, for a PDF file, that its
bytes are those of a rendering the kiosk printed.
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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote

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

SCHEME = "SIPV2"  # what documents are signed with now
SCHEMES = ("SIPV1", SCHEME)  # what verifies: V1 codes (no key figures) were printed before V2
SEPARATOR = "|"
# Room for the key figures in the code: the whole text then stays under ~650 bytes, a QR code of
# version ≤ 19 (0.3 mm modules at 28 mm) that zbarimg reads from a 300 dpi rendering every time
# (measured: texts of 300–1,100 bytes; at 200 dpi some of 600 bytes failed) and a phone up close.
FIGURES_BUDGET = 480
FIGURE_VALUE_CHARS = 48  # a longer value is shown shortened with "…", never cut unmarked
SCAN_DPI = 300
_NOT_FIGURES = ("姓名", "证件号码")  # the masked number is in the code already; the name stays off it
REST_LABEL = "其余"  # the last entry when not every figure fits: "另有 N 项见文件"
_ESCAPES = {"%": "%25", "|": "%7C", ";": "%3B", "=": "%3D", "\n": "%0A", "\r": "%0D"}

# Why a document is not genuine, as `kiosk verify` prints it.
BAD_FORMAT = "不是本中心的核验码"
BAD_SIGNATURE = "签名无效"
UNKNOWN_SERIAL = "业务流水号不存在"
NOT_AS_ISSUED = "二维码内容与出具记录不符"
MODIFIED = "文件内容已被修改"
NO_QR = "文件内容已被修改或不是本中心出具的文件（未识别到核验二维码）"

_CODE_START = re.compile("(?=(?:" + "|".join(re.escape(x + SEPARATOR) for x in SCHEMES) + "))")  # codes run together
_SIGNATURE = re.compile(r"^[A-Za-z0-9_-]{86}$")  # 64 bytes in unpadded base64url


class SigningKeyError(RuntimeError):
    """The signing key cannot be read or created; the message names the file."""


class ToolMissing(RuntimeError):
    """pdftoppm or zbarimg is not installed, so a PDF's QR code cannot be read."""


class CannotCheck(ValueError):
    """A file too large, with too many pages, or too slow to render: it is not judged at all."""


# A kiosk document is a few hundred kB and a few pages; a contribution history of 40 years fits
# in 30 pages. Anything far larger is refused before it is read, rendered or hashed.
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 60
PAGES_SCANNED = 3  # the code ends the last page; a few pages before it are tried if it does not scan
RENDER_SECONDS = 60


@dataclass(frozen=True)
class QrFields:
    """What a QR code states about its document."""

    serial: str
    holder_id_masked: str
    issued: date
    title: str
    figures: tuple[tuple[str, str], ...] = ()  # (label, value) as signed; () in a V1 code


def is_code(text: str) -> bool:
    """Whether `text` is the text of one of the centre's QR codes (V1 or V2), signed or not."""
    return text.strip().startswith(tuple(x + SEPARATOR for x in SCHEMES))


def key_figures(doc: Document) -> tuple[tuple[str, str], ...]:
    """The document's labelled lines (not its tables), in print order, as many as the code holds.

    What does not fit is counted in a last ("其余", "另有 N 项…") entry, so a desk sees that the
    code lists only part of the document; a value over FIGURE_VALUE_CHARS ends in "…".
    """
    items: list[tuple[str, str]] = []
    for section in doc.sections:
        for line in section.lines:
            if line.label and line.label not in _NOT_FIGURES:
                value = " ".join(line.value.split())
                if len(value) > FIGURE_VALUE_CHARS:
                    value = value[:FIGURE_VALUE_CHARS - 1] + "…"
                items.append((line.label, value))
    kept: list[tuple[str, str]] = []
    for i, item in enumerate(items):
        rest = len(items) - i - 1
        tail = len(_encode_figures([(REST_LABEL, f"另有 {rest} 项见文件")]).encode()) + 1 if rest else 0
        if len(_encode_figures([*kept, item]).encode()) + tail > FIGURES_BUDGET:
            kept.append((REST_LABEL, f"另有 {len(items) - i} 项见文件"))
            break
        kept.append(item)
    return tuple(kept)


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text)


def _encode_figures(figures: Iterable[tuple[str, str]]) -> str:
    return ";".join(f"{_escape(label)}={_escape(value)}" for label, value in figures)


def _decode_figures(text: str) -> tuple[tuple[str, str], ...] | None:
    """The figures of a code, or None when the text is not in the format."""
    if not text:
        return ()
    figures = []
    for item in text.split(";"):
        label, eq, value = item.partition("=")
        if not eq or not label or "=" in value:
            return None
        figures.append((unquote(label), unquote(value)))
    return tuple(figures)


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
    public = public_key_file(path)
    if not path.exists() and public.exists():
        # A verification desk holds the centre's public key only. A new private key here would
        # sign documents nobody can verify and turn every genuine one into 签名无效 at this desk.
        raise SigningKeyError(
            f"{public} 是中心的验签公钥，但没有与之配对的私钥 {path}：不会新建密钥。"
            f"核验台请用 kiosk verify --public-key {public}；出具文件的终端须装入中心的私钥")
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
        if parts[0] == "SIPV1" and len(parts) == 5:
            parts.append("")
        elif parts[0] != SCHEME or len(parts) != 6:
            return None, False, BAD_FORMAT
        _, serial, masked, issued, title, encoded = parts
        figures = _decode_figures(encoded)
        if not all((serial, masked, issued, title)) or figures is None:
            return None, False, BAD_FORMAT
        try:
            fields = QrFields(serial, masked, date.fromisoformat(issued), title, figures)
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

    def qr_payload(self, serial: str, masked_id: str, issued: date, title: str,
                   figures: Iterable[tuple[str, str]] = ()) -> str:
        """The signed QR text of a document, with its key figures.

        Raises:
            ValueError: If a field is empty or contains the separator `|` or a line break.
        """
        fields = (serial, masked_id, title)
        if not all(fields) or any(SEPARATOR in f or "\n" in f or "\r" in f for f in fields):
            raise ValueError(f"cannot sign {fields!r}: empty field, '|' or line break")
        body = SEPARATOR.join((SCHEME, serial, masked_id, issued.isoformat(), title, _encode_figures(figures)))
        return f"{body}{SEPARATOR}{_b64(self._private_key.sign(body.encode('utf-8')))}"


# --- the register ---------------------------------------------------------------------------


def sign_document(doc: Document, signer: DocumentSigner) -> Document:
    """The document with its signed QR text (documents are frozen: a copy)."""
    text = signer.qr_payload(doc.serial, doc.holder_id_masked, doc.issued_at.date(), doc.title, key_figures(doc))
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
        CannotCheck: If the file is over MAX_PDF_BYTES or MAX_PDF_PAGES, or does not render in time.
        OSError: If the file cannot be read.
    """
    digest = file_sha256(path)
    codes = [c for c in decode_pdf_qr(Path(path)) if is_code(c)]
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


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks (never whole into memory), after the size limit.

    Raises:
        CannotCheck: If the file is larger than MAX_PDF_BYTES.
    """
    size = Path(path).stat().st_size
    if size > MAX_PDF_BYTES:
        raise CannotCheck(f"文件有 {size / 1024 / 1024:.1f} MB，超过 {MAX_PDF_BYTES // 1024 // 1024} MB 的核验上限，"
                          "不是本中心出具的文件")
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ToolMissing(f"未找到 {name}，无法识别 PDF 中的二维码：请安装 {package}（scripts/install.sh）")
    return found


def pdf_pages(path: Path) -> int | None:
    """The page count pdfinfo reads from the file (None when it cannot read the file as a PDF)."""
    try:
        info = subprocess.run([_tool("pdfinfo", "poppler-utils"), str(path)], capture_output=True,
                              timeout=RENDER_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise CannotCheck(f"PDF 文件在 {RENDER_SECONDS} 秒内无法读取，无法核验") from None
    found = re.search(rb"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    return int(found.group(1)) if found else None


def decode_pdf_qr(path: Path, dpi: int = SCAN_DPI) -> list[str]:
    """The QR texts on a PDF's last pages: rendered by pdftoppm, decoded by zbarimg, last page first.

    Stops at the first page with a code of this scheme (a document's code ends its last page) and
    renders at most PAGES_SCANNED pages, one at a time. A file the tools cannot read yields no codes
    (it is then judged by its hash alone).

    Raises:
        ToolMissing: If pdfinfo, pdftoppm or zbarimg is not installed.
        CannotCheck: If the PDF has more than MAX_PDF_PAGES pages or a page does not render in time.
    """
    pdftoppm = _tool("pdftoppm", "poppler-utils")
    zbarimg = _tool("zbarimg", "zbar-tools")
    pages = pdf_pages(path)
    if pages is None:
        return []
    if pages > MAX_PDF_PAGES:
        raise CannotCheck(f"PDF 文件有 {pages} 页，超过 {MAX_PDF_PAGES} 页的核验上限，不是本中心出具的文件")
    codes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-verify-") as folder:
        for page in range(pages, max(0, pages - PAGES_SCANNED), -1):
            image = Path(folder) / f"page{page}"
            try:
                subprocess.run([pdftoppm, "-png", "-singlefile", "-r", str(dpi), "-f", str(page), "-l", str(page),
                                str(path), str(image)], capture_output=True, timeout=RENDER_SECONDS, check=False)
            except subprocess.TimeoutExpired:
                raise CannotCheck(f"PDF 第 {page} 页在 {RENDER_SECONDS} 秒内无法显示，无法核验") from None
            if not image.with_suffix(".png").exists():
                continue
            try:
                # -Sbinary: the bytes as encoded. Without it zbar guesses a character set and reads
                # some UTF-8 Chinese as Shift-JIS. It then separates nothing, hence one page per run.
                scan = subprocess.run([zbarimg, "-q", "--raw", "-Sbinary", "-Sdisable", "-Sqrcode.enable",
                                       str(image.with_suffix(".png"))], capture_output=True, timeout=60, check=False)
            except subprocess.TimeoutExpired:
                continue
            data = scan.stdout.decode("utf-8", errors="replace")
            codes.extend(c.strip() for c in _CODE_START.split(data) if c.strip())
            if any(is_code(c) for c in codes):
                break
    return codes


# --- with the public key alone (a verification desk) ----------------------------------------

# What a desk holding only the public key can and cannot tell, as `kiosk verify --public-key` says it.
OFFLINE_CONFIRMS = "二维码由本中心签发（签名有效），所列内容与签发时一致"
OFFLINE_ON_PAGE = "PDF 上印有二维码所列的各项内容"
OFFLINE_CANNOT = ("中心的出具登记是否有此文件（未连接中心数据库）；文件其余内容及 PDF 是否为出具时的原件"
                  "（可凭业务流水号到中心核验）")
NOT_ON_PAGE = "文件所印内容与二维码签发的内容不符"
SERIAL_NEEDS_REGISTER = "只有验签公钥时无法凭业务流水号核验（需要中心的出具登记）：请扫描二维码或提供 PDF 文件"


def check_offline(verifier: DocumentVerifier, text: str) -> Verdict:
    """A QR text checked with the public key alone: the signature, nothing else."""
    fields, ok, reason = verifier.parse_and_check(text)
    if not ok:
        return Verdict(False, reason, claimed=fields)
    return Verdict(True, claimed=fields, checks=(OFFLINE_CONFIRMS,))


def check_pdf_offline(verifier: DocumentVerifier, path: Path) -> Verdict:
    """A PDF checked with the public key alone: its code's signature, and its figures on the page.

    Raises:
        ToolMissing: If a poppler or zbar tool is not installed.
        CannotCheck: If the file is over the size or page limits.
    """
    file_sha256(path)  # the size limit, before any tool reads the file
    codes = [c for c in decode_pdf_qr(Path(path)) if is_code(c)]
    if not codes:
        return Verdict(False, NO_QR)
    verdict = check_offline(verifier, codes[0])
    if not verdict.genuine or verdict.claimed is None:
        return verdict
    missing = figures_not_on_page(path, verdict.claimed.figures)
    if missing:
        return Verdict(False, f"{NOT_ON_PAGE}（{'、'.join(label for label, _ in missing)}）", claimed=verdict.claimed)
    return Verdict(True, claimed=verdict.claimed, checks=(*verdict.checks, OFFLINE_ON_PAGE))


def figures_not_on_page(path: Path, figures: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The signed figures not printed as "label：value" in the PDF's text (pdftotext), spaces ignored."""
    pdftotext = _tool("pdftotext", "poppler-utils")
    try:
        out = subprocess.run([pdftotext, "-q", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                             timeout=RENDER_SECONDS, check=False).stdout.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        raise CannotCheck(f"PDF 文件的文字在 {RENDER_SECONDS} 秒内无法读出，无法核验") from None
    page = "".join(out.split())
    # A labelled line prints as "label：value" (report_pdf); its line breaks fall anywhere.
    return [(label, value) for label, value in figures
            if label != REST_LABEL and "".join(f"{label}：{value.removesuffix('…')}".split()) not in page]
