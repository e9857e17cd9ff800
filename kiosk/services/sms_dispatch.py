"""Sends the SMS outbox through the gateway; failures stay queued for the next run."""

from __future__ import annotations

import logging

from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.devices.sms.protocol import SmsGateway, SmsSent
from kiosk.store import models as m
from kiosk.store.database import Store

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def send_queued(store: Store, gateway: SmsGateway, clock: Clock, *, serial: str | None = None) -> int:
    """Sends queued messages (of one business, or all). Returns how many went out."""
    sent = 0
    with store.transaction() as tx:
        query = select(m.SmsMessage).where(m.SmsMessage.status == "queued")
        if serial:
            query = query.where(m.SmsMessage.serial == serial)
        for message in tx.scalars(query.order_by(m.SmsMessage.id)):
            message.attempts += 1
            result = gateway.send(message.mobile, message.text)
            if isinstance(result, SmsSent):
                message.status, message.sent_at = "sent", clock.now()
                sent += 1
            else:
                log.warning("SMS %s to %s****** not sent (attempt %s): %s", message.id, message.mobile[:3],
                            message.attempts, result.message)
                if not result.retryable or message.attempts >= MAX_ATTEMPTS:
                    message.status = "failed"
    return sent
