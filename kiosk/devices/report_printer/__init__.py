"""The A4 report printer."""
