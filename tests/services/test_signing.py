"""Signed QR texts: the round trip, any changed character, another key, the key file."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import KioskConfig, SigningSection
from kiosk.printing.document import DocLine, Document, DocSection
from kiosk.services import signing
from kiosk.services.signing import DocumentSigner, DocumentVerifier, QrFields

FIELDS = ("YW2026031000100001", "3205**********131X", date(2026, 3, 10), "参保证明")


@pytest.fixture(scope="module")
def signer() -> DocumentSigner:
    return DocumentSigner(Ed25519PrivateKey.generate())


def _config(tmp_path: Path) -> KioskConfig:
    return KioskConfig(signing=SigningSection(key_file=tmp_path / "keys" / "signing.pem"))


def test_round_trip(signer: DocumentSigner) -> None:
    text = signer.qr_payload(*FIELDS)

    assert text.startswith("SIPV2|YW2026031000100001|3205**********131X|2026-03-10|参保证明||")
    assert len(text.rpartition("|")[2]) == 86
    assert signer.parse_and_check(text) == (QrFields(*FIELDS), True, "")
    assert signer.parse_and_check(text + "\n") == (QrFields(*FIELDS), True, "")  # a scanner's line end


FIGURES = (("退费金额", "1,234.50 元"), ("离职日期", "2026 年 2 月 28 日"), ("转出地", "上海市|浦东;新区=100%"))


def test_the_key_figures_are_signed_and_read_back(signer: DocumentSigner) -> None:
    text = signer.qr_payload(*FIELDS, FIGURES)

    assert "|退费金额=1,234.50 元;离职日期=2026 年 2 月 28 日;转出地=上海市%7C浦东%3B新区%3D100%25|" in text
    assert signer.parse_and_check(text) == (QrFields(*FIELDS, FIGURES), True, "")
    forged = text.replace("1,234.50", "9,234.50")
    assert signer.parse_and_check(forged)[1:] == (False, "签名无效")


@given(st.lists(st.tuples(st.text(min_size=1, max_size=8), st.text(max_size=20)), max_size=6))
def test_any_figures_survive_the_round_trip(figures: list[tuple[str, str]]) -> None:
    signer = DocumentSigner(Ed25519PrivateKey.generate())
    fields = ("YW2026031000100001", "3205**********131X", date(2026, 3, 10), "参保证明")
    assert signer.parse_and_check(signer.qr_payload(*fields, figures))[0] == QrFields(*fields, tuple(figures))


def test_a_code_printed_before_the_figures_still_verifies(signer: DocumentSigner) -> None:
    body = "SIPV1|YW2026031000100001|3205**********131X|2026-03-10|参保证明"
    text = f"{body}|{signing._b64(signer._private_key.sign(body.encode()))}"

    assert signer.parse_and_check(text) == (QrFields(*FIELDS), True, "")


def _doc(*lines: DocLine) -> Document:
    return Document(kind="report", title="参保证明", serial=FIELDS[0], issued_at=datetime(2026, 3, 10, 9, 0),
                    holder_name="周建华", holder_id_masked=FIELDS[1], sections=(DocSection(lines=lines),))


def test_key_figures_are_the_labelled_lines_without_name_and_id() -> None:
    doc = _doc(DocLine(value="兹证明……"), DocLine(label="姓名", value="周建华"),
               DocLine(label="证件号码", value="320571197805121310"), DocLine(label="退费金额", value="1,234.50  元"))
    assert signing.key_figures(doc) == (("退费金额", "1,234.50 元"),)


def test_key_figures_mark_what_they_shorten_or_leave_out() -> None:
    doc = _doc(DocLine(label="长", value="字" * 100), *(DocLine(label=f"项{i}", value="内容" * 10) for i in range(40)))
    figures = signing.key_figures(doc)
    assert figures[0] == ("长", "字" * (signing.FIGURE_VALUE_CHARS - 1) + "…")
    label, rest = figures[-1]
    assert label == "其余" and rest == f"另有 {41 - (len(figures) - 1)} 项见文件"
    assert len(signing._encode_figures(figures).encode()) <= signing.FIGURES_BUDGET


def test_db_init_style_key_creation_refuses_beside_a_lone_public_key(tmp_path: Path) -> None:
    config = _config(tmp_path)
    centre = DocumentSigner(Ed25519PrivateKey.generate())
    public = signing.public_key_file(config.signing.key_file)
    public.parent.mkdir()
    public.write_bytes(centre.public_key_pem())

    with pytest.raises(signing.SigningKeyError) as info:
        signing.ensure_key(config)
    assert "没有与之配对的私钥" in str(info.value) and "kiosk verify --public-key" in str(info.value)
    with pytest.raises(signing.SigningKeyError):
        signing.signer_for(config)  # a kiosk with the public key only does not sign with a new key
    assert not config.signing.key_file.exists()
    assert public.read_bytes() == centre.public_key_pem()


def _other(char: str) -> str:
    """A different character of the same kind, so the changed text still parses where it can."""
    if char.isdigit():
        return str((int(char) + 1) % 10)
    if char.isascii() and char.isalpha():
        return char.swapcase()
    return {"|": "/", "-": "_", "_": "-", "*": "#", "证": "明"}.get(char, "证")


def test_every_changed_character_invalidates_it(signer: DocumentSigner) -> None:
    text = signer.qr_payload(*FIELDS)
    for i, char in enumerate(text):
        changed = text[:i] + _other(char) + text[i + 1:]
        _, ok, reason = signer.parse_and_check(changed)
        assert not ok, (i, changed)
        assert reason in (signing.BAD_SIGNATURE, signing.BAD_FORMAT), (i, reason)


def test_the_last_signature_character_has_one_spelling(signer: DocumentSigner) -> None:
    # 86 base64 characters carry 516 bits for a 512-bit signature: the last character's spare
    # bits must not give a second valid spelling of the same signature.
    text = signer.qr_payload(*FIELDS)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    spellings = [c for c in alphabet if signer.parse_and_check(text[:-1] + c)[1]]

    assert spellings == [text[-1]]


def test_a_changed_field_is_read_but_its_signature_is_invalid(signer: DocumentSigner) -> None:
    text = signer.qr_payload(*FIELDS).replace("YW2026031000100001", "YW2026031000100002")

    fields, ok, reason = signer.parse_and_check(text)

    assert fields is not None and fields.serial == "YW2026031000100002"
    assert (ok, reason) == (False, "签名无效")


def test_a_different_key_does_not_verify(signer: DocumentSigner) -> None:
    text = signer.qr_payload(*FIELDS)
    other = DocumentSigner(Ed25519PrivateKey.generate())

    assert other.parse_and_check(text)[1:] == (False, "签名无效")


@pytest.mark.parametrize("text", [
    "", "hello", "SIPV1|YW1|x|2026-03-10|参保证明", "SIPV2|YW1|x|2026-03-10|参保证明|" + "A" * 86,
    "SIPV1|YW1|x|20260310|参保证明|" + "A" * 86, "SIPV1|YW1|x|2026-02-30|参保证明|" + "A" * 86,
    "SIPV1||x|2026-03-10|参保证明|" + "A" * 86, "https://example.sipac.gov.cn/verify?serial=YW1",
])
def test_other_texts_are_not_codes_of_the_centre(signer: DocumentSigner, text: str) -> None:
    assert signer.parse_and_check(text) == (None, False, "不是本中心的核验码")


@pytest.mark.parametrize("field", ["YW1|2", "", "参保\n证明"])
def test_a_field_that_would_break_the_format_is_refused(signer: DocumentSigner, field: str) -> None:
    with pytest.raises(ValueError):
        signer.qr_payload(field, "3205**********131X", date(2026, 3, 10), "参保证明")


def test_public_key_alone_verifies(signer: DocumentSigner, tmp_path: Path) -> None:
    (tmp_path / "pub.pem").write_bytes(signer.public_key_pem())
    verifier = DocumentVerifier.load(tmp_path / "pub.pem")

    assert verifier.parse_and_check(signer.qr_payload(*FIELDS))[1] is True
    assert not hasattr(verifier, "qr_payload")


def test_key_file_is_created_0600_and_reused(tmp_path: Path) -> None:
    config = _config(tmp_path)

    path, created = signing.ensure_key(config)
    assert created and path == config.signing.key_file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"BEGIN PRIVATE KEY" in path.read_bytes()  # PEM PKCS#8
    assert signing.public_key_file(path).name == "signing.pub.pem"
    text = signing.signer_for(config).qr_payload(*FIELDS)

    before = path.read_bytes()
    assert signing.ensure_key(config) == (path, False)
    assert path.read_bytes() == before
    assert DocumentSigner.load(path).parse_and_check(text)[1] is True
    assert signing.verifier_for(config).parse_and_check(text)[1] is True
    # A verification desk with only the public key file.
    path.unlink()
    assert signing.verifier_for(config).parse_and_check(text)[1] is True


def test_a_missing_key_is_created_lazily_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = _config(tmp_path)

    signer = signing.signer_for(config)

    assert config.signing.key_file.exists()
    assert "was missing: created a new one" in caplog.text
    assert signing.signer_for(config) is signer  # loaded once


def test_verification_never_creates_a_key(tmp_path: Path) -> None:
    with pytest.raises(signing.SigningKeyError, match="找不到验签公钥"):
        signing.verifier_for(_config(tmp_path))
    assert not (tmp_path / "keys").exists()


def test_an_unreadable_key_is_a_clear_error(tmp_path: Path) -> None:
    config = _config(tmp_path)
    config.signing.key_file.parent.mkdir()
    config.signing.key_file.write_text("not a key")

    with pytest.raises(signing.SigningKeyError, match="无法读取文件签名密钥"):
        signing.signer_for(config)
