"""Voice guidance wired to the window: each screen read when it comes, messages, 重听, headphones.

The words are decided in `kiosk.services.voice_script` (Qt-free); this module only gathers what a
screen shows and hands it over. The voice speaks while `window.presentation.voice` is on (长辈版, the
语音 button on home, keypad use, or headphones plugged in); 重听 reads the screen even when it is off.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.devices.headphones.protocol import PlugWatcher
from kiosk.devices.speech.protocol import Language, Utterance
from kiosk.services import voice_script
from kiosk.services.presentation import Presentation
from kiosk.ui.bridge import Bridge
from kiosk.ui.touch import window_rect
from kiosk.ui.widgets.step_indicator import StepIndicator

log = logging.getLogger(__name__)

JACK_POLL_MS = 1000  # like the card readers: a plug-in is heard within a second
# Labels that are no text to read: the typed digits (a password's ●○ above all), the scroll cue.
_UNREAD = {"digit_display", "more_below"}


def screen_text(screen: QWidget, root: QWidget | None = None) -> voice_script.ScreenText:
    """The title, every visible line of the screen top to bottom, and the message line last."""
    title, message = screen.title, screen.message
    labels = [w for w in (root or screen).findChildren(QLabel)
              if w.isVisible() and w.text().strip() and w not in (title, message) and _read(w, screen)]
    labels.sort(key=lambda w: (window_rect(w).y(), window_rect(w).x()))
    return voice_script.ScreenText(title.text() if title.isVisible() else "", tuple(w.text() for w in labels),
                                   message.text())


def _read(widget: QLabel, screen: QWidget) -> bool:
    if widget.objectName() in _UNREAD:
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not screen:
        # Of the step indicator only its counter (第 2 步 / 共 5 步): the neighbours' titles are decoration,
        # and while the service is still being looked up (no title yet) it counts nothing.
        if isinstance(parent, StepIndicator):
            return widget.objectName() == "step_counter" and bool(screen.title.text())
        parent = parent.parentWidget()
    return True


class VoiceGuide(QObject):
    """Speaks through `window.devices.speech`; one reading per event-loop turn (a screen change that
    also shows a message is read once, with the message last)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.speech = window.devices.speech
        self.jack = PlugWatcher(window.devices.headphones)
        self._by_headphones = False  # the voice was started by plugging in: unplugging stops it
        self._pending: str | None = None  # "screen" or a message's text, spoken on the next turn
        self._pending_errors: tuple[str, ...] = ()
        self._was_on = window.presentation.voice
        self._language = window.presentation.language
        window.screenChanged.connect(self._screen_changed)
        window.presentationChanged.connect(self._presentation_changed)
        window.repeat_button.clicked.connect(self.repeat)
        for screen in window.screens.values():
            screen.announced.connect(lambda text, s=screen: self._announced(s, text))
        window.wizard.stepShown.connect(lambda: self._queue("screen"))
        window.home.pageShown.connect(lambda: self._queue("screen"))  # 长辈版: a category's page
        result = window.result
        result.printStatusShown.connect(lambda: self._queue_message(result.printing.text(), (result.code.text(),)))
        window.home.voiceRequested.connect(self._switch)
        window.presentationChanged.connect(lambda p: window.home.show_voice(p.voice))
        # Its own worker: the card readers' poll skips a turn while its bridge is busy, so sharing it
        # would make a card put down meanwhile wait (or, in a test, be missed).
        self.bridge = Bridge(self)
        self.jack_timer = QTimer(self, interval=JACK_POLL_MS, timeout=self.poll_headphones)
        self.jack_timer.start()
        window.installEventFilter(self)
        window.overlay.installEventFilter(self)  # the idle warning is read when it comes

    @property
    def on(self) -> bool:
        return self.window.presentation.voice

    def current(self) -> QWidget:
        return self.window.screens[self.window.state.screen]

    def repeat(self) -> None:
        """🔊 重听 or the keypad's 0: the screen again, from its title, even with the voice off."""
        self._pending = None
        self.speech.say(self._screen_utterance())

    def say(self, utterance: Utterance, *, always: bool = False) -> None:
        """Says `utterance` now (replacing what was being said) if the voice is on, or `always`."""
        if self.on or always:
            self._pending = None
            self.speech.say(utterance)

    @property
    def language(self) -> Language:
        """The session's language: the voice speaks what the screen shows, in its words."""
        return self.window.presentation.language

    def tell(self, text: str) -> None:
        """A sentence of the kiosk's own (the card reminder), in the session's language, voice on or off;
        a screen waiting to be read is still read after it."""
        self.speech.say(voice_script.sentence(text, self.language))

    def _screen_utterance(self) -> Utterance:
        overlay = self.window.overlay
        keypad = self.window.presentation.input == "keypad"
        if overlay.isVisible():  # the idle warning covers the screen: it is what there is to hear
            text = " ".join(w.text() for w in overlay.findChildren(QLabel))
            button = overlay.findChild(QAbstractButton, "continue")
            return voice_script.idle_warning(text, button.text(), keypad=keypad, language=self.language)
        return voice_script.screen(screen_text(self.current()), keypad=keypad, language=self.language)

    def _screen_changed(self, _name: str) -> None:
        self.speech.stop()  # the last screen's words end as soon as the next screen comes
        self._queue("screen")

    def _announced(self, screen: QWidget, text: str) -> None:
        if screen is self.current():
            errors = [w.text() for w in screen.findChildren(QLabel)
                      if w.property("role") == "error" and w.isVisible() and w.text() and w is not screen.message]
            self._queue_message(text, tuple(errors))

    def _queue_message(self, text: str, more: tuple[str, ...] = ()) -> None:
        if text and self._pending != "screen":
            self._pending_errors = more
            self._queue(text)

    def _switch(self, on: bool) -> None:
        """The 语音 button on home."""
        self.window.set_presentation(replace(self.window.presentation, voice=on))

    def _queue(self, what: str) -> None:
        if not self.on:
            return
        first = self._pending is None
        if what == "screen" or self._pending != "screen":
            self._pending = what
        if first:
            QTimer.singleShot(0, self._flush)

    def _flush(self) -> None:
        what, self._pending = self._pending, None
        if what is None or not self.on:
            return
        if what == "screen":
            self.speech.say(self._screen_utterance())
        else:
            self.speech.say(voice_script.message(what, self._pending_errors, self.language))

    def _presentation_changed(self, presentation: Presentation) -> None:
        was_on, self._was_on = self._was_on, presentation.voice
        spoke, self._language = self._language, presentation.language
        if not presentation.voice:
            self._pending = None
            self._by_headphones = False
            self.speech.stop()
        elif not was_on or spoke != presentation.language:
            # Just switched on, or to the other language: the resident hears where they are, in it.
            self._queue("screen")

    # -- the idle warning, closing, headphones ---------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window.overlay and event.type() == QEvent.Type.Show:
            self._queue("screen")
        # Hidden (not minimised) only when the kiosk closed: a resident's close is ignored, not hidden.
        if watched is self.window and event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.jack_timer.stop()  # no poll after the worker is gone
            self.speech.stop()
            self.bridge.shutdown()
        return False

    def poll_headphones(self) -> None:
        """Reads the jack off the GUI thread (amixer may take a moment); a plug-in turns the voice on."""
        if self.bridge.busy:
            return
        self.bridge.run(self.jack.poll, self._jack_event, lambda exc: log.error("headphone poll failed: %s", exc))

    def _jack_event(self, event: str | None) -> None:
        presentation = self.window.presentation
        if event == "plugged_in" and not presentation.voice:
            log.info("headphones plugged in: voice guidance on")
            self.window.set_presentation(replace(presentation, voice=True))
            self._by_headphones = True
        elif event == "unplugged" and self._by_headphones:
            log.info("headphones unplugged: voice guidance off")
            self.window.set_presentation(replace(presentation, voice=False))
