"""SMS gateway: sends the outbox the submissions fill."""
