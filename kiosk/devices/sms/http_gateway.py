"""The centre's SMS gateway over HTTP(S), with the standard library only.

The gateway's real API is not known yet, so this module defines OUR contract with it:

    POST <sms_url>
    Content-Type: application/json; charset=utf-8
    Accept: application/json
    Authorization: Bearer <key>
    Idempotency-Key: <32 hex digits, the same for every try of one send()>

    {"mobile": "13800138000", "text": "【...】您的验证码是 123456", "sign": "园区社保"}

`sign` is sent only when configured (`sms_sign`). The field names are fixed, not configurable.

Answers:
  * 2xx with a JSON object holding a non-empty "id" (string or number): sent, `SmsSent(id)`.
  * 2xx without a usable "id" or with malformed JSON, 5xx, 408, 429, a timeout, a refused or
    dropped connection: tried again, up to `retries` more times within one send, waiting
    `backoff` (0.5 s), then 2*`backoff`, 4*`backoff`... seconds; then `SmsFailed(retryable=True)`; the
    message stays in the outbox for the next run.
  * any other 4xx, and 3xx (redirects are not followed, so the key never goes elsewhere):
    `SmsFailed(retryable=False)`; the outbox marks the message failed.

The connection is always direct: proxy variables in the environment are ignored. `send` never
raises, and never logs the key, the message text or the full mobile number.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from http.client import HTTPException

from kiosk.config import ConfigError, DevicesSection
from kiosk.devices.sms.protocol import SmsFailed, SmsResult, SmsSent

log = logging.getLogger(__name__)

# Statuses below 500 that still mean "try again later" rather than "this request is wrong".
_RETRYABLE_4XX = {408, 429}
_BODY_LOG_LIMIT = 300
# An answer is a few dozen bytes; a runaway one must not fill the kiosk's memory.
_BODY_READ_LIMIT = 64 * 1024
_LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def mask_mobile(mobile: str) -> str:
    """138******00: enough to tell messages apart in a log, not enough to call anyone."""
    if len(mobile) <= 5:
        return "*" * len(mobile)
    return mobile[:3] + "*" * (len(mobile) - 5) + mobile[-2:]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would re-send the Authorization header to wherever a redirect points.
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        return None


class _Retry(Exception):
    """One try failed in a way worth trying again; the text is for the log."""


class HttpSmsGateway:
    """Sends one SMS per `send` through the centre's HTTP gateway (wire format: module docstring)."""

    def __init__(self, url: str, key: str, *, timeout: float = 5.0, retries: int = 2, backoff: float = 0.5,
                 sign: str = "", sleep: Callable[[float], None] = time.sleep) -> None:
        # http.client would put a bad header value, key and all, into its error message.
        if not key or not all(" " < ch < "\x7f" for ch in key):
            raise ValueError("the SMS gateway key must be non-empty printable ASCII without spaces")
        self.url = url
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.sign = sign
        self._key = key
        self._sleep = sleep
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme == "http" and parsed.hostname not in _LOOPBACK_HOSTS:
            log.warning("SMS gateway %s is plain HTTP: the key travels unencrypted", url)

    def __repr__(self) -> str:  # the key must not show up in a traceback or a debug print
        return f"HttpSmsGateway(url={self.url!r}, timeout={self.timeout}, retries={self.retries})"

    def probe(self) -> tuple[bool, str]:
        """The gateway's API has no health call we know of, so this checks the host answers at all."""
        parts = urllib.parse.urlsplit(self.url)
        try:
            socket.create_connection((parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)),
                                     timeout=self.timeout).close()
        except OSError as exc:
            log.error("SMS gateway %s unreachable: %s", parts.hostname, exc)
            return False, f"短信网关 {parts.hostname} 无法连接"
        return True, f"短信网关 {parts.hostname} 可连接（未发送测试短信）"

    def send(self, mobile: str, text: str) -> SmsResult:
        try:
            return self._send(mobile, text)
        except Exception:  # a bug here must not take the business's worker down with it
            log.exception("SMS to %s: unexpected error in the gateway adapter", mask_mobile(mobile))
            return SmsFailed(message="短信发送出错，稍后将重试", retryable=True)

    def _send(self, mobile: str, text: str) -> SmsResult:
        body = {"mobile": mobile, "text": text}
        if self.sign:
            body["sign"] = self.sign
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        # One key for all tries: a gateway that honours it sends once even if an answer was lost.
        idempotency_key = uuid.uuid4().hex
        secrets = _Secrets(self._key, mobile, text)
        tries = self.retries + 1
        for attempt in range(1, tries + 1):
            try:
                return self._try_once(data, idempotency_key, mobile, secrets)
            except _Retry as reason:
                log.warning("SMS to %s: try %s of %s failed: %s", mask_mobile(mobile), attempt, tries, reason)
            if attempt < tries:
                self._sleep(self.backoff * 2 ** (attempt - 1))
        return SmsFailed(message=f"短信网关暂时无法发送（已尝试 {tries} 次），稍后将重试", retryable=True)

    def _try_once(self, data: bytes, idempotency_key: str, mobile: str, secrets: _Secrets) -> SmsResult:
        request = urllib.request.Request(self.url, data=data, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Authorization": f"Bearer {self._key}",
            "Idempotency-Key": idempotency_key,
        })
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                status, raw = response.status, response.read(_BODY_READ_LIMIT)
        except urllib.error.HTTPError as error:
            try:
                status, raw = error.code, _read_quietly(error)
            finally:
                error.close()
            return self._refused(status, raw, mobile, secrets)
        except (OSError, HTTPException) as error:  # URLError, timeouts, refused or reset connections
            raise _Retry(f"{type(error).__name__}: {secrets.scrub(str(error))}") from None
        if not 200 <= status < 300:
            return self._refused(status, raw, mobile, secrets)
        gateway_id = _gateway_id(raw)
        if gateway_id is None:
            raise _Retry(f"HTTP {status} without a JSON id: {secrets.scrub(_clip(raw))}")
        log.info("SMS to %s sent, gateway id %s", mask_mobile(mobile), gateway_id)
        return SmsSent(gateway_id=gateway_id)

    def _refused(self, status: int, raw: bytes, mobile: str, secrets: _Secrets) -> SmsResult:
        """A non-2xx answer: raises `_Retry` for the passing kind, else the final failure."""
        body = secrets.scrub(_clip(raw))
        if status >= 500 or status in _RETRYABLE_4XX:
            raise _Retry(f"HTTP {status}: {body}")
        log.error("SMS to %s refused by the gateway: HTTP %s: %s", mask_mobile(mobile), status, body)
        if 300 <= status < 400:
            return SmsFailed(message=f"短信网关地址配置有误（HTTP {status} 跳转）", retryable=False)
        if status in (401, 403):
            return SmsFailed(message=f"短信网关拒绝了本机的密钥（HTTP {status}）", retryable=False)
        return SmsFailed(message=f"短信网关拒绝了这条短信（HTTP {status}）", retryable=False)


