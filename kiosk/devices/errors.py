"""The error every device raises when it cannot do what was asked."""

from __future__ import annotations


class DeviceError(Exception):
    """A device failed or refused.

    Attributes:
        message: Chinese text fit to show the citizen at the kiosk.
        detail: English detail for the log and for the engineer on call.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(detail or message)
        self.message = message
        self.detail = detail
