"""Text widgets that keep their Chinese source and show it in the session's language (kiosk.i18n).

Screens set Chinese texts as before; `setText` shows the translation, and `retranslate()` (called
by the window when the resident switches 中文 / English) shows the kept source again in the new
language.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kiosk import i18n


class TranslatedText:
    """Mixin for a Qt widget with `setText`: the source is kept, the translation shown."""

    _source = ""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        self._source = text
        super().setText(i18n.tr(text))

    def source_text(self) -> str:
        """The Chinese text the screen set (what `text()` shows translated)."""
        return self._source

    def retranslate(self) -> None:
        super().setText(i18n.tr(self._source))


class TrLabel(TranslatedText, QLabel):
    """A QLabel whose text follows the session's language; `TrLabel(text)` or `TrLabel(parent)`."""

    def __init__(self, text: str | QWidget = "", parent: QWidget | None = None) -> None:
        if isinstance(text, QWidget):
            text, parent = "", text
        super().__init__(parent)
        self.setText(text)

    def clear(self) -> None:
        self._source = ""
        super().clear()
