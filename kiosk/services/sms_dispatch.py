"""Sends the SMS outbox through the gateway; failures stay queued for the next run.

A message is claimed (`sending`) in one short transaction and its result recorded in another:
the gateway's timeouts and retries never hold the database while other kiosks wait to write.
A claim older than CLAIM_EXPIRES was left by a crash and is taken again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.devices.sms.protocol import SmsGateway, SmsResult, SmsSent
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
CLAIM_EXPIRES = timedelta(minutes=2)


def _claim(store: Store, clock: Clock, serial: str | None, terminal_id: str | None) -> list[tuple[int, str, str]]:
    """(id, mobile, text) of the messages this process now sends."""
    now = clock.now()
    claimed = []
    with store.transaction() as tx:
        query = select(m.SmsMessage).where(m.SmsMessage.status.in_(("queued", "sending")))
        if serial:
            query = query.where(m.SmsMessage.serial == serial)
        if terminal_id:
            query = query.where(m.SmsMessage.terminal_id == terminal_id)
        # SKIP LOCKED: a message another kiosk process is claiming right now is left to it.
        for message in tx.scalars(query.order_by(m.SmsMessage.id).with_for_update(skip_locked=True)):
            if message.status == "sending" and message.claimed_at and now - message.claimed_at < CLAIM_EXPIRES:
                continue  # being sent by another process
            text = journal.sms_text(message)
            if text is None:
                log.warning("SMS %s holds a verification code lost with a restart: not sent", message.id)
                message.status = "failed"
                continue
            message.status, message.claimed_at, message.attempts = "sending", now, message.attempts + 1
            claimed.append((message.id, message.mobile, text))
    return claimed


def _record(store: Store, clock: Clock, message_id: int, result: SmsResult) -> None:
    with store.transaction() as tx:
        message = tx.get_one(m.SmsMessage, message_id)
        if isinstance(result, SmsSent):
            message.status, message.sent_at = "sent", clock.now()
        else:
            log.warning("SMS %s to %s****** not sent (attempt %s): %s", message.id, message.mobile[:3],
                        message.attempts, result.message)
            message.status = "failed" if not result.retryable or message.attempts >= MAX_ATTEMPTS else "queued"
    if message.status != "queued":
        journal.forget_code(message_id)


def send_queued(store: Store, gateway: SmsGateway, clock: Clock, *, serial: str | None = None,
                terminal_id: str | None = None) -> int:
    """Sends queued messages (of one business, of one terminal, or all). Returns how many went out.

    A verification code is only in this process's memory (kiosk/store/journal.py): a message
    whose code was lost with a restart is marked failed unsent, and the resident asks again.
    """
    sent = 0
    for message_id, mobile, text in _claim(store, clock, serial, terminal_id):
        result = gateway.send(mobile, text)
        _record(store, clock, message_id, result)
        sent += isinstance(result, SmsSent)
    return sent
