"""One behaviour for every SMS gateway: the simulated outbox gateway, and the HTTP one on a local server.

The HTTP gateway runs its real code path (urllib, JSON, headers) against an http.server on
127.0.0.1 that records each request and answers as told. Sleeps are injected and recorded, and
the timeout is 0.2 s, so no test waits longer than that per slow answer.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.clock import ManualClock
from kiosk.config import REPO_CONFIG_DIR, ConfigError, KioskConfig, load_config
from kiosk.devices.bundle import build_devices
from kiosk.devices.sms.http_gateway import HttpSmsGateway, http_gateway_from_config, mask_mobile
from kiosk.devices.sms.protocol import SmsFailed, SmsGateway, SmsSent
from kiosk.devices.sms.simulated import SimulatedSmsGateway
from kiosk.services import sms_dispatch
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.journal import queue_sms

TIMEOUT = 0.2
BACKOFF = 0.5
KEY = "test-key-7f3a9c"
MOBILE = "13812345600"
CODE_TEXT = "【园区社保】您的验证码为 482913，5 分钟内有效。"
NOW = datetime(2024, 5, 20, 10, 0)


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# -- the local gateway -----------------------------------------------------------------------------
@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    answer: str

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class FakeGateway:
    """What the centre's gateway would do, told per request: `plan` the next answers, or a default."""

    server: ThreadingHTTPServer | None = None
    requests: list[Received] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    default: str = "ok"
    release: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/api/sms"

    def plan(self, *answers: str) -> None:
        self.planned.extend(answers)

    def next_answer(self) -> str:
        with self._lock:
            return self.planned.pop(0) if self.planned else self.default

    def delivered(self) -> list[tuple[str, str]]:
        return [(r.json()["mobile"], r.json()["text"]) for r in self.requests if r.answer == "ok"]


