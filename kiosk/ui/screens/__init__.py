"""One screen per state of the session flow (kiosk.services.session_flow.Screen)."""
