"""The demo personas (fictional residents) and the seeding of the demo database.

Kept out of kiosk/store so the store does not depend on the services. One module per domain; each
may define:

- `personas(days)`: its personas, with dates relative to `days.today` (kiosk/demo/builder.py);
- `expected(days)`: {persona key: {service id: Expectation}} for personas of any module;
- `seed(tx, person, persona)`: writes its domain's rows for a persona (from `persona.data`).
"""
