"""Hardware of the kiosk: one protocol per device, each with a simulated implementation."""