class _Secrets:
    """What must not reach the log, even when a gateway echoes the request in its error body."""

    def __init__(self, key: str, mobile: str, text: str) -> None:
        # Codes inside the text (a 6-digit SMS code) may come back on their own, so they go too.
        codes = re.findall(r"\d{4,}", text)
        self._pairs = [(key, "<key>"), (text, "<text>"), (mobile, mask_mobile(mobile))]
        self._pairs += [(code, "<code>") for code in codes if code != mobile]
        self._pairs = [(s, r) for s, r in self._pairs if s]

    def scrub(self, line: str) -> str:
        for secret, replacement in self._pairs:
            line = line.replace(secret, replacement)
        return line


def _read_quietly(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read(_BODY_READ_LIMIT)
    except (OSError, HTTPException):
        return b""


def _clip(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace").replace("\n", " ")
    return text if len(text) <= _BODY_LOG_LIMIT else text[:_BODY_LOG_LIMIT] + "…"


def _gateway_id(raw: bytes) -> str | None:
    try:
        answer = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    value = answer.get("id") if isinstance(answer, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value) == "":
        return None
    return str(value)


def http_gateway_from_config(devices: DevicesSection, environ: Mapping[str, str] = os.environ,
                             sleep: Callable[[float], None] = time.sleep) -> HttpSmsGateway:
    """Builds the gateway at start-up; the key comes from the environment, never from a file in the repo."""
    if not devices.sms_url:
        raise ConfigError('配置错误 [devices] sms = "http" 时必须填写 sms_url（短信网关地址）')
    key = environ.get(devices.sms_key_env, "").strip()
    if not key:
        raise ConfigError(f'短信网关密钥未设置：[devices] sms = "http" 需要环境变量 {devices.sms_key_env} '
                          f"（见 [devices] sms_key_env）")
    try:
        return HttpSmsGateway(devices.sms_url, key, timeout=devices.sms_timeout_seconds,
                              retries=devices.sms_retries, sign=devices.sms_sign, sleep=sleep)
    except ValueError:
        raise ConfigError(f"短信网关密钥格式错误：环境变量 {devices.sms_key_env} 只能含可打印的 ASCII 字符、不含空格") from None
