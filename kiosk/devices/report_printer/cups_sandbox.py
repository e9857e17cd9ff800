"""A private CUPS scheduler with cups-pdf and state-reporting queues, for tests and benchmarks.

`PrivateCupsd` runs the system's `cupsd -f` on its own config, spool and a Unix socket in a
temporary folder, so the host's printing (and any system cupsd) is left alone. Two kinds of
queue can be added:

* a cups-pdf queue: the real CUPS filter chain renders each job to a PDF in an output folder;
* a "kiosksim" queue: a tiny backend that reports a printer-state-reason (media-empty-error,
  cover-open-error…) the way a real printer's backend does, then stops the queue.

cups-pdf only reads its settings from /etc/cups/cups-pdf-<queue>.conf, so that one file is written
there per cups-pdf queue and removed again by `stop`.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

SYSTEM_SERVER_BIN = Path("/usr/lib/cups")
CUPS_PDF_BACKEND = SYSTEM_SERVER_BIN / "backend" / "cups-pdf"
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd")
CUPS_PDF_CONFIG_DIR = Path("/etc/cups")

_SIM_BACKEND = """#!/bin/sh
# A printer that reports the state reason written in the file named by its device URI.
if [ $# -eq 0 ]; then echo 'direct kiosksim "Unknown" "Kiosk test printer"'; exit 0; fi
reason=$(cat "${DEVICE_URI#kiosksim:}" 2>/dev/null)
cat > /dev/null
if [ -n "$reason" ]; then echo "STATE: $reason" >&2; echo "ERROR: $reason" >&2; exit 4; fi
exit 0
"""


def unavailable_reason() -> str:
    """Why a private cupsd with cups-pdf cannot run here, or "" when it can."""
    if os.geteuid() != 0:
        return "cups-pdf only runs for a scheduler started as root"
    for tool in ("cupsd", "lp", "lpstat", "lpadmin", "cupsenable", "cupsdisable", "gs"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    for path in (CUPS_PDF_BACKEND, CUPS_PDF_PPD, CUPS_PDF_CONFIG_DIR):
        if not path.exists():
            return f"{path} is missing (printer-driver-cups-pdf)"
    return ""


def _remove_stale_pdf_configs() -> None:
    """Removes cups-pdf settings left by a sandbox whose process was killed before `stop`."""
    for config in CUPS_PDF_CONFIG_DIR.glob("cups-pdf-kiosk*.conf"):
        match = re.match(r"cups-pdf-kiosk(\d+)", config.name)
        if match and not Path(f"/proc/{match[1]}").exists():
            config.unlink(missing_ok=True)


class PrivateCupsd:
    """A cupsd of our own; `socket` is what CUPS clients take as CUPS_SERVER."""

    def __init__(self) -> None:
        self.root = Path()
        self.socket = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._pdf_configs: list[Path] = []
        self.pdf_outputs: dict[str, Path] = {}  # cups-pdf queue name -> the folder its PDFs appear in
        self._tag = f"kiosk{os.getpid()}"

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> PrivateCupsd:
        """Writes the config and starts cupsd; returns once it answers.

        Any failure on the way (a folder, the config, the process, the wait, an interrupt) stops
        what was already started and removes the folder before the error goes on.

        Raises:
            RuntimeError: If cupsd exits or does not answer within `timeout` (with its error log).
        """
        try:
            return self._start(timeout)
        except BaseException:
            self.stop()
            raise

    def _start(self, timeout: float) -> PrivateCupsd:
        _remove_stale_pdf_configs()
        # Not under pytest's 0700 tmp dirs: filters run as the "lp" user and must reach the spool.
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        self.root.chmod(0o755)
        for name in ("spool", "cache", "state", "tmp", "log", "serverbin/backend"):
            (self.root / name).mkdir(parents=True)
        (self.root / "spool").chmod(0o710)
        (self.root / "tmp").chmod(0o1777)
        # The system's filters with our backend beside cups-pdf: ServerBin is one folder in CUPS.
        for name in ("filter", "daemon", "cgi-bin", "driver", "monitor", "notifier"):
            if (SYSTEM_SERVER_BIN / name).exists():
                (self.root / "serverbin" / name).symlink_to(SYSTEM_SERVER_BIN / name)
        (self.root / "serverbin/backend/cups-pdf").symlink_to(CUPS_PDF_BACKEND)
        sim = self.root / "serverbin/backend/kiosksim"
        sim.write_text(_SIM_BACKEND)
        sim.chmod(0o755)
        self.socket = str(self.root / "cups.sock")
        (self.root / "cups-files.conf").write_text("\n".join([
            f"ServerRoot {self.root}", f"RequestRoot {self.root}/spool", f"CacheDir {self.root}/cache",
            f"StateDir {self.root}/state", f"TempDir {self.root}/tmp", f"ServerBin {self.root}/serverbin",
            "DataDir /usr/share/cups", f"ErrorLog {self.root}/log/error_log",
            f"AccessLog {self.root}/log/access_log", f"PageLog {self.root}/log/page_log",
            "SystemGroup root", ""]))
        (self.root / "cupsd.conf").write_text("\n".join([
            f"Listen {self.socket}", "LogLevel info", "WebInterface No", "Browsing No",
            "BrowseLocalProtocols none", "DefaultAuthType None",
            "<Location />", "  Order allow,deny", "  Allow all", "</Location>",
            "<Policy default>", "  <Limit All>", "    Order deny,allow", "  </Limit>", "</Policy>", ""]))
        self._process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(self.root / "cupsd.conf"), "-s", str(self.root / "cups-files.conf")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"private cupsd did not start: {self.error_log()[-2000:]}")
            time.sleep(0.05)  # cupsd needs a moment to bind its socket; bounded by `timeout`
        return self

    def stop(self) -> None:
        """Stops cupsd (and with it any job), removes the cups-pdf settings and the folder."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for config in self._pdf_configs:
            config.unlink(missing_ok=True)
        self._pdf_configs.clear()
        if self.root != Path() and self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PrivateCupsd:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- queues ----------------------------------------------------------------------------------
    def add_pdf_queue(self, name: str) -> Path:
        """Adds an enabled cups-pdf queue; returns the folder its PDFs appear in."""
        uri_name = f"{self._tag}{name}"  # the settings file is global: keep its name ours
        out = self.root / "pdf" / name
        out.mkdir(parents=True)
        (self.root / "pdf-spool" / name).mkdir(parents=True)
        config = CUPS_PDF_CONFIG_DIR / f"cups-pdf-{uri_name}.conf"
        config.write_text("\n".join([
            f"Out {out}", f"AnonDirName {out}", f"Spool {self.root}/pdf-spool/{name}",
            # Label 2: the job id goes into every file name, so a reprint never overwrites a PDF.
            f"Log {self.root}/log", "Grp root", "Label 2", ""]))
        self._pdf_configs.append(config)
        self.pdf_outputs[name] = out
        # lpadmin warns that PPD drivers are deprecated; cups-pdf ships only a PPD.
        self.run("lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{uri_name}", "-P", str(CUPS_PDF_PPD))
        return out

    def add_sim_queue(self, name: str, reason: str = "") -> None:
        """Adds an enabled queue whose printer reports `reason` on its next job (see `set_reason`)."""
        self.set_reason(name, reason)
        self.run("lpadmin", "-p", name, "-E", "-v", f"kiosksim:{self._reason_file(name)}")

    def set_reason(self, name: str, reason: str) -> None:
        """What the sim queue's printer reports on its next job ("" = nothing, the job prints)."""
        self._reason_file(name).write_text(reason)

    def report_state(self, name: str, reason: str, timeout: float = 10.0) -> None:
        """Makes the sim queue's printer report `reason` now: a probe job goes to it and CUPS
        stops the queue with the reason, as it does for a real printer's backend.

        Raises:
            RuntimeError: If the queue has not stopped within `timeout`.
        """
        self.set_reason(name, reason)
        self.run("cupsenable", name)
        self.run("lp", "-d", name, "-t", "state probe", stdin=b"probe")
        deadline = time.monotonic() + timeout
        while " disabled " not in self.run("lpstat", "-p", name):
            if time.monotonic() > deadline:
                raise RuntimeError(f"queue {name} did not stop: {self.error_log()[-1000:]}")
            time.sleep(0.02)  # the backend runs asynchronously in cupsd; bounded by `timeout`

    def recover(self, name: str) -> None:
        """Clears the sim queue's fault: nothing reported, jobs cancelled, queue enabled."""
        self.set_reason(name, "")
        self.run("cancel", "-a", name)
        self.run("cupsenable", name)

    def run(self, *command: str, stdin: bytes | None = None) -> str:
        """Runs a CUPS command against this scheduler; its stdout.

        Raises:
            subprocess.CalledProcessError: If it fails.
        """
        done = subprocess.run(list(command), input=stdin, capture_output=True, check=True, timeout=30,
                              env=dict(os.environ, CUPS_SERVER=self.socket, LC_ALL="C"))
        return done.stdout.decode()

    def error_log(self) -> str:
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _reason_file(self, name: str) -> Path:
        return self.root / f"reason-{name}"

    def _answers(self) -> bool:
        if not os.path.exists(self.socket):
            return False
        done = subprocess.run(["lpstat", "-r"], capture_output=True, timeout=5, check=False,
                              env=dict(os.environ, CUPS_SERVER=self.socket, LC_ALL="C"))
        return done.returncode == 0 and b"is running" in done.stdout
