"""The centre's social-security/housing-fund query password: salted scrypt hashes, never clear text."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# scrypt cost: ~50 ms on the kiosk's 2-core CPU, enough to make offline guessing of a 6-digit
# secret expensive while keeping the keypad responsive. Stored with the hash so it can be raised.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1


def hash_password(password: str, *, n: int = SCRYPT_N) -> str:
    """Returns `scrypt$n$r$p$salt_hex$hash_hex`."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str, digest: bytes | None = None) -> bool:
    """True when `password` matches the stored hash; constant-time comparison.

    `digest`: `password_digest(password, stored)` worked out beforehand (kiosk.services.login's
    PasswordHeadStart), so the check itself costs no scrypt.
    """
    if digest is None:
        digest = password_digest(password, stored)
    if digest is None:
        return False
    return hmac.compare_digest(digest.hex(), stored.rsplit("$", 1)[-1])


def password_digest(password: str, stored: str) -> bytes | None:
    """The scrypt digest of `password` with the salt and cost of `stored`; None for a malformed hash."""
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
    except ValueError:
        return None
    if scheme != "scrypt":
        return None
    return hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r),
                          p=int(p), dklen=len(hash_hex) // 2)
