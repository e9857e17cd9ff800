"""Voice guidance: speaks a screen's text aloud, or records it (demo, tests)."""
