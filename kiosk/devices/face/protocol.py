"""One check = capture frames, find exactly one live face, compare with the photo of record."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict

from kiosk.devices.face.preview import Preview


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class FaceMatch(_Frozen):
    distance: float = 0.0


class FaceMismatch(_Frozen):
    distance: float = 1.0
    message: str = "人脸识别未通过，请正对摄像头，摘下帽子和口罩后重试"


class NoFace(_Frozen):
    message: str = "未检测到人脸，请正对摄像头"


class MultipleFaces(_Frozen):
    message: str = "检测到多张人脸，请确保只有本人在摄像头前"


class NotLive(_Frozen):
    message: str = "请眨眨眼或左右转头，不要使用照片"


class CameraFault(_Frozen):
    message: str = "摄像头暂时无法使用，请改用市民卡 + 密码登录"


FaceResult = FaceMatch | FaceMismatch | NoFace | MultipleFaces | NotLive | CameraFault


class FaceVerifier(Protocol):
    def verify(self, reference: str | None) -> FaceResult:
        """Captures from the camera and compares with the enrolled face `reference`."""
        ...

    def preview(self) -> "Preview | CameraFault | None":
        """One frame for the live picture, with the faces found and the hint (kiosk/devices/face/preview.py);
        None when the camera is busy with a check."""
        ...

    def probe(self) -> tuple[bool, str]:
        """Whether the camera delivers a frame, in Chinese for staff (no face needed)."""
        ...
