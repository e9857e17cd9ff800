"""The 80 mm thermal receipt printer."""