def _handler(gateway: FakeGateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            answer = gateway.next_answer()
            gateway.requests.append(Received(self.path, dict(self.headers.items()), body, answer))
            if answer == "ok":
                self._reply(200, json.dumps({"id": f"GW{len(gateway.requests):04d}", "status": "accepted"}))
            elif answer == "numeric_id":
                self._reply(200, '{"id": 90210}')
            elif answer == "malformed":
                self._reply(200, '{"id": "GW1"')
            elif answer == "no_id":
                self._reply(200, '{"status": "accepted"}')
            elif answer == "slow":
                gateway.release.wait(5)  # the client has given up long before; teardown releases it
                self._reply(200, '{"id": "TOO-LATE"}')
            elif answer == "redirect":
                self.send_response(302)
                self.send_header("Location", gateway.url + "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif answer == "echo_400":  # a gateway that quotes the whole request back in its error
                self._reply(400, json.dumps({"error": "bad sign", "request": body.decode("utf-8"),
                                             "auth": self.headers.get("Authorization")}, ensure_ascii=False))
            else:
                self._reply(int(answer), json.dumps({"error": f"status {answer}"}))

        def _reply(self, status: int, text: str) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's naming)
            pass  # keep the test output clean

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a slow answer written after the client gave up: a broken pipe, expected


@pytest.fixture
def fake() -> Iterator[FakeGateway]:
    gateway = FakeGateway()
    server = _QuietServer(("127.0.0.1", 0), _handler(gateway))
    gateway.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield gateway
    gateway.release.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def http(fake: FakeGateway, sleeps: list[float]) -> HttpSmsGateway:
    return HttpSmsGateway(fake.url, KEY, timeout=TIMEOUT, retries=2, backoff=BACKOFF, sleep=sleeps.append)


@dataclass
class Rig:
    gateway: SmsGateway
    delivered: Callable[[], list[tuple[str, str]]]
    go_down: Callable[[], None]
    come_back: Callable[[], None]


@pytest.fixture(params=["simulated", "http-on-local-server"])
def rig(request: pytest.FixtureRequest) -> Rig:
    if request.param == "simulated":
        sim = SimulatedSmsGateway()
        return Rig(sim, lambda: list(sim.sent), lambda: setattr(sim, "down", True),
                   lambda: setattr(sim, "down", False))
    fake: FakeGateway = request.getfixturevalue("fake")
    return Rig(request.getfixturevalue("http"), fake.delivered, lambda: setattr(fake, "default", "503"),
               lambda: setattr(fake, "default", "ok"))


# -- the shared contract ---------------------------------------------------------------------------
def test_a_message_is_sent_and_delivered_as_given(rig: Rig) -> None:
    result = rig.gateway.send(MOBILE, CODE_TEXT)

    assert isinstance(result, SmsSent) and result.gateway_id
    assert rig.delivered() == [(MOBILE, CODE_TEXT)]


def test_each_message_gets_its_own_gateway_id(rig: Rig) -> None:
    first = rig.gateway.send(MOBILE, "第一条")
    second = rig.gateway.send("13900001111", "第二条")

    assert isinstance(first, SmsSent) and isinstance(second, SmsSent)
    assert first.gateway_id != second.gateway_id
    assert rig.delivered() == [(MOBILE, "第一条"), ("13900001111", "第二条")]


def test_a_gateway_that_is_down_gives_a_retryable_chinese_failure_and_recovers(rig: Rig) -> None:
    rig.go_down()
    result = rig.gateway.send(MOBILE, CODE_TEXT)

    assert isinstance(result, SmsFailed) and result.retryable and is_chinese(result.message)
    assert rig.delivered() == []

    rig.come_back()
    assert isinstance(rig.gateway.send(MOBILE, CODE_TEXT), SmsSent)
    assert rig.delivered() == [(MOBILE, CODE_TEXT)]


def _queue(store: Store, serial: str, *messages: tuple[str, str]) -> None:
    with store.transaction() as tx:
        for mobile, text in messages:
            queue_sms(tx, ManualClock(NOW).now(), mobile, text, serial, "SIP-T001")


def _outbox(store: Store, serial: str) -> list[tuple[str, int, bool]]:
    with store.transaction() as tx:
        rows = tx.scalars(select(m.SmsMessage).where(m.SmsMessage.serial == serial).order_by(m.SmsMessage.id))
        return [(r.status, r.attempts, r.sent_at is not None) for r in rows]


def test_the_outbox_goes_out_and_is_marked_sent(rig: Rig, store: Store) -> None:
    _queue(store, "T20240520001", (MOBILE, "业务已受理"), ("13900001111", "业务已办结"))

    sent = sms_dispatch.send_queued(store, rig.gateway, ManualClock(NOW), serial="T20240520001")

    assert sent == 2
    assert _outbox(store, "T20240520001") == [("sent", 1, True), ("sent", 1, True)]
    assert rig.delivered() == [(MOBILE, "业务已受理"), ("13900001111", "业务已办结")]


def test_a_failing_gateway_leaves_the_outbox_queued_until_max_attempts(rig: Rig, store: Store) -> None:
    _queue(store, "T20240520002", (MOBILE, "业务已受理"))
    rig.go_down()

    assert sms_dispatch.send_queued(store, rig.gateway, ManualClock(NOW), serial="T20240520002") == 0
    assert _outbox(store, "T20240520002") == [("queued", 1, False)]

    for _ in range(sms_dispatch.MAX_ATTEMPTS - 1):
        sms_dispatch.send_queued(store, rig.gateway, ManualClock(NOW), serial="T20240520002")
    assert _outbox(store, "T20240520002") == [("failed", sms_dispatch.MAX_ATTEMPTS, False)]
    assert rig.delivered() == []


def test_a_queued_message_goes_out_on_the_next_run_once_the_gateway_is_back(rig: Rig, store: Store) -> None:
    _queue(store, "T20240520003", (MOBILE, "业务已受理"))
    rig.go_down()
    sms_dispatch.send_queued(store, rig.gateway, ManualClock(NOW), serial="T20240520003")

    rig.come_back()
    assert sms_dispatch.send_queued(store, rig.gateway, ManualClock(NOW), serial="T20240520003") == 1
    assert _outbox(store, "T20240520003") == [("sent", 2, True)]


# -- the wire (HTTP only) --------------------------------------------------------------------------
def test_the_request_is_a_json_post_with_the_bearer_key(fake: FakeGateway, http: HttpSmsGateway) -> None:
    http.send(MOBILE, CODE_TEXT)

    [req] = fake.requests
    assert req.path == "/api/sms"
    assert req.headers["Authorization"] == f"Bearer {KEY}"
    assert req.headers["Content-Type"] == "application/json; charset=utf-8"
    assert len(req.headers["Idempotency-Key"]) == 32
    assert req.json() == {"mobile": MOBILE, "text": CODE_TEXT}
    assert "园区社保" in req.body.decode("utf-8")  # UTF-8 on the wire, not \\u escapes


def test_the_sign_is_sent_when_configured(fake: FakeGateway, sleeps: list[float]) -> None:
    gateway = HttpSmsGateway(fake.url, KEY, timeout=TIMEOUT, sign="园区社保", sleep=sleeps.append)
    gateway.send(MOBILE, "业务已受理")

    assert fake.requests[0].json() == {"mobile": MOBILE, "text": "业务已受理", "sign": "园区社保"}


def test_a_numeric_id_is_taken_as_text(fake: FakeGateway, http: HttpSmsGateway) -> None:
    fake.plan("numeric_id")
    assert http.send(MOBILE, "业务已受理") == SmsSent(gateway_id="90210")


@pytest.mark.parametrize("first", ["500", "503", "429", "408", "slow", "malformed", "no_id"])
def test_a_passing_fault_is_tried_again_within_one_send(fake: FakeGateway, http: HttpSmsGateway,
                                                        sleeps: list[float], first: str) -> None:
    fake.plan(first)

    assert http.send(MOBILE, CODE_TEXT) == SmsSent(gateway_id="GW0002")
    assert [r.answer for r in fake.requests] == [first, "ok"]
    assert sleeps == [BACKOFF]
    # Both tries carry the same idempotency key, so a gateway that got the first sends only once.
    assert fake.requests[0].headers["Idempotency-Key"] == fake.requests[1].headers["Idempotency-Key"]


def test_a_gateway_that_keeps_failing_is_retried_with_backoff_then_retryable(fake: FakeGateway,
                                                                               http: HttpSmsGateway,
                                                                               sleeps: list[float]) -> None:
    fake.default = "500"

    result = http.send(MOBILE, CODE_TEXT)

    assert isinstance(result, SmsFailed) and result.retryable and "3 次" in result.message
    assert len(fake.requests) == 3  # the first try and `retries` = 2 more
    assert sleeps == [BACKOFF, 2 * BACKOFF]


def test_a_slow_gateway_times_out_on_every_try(fake: FakeGateway, sleeps: list[float]) -> None:
    fake.default = "slow"
    gateway = HttpSmsGateway(fake.url, KEY, timeout=TIMEOUT, retries=1, backoff=BACKOFF, sleep=sleeps.append)

    result = gateway.send(MOBILE, CODE_TEXT)

    assert isinstance(result, SmsFailed) and result.retryable
    assert len(fake.requests) == 2 and sleeps == [BACKOFF]


@pytest.mark.parametrize(("status", "words"), [("400", "拒绝了这条短信"), ("422", "拒绝了这条短信"),
                                               ("401", "密钥"), ("403", "密钥")])
def test_a_client_error_is_final_and_not_retried(fake: FakeGateway, http: HttpSmsGateway, sleeps: list[float],
                                                 caplog: pytest.LogCaptureFixture, status: str, words: str) -> None:
    fake.default = status

    with caplog.at_level(logging.INFO, logger="kiosk.devices.sms.http_gateway"):
        result = http.send(MOBILE, CODE_TEXT)

    assert isinstance(result, SmsFailed) and not result.retryable
    assert words in result.message and status in result.message
    assert len(fake.requests) == 1 and sleeps == []
    assert f"HTTP {status}" in caplog.text and f"status {status}" in caplog.text  # the status and the body


def test_a_redirect_is_not_followed_so_the_key_goes_nowhere_else(fake: FakeGateway, http: HttpSmsGateway,
                                                                   sleeps: list[float]) -> None:
    fake.plan("redirect")

    result = http.send(MOBILE, CODE_TEXT)

    assert isinstance(result, SmsFailed) and not result.retryable and "地址" in result.message
    assert [r.path for r in fake.requests] == ["/api/sms"]


def test_the_probe_reports_a_reachable_gateway_and_sends_nothing(rig: Rig) -> None:
    ok, message = rig.gateway.probe()

    assert ok and is_chinese(message)
    assert rig.delivered() == []


def test_the_probe_reports_a_gateway_that_cannot_be_reached(fake: FakeGateway, sleeps: list[float]) -> None:
    assert fake.server is not None
    fake.server.shutdown()
    fake.server.server_close()
    gateway = HttpSmsGateway(fake.url, KEY, timeout=TIMEOUT, retries=2, backoff=BACKOFF, sleep=sleeps.append)

    ok, message = gateway.probe()

    assert not ok and "无法连接" in message and KEY not in message


def test_a_server_that_is_down_refuses_and_is_retried(fake: FakeGateway, sleeps: list[float]) -> None:
    url = fake.url
    assert fake.server is not None
    fake.server.shutdown()
    fake.server.server_close()  # the port now refuses connections
    gateway = HttpSmsGateway(url, KEY, timeout=TIMEOUT, retries=2, backoff=BACKOFF, sleep=sleeps.append)

    result = gateway.send(MOBILE, CODE_TEXT)

    assert isinstance(result, SmsFailed) and result.retryable
    assert sleeps == [BACKOFF, 2 * BACKOFF]


def test_send_never_raises(http: HttpSmsGateway, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug deep in the HTTP stack")

    monkeypatch.setattr(http._opener, "open", broken)

    result = http.send(MOBILE, CODE_TEXT)
    assert isinstance(result, SmsFailed) and result.retryable and is_chinese(result.message)


@pytest.mark.parametrize("answer", ["echo_400", "500", "slow", "ok"])
def test_the_log_never_holds_the_key_the_mobile_or_the_text(fake: FakeGateway, sleeps: list[float],
                                                            caplog: pytest.LogCaptureFixture, answer: str) -> None:
    fake.default = answer
    gateway = HttpSmsGateway(fake.url, KEY, timeout=TIMEOUT, retries=1, sleep=sleeps.append)

    with caplog.at_level(logging.DEBUG):
        gateway.send(MOBILE, CODE_TEXT)

    assert caplog.records and mask_mobile(MOBILE) in caplog.text
    for secret in (KEY, MOBILE, CODE_TEXT, "482913"):
        assert secret not in caplog.text
    assert KEY not in repr(gateway)


def test_mobile_masking() -> None:
    assert mask_mobile("13812345600") == "138******00"
    assert mask_mobile("1381") == "****"


# -- config ----------------------------------------------------------------------------------------
def _http_config(tmp_path: Path, **devices: Any) -> KioskConfig:
    return KioskConfig.model_validate({
        "devices": {"sms": "http", "sms_url": "https://sms.example.invalid/api/sms", **devices},
        "paths": {"spool_dir": str(tmp_path / "spool"), "log_file": str(tmp_path / "kiosk.log")}})


def test_config_http_builds_the_gateway_with_the_key_from_the_environment(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIP_SMS_KEY", KEY)
    config = _http_config(tmp_path, sms_key_env="SIP_SMS_KEY", sms_timeout_seconds=3, sms_retries=4)

    gateway = build_devices(config).sms

    assert isinstance(gateway, HttpSmsGateway)
    assert (gateway.url, gateway.timeout, gateway.retries) == ("https://sms.example.invalid/api/sms", 3, 4)


def test_a_missing_key_names_the_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_SMS_KEY", raising=False)

    with pytest.raises(ConfigError, match="KIOSK_SMS_KEY"):
        build_devices(_http_config(tmp_path))


def test_a_key_that_cannot_go_in_a_header_is_a_config_error_without_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="KIOSK_SMS_KEY") as caught:
        http_gateway_from_config(_http_config(tmp_path).devices, {"KIOSK_SMS_KEY": "abc def\u00e9"})
    assert "abc" not in str(caught.value)


def test_http_without_a_url_is_a_config_error(tmp_path: Path) -> None:
    config = _http_config(tmp_path, sms_url="")
    with pytest.raises(ConfigError, match="sms_url"):
        http_gateway_from_config(config.devices, {"KIOSK_SMS_KEY": KEY})


def test_a_url_that_is_not_http_is_rejected_on_load(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[devices]\nsms = "http"\nsms_url = "ftp://gateway/sms"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="sms_url"):
        load_config(path)


def test_the_shipped_files_choose_http_for_production_and_the_outbox_for_the_demo() -> None:
    production = load_config(REPO_CONFIG_DIR / "kiosk.toml").devices
    assert (production.sms, production.sms_key_env) == ("http", "KIOSK_SMS_KEY")
    assert load_config(demo=True).devices.sms == "outbox"
