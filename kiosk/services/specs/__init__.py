"""Service specs, one module per category; each module exposes `SPECS`."""
