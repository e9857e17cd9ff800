"""The numeric keypad for the keypad-only UI tests, and what the simulated voice said."""

from __future__ import annotations

from kiosk.ui.touch import Keys


def keys_of(kiosk) -> Keys:  # noqa: ANN001
    """Real key presses to the kiosk window (activated first: keys go to the active window)."""
    kiosk.window.activateWindow()
    kiosk.qtbot.waitUntil(lambda: kiosk.window.isActiveWindow())
    return Keys(kiosk.window)


def voice_heard(kiosk, since: int = 0) -> list[str]:  # noqa: ANN001
    """What the voice said since the `since`-th utterance."""
    kiosk.qtbot.wait(1)  # a screen is read on the next turn of the event loop
    return kiosk.devices.speech.spoken[since:]


def face_check(kiosk, keys: Keys, persona) -> None:  # noqa: ANN001
    """The face in front of the camera, 6 (开始人脸识别 is the screen's next step), the service opens."""
    kiosk.devices.face.present(persona.key)
    keys.send("6")
    kiosk.settle()
    kiosk.wizard_ready()
