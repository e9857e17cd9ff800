"""The A4 report printer as a CUPS queue, driven with the `lp` and `lpstat` commands.

pycups is not in the stack and the commands are on every CUPS host, so this runs them in a
subprocess with a timeout. Their output is read in the C locale: CUPS translates its messages.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import threading
from typing import Literal

from kiosk.devices.receipt_printer.protocol import (
    REPORT_PRINTER,
    PrinterCoverOpen,
    PrinterFault,
    PrinterOffline,
    PrinterPaperOut,
    PrinterReady,
    PrinterStatus,
)

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 120
_REQUEST_ID = re.compile(r"request id is (\S+)")
_DEFAULT = re.compile(r"system default destination: (\S+)")
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
# printer-state-reasons keywords (RFC 8011 / PWG 5100.9) after their -error/-warning/-report suffix.
_SEVERITY = re.compile(r"-(error|warning|report)$")
PAPER_OUT_REASONS = frozenset({"media-empty", "media-needed"})
COVER_OPEN_REASONS = frozenset({"cover-open", "door-open", "interlock-open"})
OFFLINE_REASONS = frozenset({"offline", "shutdown", "media-jam", "stopped-partly"})

JobState = Literal["queued", "done", "unknown"]


class _CupsError(Exception):
    """A CUPS command failed or could not be run; the message says why, for the log."""


def reason_keywords(alerts: str) -> set[str]:
    """The state-reason keywords of an `Alerts:` line, severity suffixes removed ("none" is none)."""
    return {_SEVERITY.sub("", word) for word in alerts.split() if word != "none"}


def parse_lpstat(output: str, queue: str) -> PrinterStatus:
    """The status of `queue` from `lpstat -l -p <queue> -a <queue>` run in the C locale.

    CUPS only hears the printer's state reasons while a job runs, and keeps the last ones after:
    on an enabled, idle queue they are stale (the paper may long be refilled), so they only count
    while the queue prints or after the printer stopped it. Then a reason naming the paper or the
    cover wins over "stopped", which CUPS sets because of it. Anything unreadable is offline,
    with the text in `detail`.
    """
    lines = output.splitlines()
    state_line = next((line for line in lines if line.startswith(f"printer {queue} ")), None)
    if state_line is None:
        return PrinterOffline(device=REPORT_PRINTER, detail=f"lpstat did not report queue {queue}: {output[:200]!r}")
    alerts = next((line.split(":", 1)[1] for line in lines if line.strip().startswith("Alerts:")), "").strip()
    disabled = " disabled " in f"{state_line} "
    idle = " is idle" in state_line
    reasons = set() if idle and not disabled else reason_keywords(alerts)
    if reasons & COVER_OPEN_REASONS:
        return PrinterCoverOpen(device=REPORT_PRINTER)
    if reasons & PAPER_OUT_REASONS:
        return PrinterPaperOut(device=REPORT_PRINTER)
    if disabled:
        return PrinterOffline(device=REPORT_PRINTER, detail=f"queue {queue} is disabled ({alerts})")
    if any(line.startswith(f"{queue} not accepting requests") for line in lines):
        return PrinterOffline(device=REPORT_PRINTER, detail=f"queue {queue} is rejecting jobs")
    if reasons & OFFLINE_REASONS:
        return PrinterOffline(device=REPORT_PRINTER, detail=f"queue {queue}: {alerts}")
    return PrinterReady(device=REPORT_PRINTER)


class CupsReportPrinter:
    """Prints A4 PDFs on a CUPS queue and reads the queue's state from the scheduler.

    `status` and `print_pdf` never let a failing command escape: a missing scheduler, queue or
    `lp` binary, or a command that hangs past `timeout`, all read as `PrinterOffline`.

    Args:
        queue: The CUPS queue (destination) name; "" for the system default destination.
        server: The scheduler to talk to (host, host:port or a socket path); "" for the
            system's own (CUPS_SERVER, client.conf, then the local socket).
        timeout: Seconds any one `lp`/`lpstat` may take.
    """

    def __init__(self, queue: str = "", server: str = "", timeout: float = 10.0) -> None:
        self.queue = queue
        self.server = server
        self.timeout = timeout
        self._lock = threading.Lock()  # a status check then submit must not interleave with another
        self._last_logged = ""

    def status(self) -> PrinterStatus:
        """The queue's state, asked of the scheduler now. Never raises."""
        with self._lock:
            return self._status()[0]

    def print_pdf(self, pdf: bytes, job_name: str) -> str:
        """Checks the queue, then submits one PDF with `lp`.

        Args:
            pdf: The PDF file's bytes.
            job_name: The job title shown in the queue (control characters become spaces).

        Returns:
            The CUPS job id, e.g. "A4-42".

        Raises:
            ValueError: If `pdf` is not a PDF.
            PrinterFault: If the queue is not ready or `lp` fails.
        """
        if not bytes(pdf[:5]) == b"%PDF-":
            raise ValueError("print_pdf wants a PDF file (it must start with %PDF-)")
        title = _CONTROL_CHARS.sub(" ", job_name).strip()[:MAX_TITLE_CHARS] or "report"
        with self._lock:
            status, queue = self._status()
            if not isinstance(status, PrinterReady):
                raise PrinterFault(status)
            try:
                # The title goes in as its own argument: a name starting with "-" is not an option.
                output = self._run(["lp", "-d", queue, "-t", title], stdin=bytes(pdf))
            except _CupsError as exc:
                offline = PrinterOffline(device=REPORT_PRINTER, detail=f"lp to {queue} failed: {exc}")
                self._note(logging.ERROR, offline.detail)
                raise PrinterFault(offline) from exc
            match = _REQUEST_ID.search(output)
            if match is None:
                raise PrinterFault(PrinterOffline(device=REPORT_PRINTER,
                                                  detail=f"lp gave no job id: {output[:200]!r}"))
            log.info("report printer: job %s (%s, %d bytes) queued on %s", match[1], title, len(pdf), queue)
            return match[1]

    def job_state(self, job_id: str) -> JobState:
        """Whether CUPS still holds the job ("queued"), has finished with it ("done": completed,
        cancelled or aborted) or does not know it. Never raises: a failing `lpstat` is "unknown"."""
        for which, state in (("not-completed", "queued"), ("completed", "done")):
            try:
                output = self._run(["lpstat", "-W", which, "-o"])
            except _CupsError:
                return "unknown"
            if any(line.split()[:1] == [job_id] for line in output.splitlines()):
                return state  # type: ignore[return-value]
        return "unknown"

    # -- the scheduler -----------------------------------------------------------------------------
    def _status(self) -> tuple[PrinterStatus, str]:
        """(status, queue name it is about)."""
        queue = self.queue
        try:
            if not queue:
                match = _DEFAULT.search(self._run(["lpstat", "-d"]))
                if match is None:
                    raise _CupsError("no system default destination")
                queue = match[1]
            status = parse_lpstat(self._run(["lpstat", "-l", "-p", queue, "-a", queue]), queue)
        except _CupsError as exc:
            status = PrinterOffline(device=REPORT_PRINTER, detail=f"queue {queue or '(default)'}: {exc}")
        if isinstance(status, PrinterReady):
            if self._last_logged:
                log.info("report printer queue %s ready again", queue)
                self._last_logged = ""
        else:
            self._note(logging.WARNING, getattr(status, "detail", "") or f"{queue}: {type(status).__name__}")
        return status, queue

    def _run(self, command: list[str], stdin: bytes | None = None) -> str:
        """Runs one CUPS command; its stdout, or _CupsError with its stderr."""
        env = dict(os.environ, LC_ALL="C", LANG="C")
        if self.server:
            env["CUPS_SERVER"] = self.server
        try:
            done = subprocess.run(command, input=stdin, capture_output=True, env=env,
                                  timeout=self.timeout, check=False,
                                  stdin=None if stdin is not None else subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise _CupsError(f"{command[0]} took longer than {self.timeout} s") from exc
        except OSError as exc:  # not installed, not executable
            raise _CupsError(f"cannot run {command[0]}: {exc}") from exc
        out = done.stdout.decode("utf-8", errors="replace")
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", errors="replace").strip() or out.strip()
            raise _CupsError(f"{command[0]} exited {done.returncode}: {err[:300]}")
        return out

    def _note(self, level: int, text: str) -> None:
        """Logs a fault once, not on every check while it lasts."""
        if text != self._last_logged:
            log.log(level, "report printer: %s", text)
            self._last_logged = text
