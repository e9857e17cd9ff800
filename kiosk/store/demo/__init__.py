"""Demo data, one module per domain. Each module may define:

- `PERSONAS`: new personas;
- `EXPECTED`: {persona key: {service id: Expectation}} for personas of any module;
- `seed(tx, person, persona)`: writes its domain's rows for a persona (from `persona.data`).
"""
