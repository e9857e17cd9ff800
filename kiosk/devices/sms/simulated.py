"""A gateway that keeps what it was given (demo mode; tests read `.sent`)."""

from __future__ import annotations

import threading

from kiosk.devices.sms.protocol import SmsFailed, SmsResult, SmsSent


class SimulatedSmsGateway:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.sent: list[tuple[str, str]] = []
        self.down = False

    def send(self, mobile: str, text: str) -> SmsResult:
        with self._lock:
            if self.down:
                return SmsFailed(message="短信网关无响应")
            self.sent.append((mobile, text))
            return SmsSent(gateway_id=f"SIM{len(self.sent):06d}")

    def probe(self) -> tuple[bool, str]:
        return (False, "短信网关无响应（模拟）") if self.down else (True, "就绪（演示：短信留在发件箱）")
