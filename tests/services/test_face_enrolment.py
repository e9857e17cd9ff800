"""Enrolling the photo of record: one clear face, linked to the person, replacing an older photo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data
from sqlalchemy import select

from kiosk.clock import ManualClock
from kiosk.config import KioskConfig
from kiosk.devices.face.camera_verifier import photo_encoding
from kiosk.services.face_enrolment import EnrolmentError, enroll
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.demo.personas import BY_KEY, make_id_number


def _save(folder: Path, name: str, rgb: np.ndarray) -> Path:
    path = folder / name
    cv2.imwrite(str(path), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    return path


@pytest.fixture
def setup(store: Store, config: KioskConfig, clock: ManualClock, tmp_path: Path):  # noqa: ANN201
    faces = config.paths.model_copy(update={"face_photos_dir": tmp_path / "faces"})
    config = config.model_copy(update={"paths": faces})
    return store, config, clock, tmp_path


def test_a_clear_portrait_is_enrolled_and_linked(setup) -> None:  # noqa: ANN001
    store, config, clock, tmp = setup
    persona = BY_KEY["flex_normal"]
    photo = _save(tmp, "portrait.jpeg", np.ascontiguousarray(data.astronaut()[30:240, 150:320]))
    reference = enroll(store, config, persona.id_number, photo, clock)
    stored = config.paths.face_photos_dir / f"{reference}.jpg"
    assert stored.read_bytes() == photo.read_bytes()
    assert not isinstance(photo_encoding(stored), str)
    with store.transaction() as tx:
        person = tx.scalar(select(m.Person).where(m.Person.id_number == persona.id_number))
        assert person.face_ref == reference
        assert tx.scalars(select(m.AuditEntry.action).where(m.AuditEntry.person_id == person.id)).all()[-1] == \
            "face_enrolled"
    # A new photo in the other format replaces the old one: never two photos of record.
    png = _save(tmp, "portrait.png", np.ascontiguousarray(data.astronaut()[30:240, 150:320]))
    assert enroll(store, config, persona.id_number, png, clock) == reference
    assert sorted(p.name for p in config.paths.face_photos_dir.iterdir()) == [f"{reference}.png"]


def test_bad_input_is_refused_with_the_reason(setup) -> None:  # noqa: ANN001
    store, config, clock, tmp = setup
    persona = BY_KEY["flex_normal"]
    no_face = _save(tmp, "coffee.png", data.coffee())
    with pytest.raises(EnrolmentError, match="有且只有一张"):
        enroll(store, config, persona.id_number, no_face, clock)
    portrait = _save(tmp, "p.png", np.ascontiguousarray(data.astronaut()[30:240, 150:320]))
    with pytest.raises(EnrolmentError, match="请核对最后一位"):
        enroll(store, config, persona.id_number[:-1] + ("0" if persona.id_number[-1] != "0" else "1"), portrait, clock)
    with pytest.raises(EnrolmentError, match="未查询到"):
        enroll(store, config, make_id_number("110101", date(1990, 3, 7), 5), portrait, clock)
    with pytest.raises(EnrolmentError, match="JPG 或 PNG"):
        enroll(store, config, persona.id_number, tmp / "photo.gif", clock)
    assert not config.paths.face_photos_dir.exists()  # nothing written


def test_a_photo_over_the_pixel_limit_is_refused_from_its_header(setup, monkeypatch) -> None:  # noqa: ANN001
    import zlib

    from kiosk.services import face_enrolment

    store, config, clock, tmp = setup
    # A 12000 × 12000 PNG header and one tiny compressed row: decoding it would take gigabytes.
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = (12000).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    huge = tmp / "huge.png"
    huge.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 10))
                     + chunk(b"IEND", b""))
    monkeypatch.setattr(face_enrolment, "photo_encoding", lambda path: pytest.fail("the photo was decoded"))
    with pytest.raises(EnrolmentError) as info:
        enroll(store, config, BY_KEY["flex_normal"].id_number, huge, clock)
    assert str(info.value) == "照片有 12000 × 12000 像素，超过 4000 万像素的上限，请缩小后再登记"


def test_a_file_that_is_no_image_is_refused_in_plain_words(setup) -> None:  # noqa: ANN001
    store, config, clock, tmp = setup
    fake = tmp / "not-a-photo.jpg"
    fake.write_bytes(b"\xff\xd8 this is not a jpeg")
    with pytest.raises(EnrolmentError) as info:
        enroll(store, config, BY_KEY["flex_normal"].id_number, fake, clock)
    assert str(info.value) == "照片文件无法读取，须为 JPG 或 PNG 图片"
