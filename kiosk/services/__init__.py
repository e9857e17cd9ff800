"""The business layer: service specs, the wizard engine, rules, log-in and submissions. No Qt here."""
