"""The UI soak: sessions through the real window leave no widgets behind and memory stays flat."""

from __future__ import annotations

from click.testing import CliRunner

from kiosk.cli import main
from kiosk.ui.soak_ui import run_ui_soak

SESSIONS, EVERY, WARM_UP = 300, 50, 100


def test_sessions_through_the_window_leave_no_widgets_behind(qapp) -> None:  # noqa: ANN001
    report = run_ui_soak(SESSIONS, seed=3, every=EVERY)
    lines = "\n".join(s.line() for s in report.samples)
    warm = [s for s in report.samples if s.sessions >= WARM_UP]
    assert [s.sessions for s in warm] == list(range(WARM_UP, SESSIONS + 1, EVERY)), lines
    # Every screen is back at home between sessions: the same widgets, none piling up.
    assert len({(s.widgets, s.qobjects, s.app_widgets) for s in warm}) == 1, lines
    assert max(s.gc_objects for s in warm) - warm[0].gc_objects < 20_000, lines
    # Bounded, not timed: a widget tree leaked per session is megabytes per hundred sessions.
    assert warm[-1].rss_kb - warm[0].rss_kb < 12 * 1024, lines
    assert sum(report.outcomes.values()) == SESSIONS
    assert any(k.startswith("ended by") for k in report.outcomes), report.outcomes


def test_kiosk_soak_ui_prints_memory_as_it_goes(qapp) -> None:  # noqa: ANN001
    result = CliRunner().invoke(main, ["soak", "--ui", "--sessions", "4", "--every", "2", "--warm-up", "2"])
    assert result.exit_code == 0, result.output
    samples = [line for line in result.output.splitlines() if " sessions  RSS " in line]
    assert [line.split()[0] for line in samples] == ["0", "2", "4"]
    assert "widgets" in samples[-1] and "gc objects" in samples[-1]
    assert "MB per 1,000 sessions" in result.output
