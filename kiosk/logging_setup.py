"""Logging to a rotating file and stderr. Messages never carry passwords or full ID numbers."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file (the current one and each new one after rotation) is 0600."""

    def _open(self):  # noqa: ANN202 (logging's own signature)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_logging(log_file: Path, level: str = "INFO") -> None:
    root = logging.getLogger()
    if getattr(root, "_kiosk_configured", False):
        return
    # python-escpos calls logging.basicConfig() when imported; its handler would print every
    # INFO line to stderr a second time.
    for old in list(root.handlers):
        root.removeHandler(old)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = PrivateRotatingFileHandler(
            log_file, maxBytes=5_000_000, backupCount=10, encoding="utf-8")
    except OSError as exc:  # a read-only disk must not stop the kiosk; say so on stderr
        handler = logging.StreamHandler()
        logging.getLogger(__name__).warning("log file %s unavailable: %s", log_file, exc)
    handler.setFormatter(fmt)
    root.addHandler(handler)
    console = logging.StreamHandler()
    console.setFormatter(fmt)
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    root.setLevel(level)
    root._kiosk_configured = True  # type: ignore[attr-defined]
