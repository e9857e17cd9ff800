"""The kiosk's push button, sized and styled for fingers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui import theme

#: Roles a screen may ask for; "key" and "choice" are used by the keypad and ChoiceList.
ROLES = ("primary", "secondary", "danger", "key", "choice")


class TouchButton(QPushButton):
    """A push button at least 80 px high whose look comes from its role.

    Args:
        text: The label, in Chinese.
        role: "primary" (white on dark blue), "secondary" (blue on white) or "danger" (white on
            red); the style sheet selects on it as ``QPushButton[role="..."]``.
        parent: The parent widget.

    Raises:
        ValueError: For an unknown role, so a typo fails at once instead of looking unstyled.
    """

    def __init__(self, text: str, role: str = "primary", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        if role not in ROLES:
            raise ValueError(f"unknown button role {role!r}; expected one of {ROLES}")
        self.setProperty("role", role)
        self.setMinimumHeight(theme.BUTTON_MIN_HEIGHT)
        # A tap must not take the focus: the virtual keyboard stays bound to the text field the
        # resident is typing into, and no focus rectangle is drawn on a screen without a keyboard.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # On a kiosk there is no Enter key to press a "default" button by accident.
        self.setAutoDefault(False)

    def role(self) -> str:
        """The role given at construction or by `set_role`."""
        return str(self.property("role"))

    def set_role(self, role: str) -> None:
        """Change the role (and so the colours) of the button.

        Raises:
            ValueError: For an unknown role.
        """
        if role not in ROLES:
            raise ValueError(f"unknown button role {role!r}; expected one of {ROLES}")
        theme.restyle(self, role=role)
