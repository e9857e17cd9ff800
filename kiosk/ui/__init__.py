"""The kiosk's Qt front end: theme, touch widgets and screens (the only package that imports PySide6)."""
