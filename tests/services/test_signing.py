"""Signed QR texts: the round trip, any changed character, another key, the key file."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config import KioskConfig, SigningSection
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

    assert text.startswith("SIPV1|YW2026031000100001|3205**********131X|2026-03-10|参保证明|")
    assert len(text.rpartition("|")[2]) == 86
    assert signer.parse_and_check(text) == (QrFields(*FIELDS), True, "")
    assert signer.parse_and_check(text + "\n") == (QrFields(*FIELDS), True, "")  # a scanner's line end


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
