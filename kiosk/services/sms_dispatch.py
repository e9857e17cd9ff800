"""Sends the SMS outbox through the gateway; failures stay queued for the next run."""

from __future__ import annotations

import logging

from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.devices.sms.protocol import SmsGateway, SmsSent
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def send_queued(store: Store, gateway: SmsGateway, clock: Clock, *, serial: str | None = None,
                terminal_id: str | None = None) -> int:
    """Sends queued messages (of one business, of one terminal, or all). Returns how many went out.

    A verification code is only in this process's memory (kiosk/store/journal.py): a message
    whose code was lost with a restart is marked failed unsent, and the resident asks again.
    """
    sent = 0
    with store.transaction() as tx:
        query = select(m.SmsMessage).where(m.SmsMessage.status == "queued")
        if serial:
            query = query.where(m.SmsMessage.serial == serial)
        if terminal_id:
            query = query.where(m.SmsMessage.terminal_id == terminal_id)
        # SKIP LOCKED: a message another kiosk process is sending right now is left to it.
        for message in tx.scalars(query.order_by(m.SmsMessage.id).with_for_update(skip_locked=True)):
            text = journal.sms_text(message)
            if text is None:
                log.warning("SMS %s holds a verification code lost with a restart: not sent", message.id)
                message.status = "failed"
                continue
            message.attempts += 1
            result = gateway.send(message.mobile, text)
            if isinstance(result, SmsSent):
                message.status, message.sent_at = "sent", clock.now()
                journal.forget_code(message.id)
                sent += 1
            else:
                log.warning("SMS %s to %s****** not sent (attempt %s): %s", message.id, message.mobile[:3],
                            message.attempts, result.message)
                if not result.retryable or message.attempts >= MAX_ATTEMPTS:
                    message.status = "failed"
                    journal.forget_code(message.id)
    return sent
