"""Enrolling the photo of record that the camera face check compares with (staff, `kiosk faces enroll`).

The ID card's own photo needs the vendor's licensed WLT decoder, so the centre enrols a photo per
person: it must show exactly one face. It is stored as `<face_photos_dir>/<face_ref>.jpg|png` and
the person's `face_ref` points at it.
"""

from __future__ import annotations

import logging
import shutil
import warnings
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.devices.face.camera_verifier import PHOTO_SUFFIXES, photo_encoding
from kiosk.services import idnumber
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store

log = logging.getLogger(__name__)


class EnrolmentError(Exception):
    """Why a photo was not enrolled, in Chinese for the clerk."""


# A portrait needs far fewer; decoding 12000 × 12000 took 313 s and 7 GB. 40 MP is a 7300 × 5500 photo.
MAX_PIXELS = 40_000_000


def _check_size(photo: Path) -> None:
    """Refuses a photo over MAX_PIXELS from its header alone (PIL reads the size without decoding)."""
    try:
        with warnings.catch_warnings():
            # PIL warns above 89 MP (and refuses above 179 MP); the limit here is lower and says so.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(photo) as image:
                width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        log.warning("photo %s not enrolled: unreadable: %s", photo, exc)
        raise EnrolmentError("照片文件无法读取，须为 JPG 或 PNG 图片") from None
    if width * height > MAX_PIXELS:
        raise EnrolmentError(f"照片有 {width} × {height} 像素，超过 {MAX_PIXELS // 10_000} 万像素的上限，"
                             "请缩小后再登记")


def enroll(store: Store, config: KioskConfig, raw_id: str, photo: Path, clock: Clock) -> str:
    """Checks and stores the photo, links it to the person; returns the face reference."""
    try:
        number = idnumber.validate(raw_id, clock.now().date())
    except idnumber.IdNumberError as exc:
        raise EnrolmentError(str(exc)) from None
    suffix = ".jpg" if photo.suffix.lower() in (".jpg", ".jpeg") else photo.suffix.lower()
    if suffix not in PHOTO_SUFFIXES:
        raise EnrolmentError("照片须为 JPG 或 PNG 文件")
    if not photo.is_file():
        raise EnrolmentError(f"照片文件不存在：{photo}")
    _check_size(photo)
    found = photo_encoding(photo)
    if isinstance(found, str):
        log.warning("photo %s not enrolled: %s", photo, found)
        raise EnrolmentError("照片中须有且只有一张清晰的正面人脸，请重新拍摄")
    with store.transaction() as tx:
        person = tx.scalar(select(m.Person).where(m.Person.id_number == number))
        if person is None:
            raise EnrolmentError("未查询到该身份证号码的参保人员")
        reference = person.face_ref or f"P{person.id:08d}"
        folder = config.paths.face_photos_dir
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in PHOTO_SUFFIXES:  # one photo per person: the other format would shadow or linger
            (folder / f"{reference}{old}").unlink(missing_ok=True)
        shutil.copyfile(photo, folder / f"{reference}{suffix}")
        (folder / f"{reference}{suffix}").chmod(0o600)  # a face is personal data
        person.face_ref = reference
        journal.audit(tx, clock.now(), config.kiosk.terminal_id, "face_enrolled", person_id=person.id,
                      detail=f"photo {reference}{suffix}")
    return reference
