"""What the voice guidance says: a screen, a message, a focused control, the keypad's help.

Qt-free: the UI hands over the texts a screen shows (title, instructions, lines, message) and what
the focused control is; this module decides the words and the order, and `speech_text` puts the
numbers, amounts, codes and masks into words. Nothing here ever receives a password digit: a
control on the shuffled PIN pad is said as 密码键 only, so its layout is never heard either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kiosk.devices.speech.protocol import Utterance
from kiosk.services import speech_text

ControlKind = Literal["button", "checkbox", "choice", "pin_key"]

KEYPAD_HELP = ("按键说明：按八到下一项，按二到上一项，按五或确认键选择当前项，按六到下一步，按四返回上一步，"
               "按零重听本页，按星号听按键说明，按井号回到首页。")
KEYPAD_HINT = "按八逐项收听，按五选择，按星号听按键说明。"
SUBMIT_HINT = "按五确认提交。"
NOTHING_TO_DO = {"back": "本页不能返回上一步。", "next": "本页没有下一步，请按八逐项收听。",
                 "home": "已在首页。", "select": "请先按八选择一项。"}


@dataclass(frozen=True)
class ScreenText:
    """What a screen shows, in reading order.

    Attributes:
        title: The screen's (or the service's) title.
        lines: Instructions and content under it (step title, notes, details, results).
        message: The error, refusal or hint line, read last so the resident hears it after the context.
    """

    title: str
    lines: tuple[str, ...] = ()
    message: str = ""


def screen(text: ScreenText, *, keypad: bool = False) -> Utterance:
    """The whole screen, once, when it comes (and on 重听); the keypad hint after it in keypad use.

    A label's lines are sentences of their own; a lead-in ending in a colon is read as a pause.
    """
    lines = [line.strip().rstrip("：:") for text_ in text.lines for line in text_.split("\n")]
    return speech_text.screen(text.title, *lines, text.message, KEYPAD_HINT if keypad else "")


def idle_warning(text: str, button: str, *, keypad: bool = False) -> Utterance:
    """The countdown laid over the screen, and how to stay: the one thing to do before it logs out."""
    return speech_text.screen(text, f"要继续办理，请{'按六' if keypad else '点击'}{button}")


def message(text: str, errors: Sequence[str] = ()) -> Utterance:
    """A message that came while the screen stayed: the line under the title, then each field's error."""
    return speech_text.screen(text, *[e for e in errors if e != text])


def control(label: str, kind: ControlKind = "button", *, checked: bool | None = None, enabled: bool = True,
            reason: str = "", note: str = "") -> Utterance:
    """A control as the keypad focuses it: its words, what it is, whether it is chosen or usable.

    `pin_key` (a key of the shuffled password pad) is never said with its digit: the order in which
    the keys are met is the PIN layout.
    """
    if kind == "pin_key":
        return speech_text.utterance("密码键")
    what = {"button": "按钮", "checkbox": "勾选框", "choice": "选项"}[kind]
    state = "" if checked is None else ("已选中" if checked else "未选中")
    usable = "" if enabled else ("不可用，" + reason if reason else "不可用")
    return speech_text.screen("，".join(p for p in (label, what, state, usable) if p), note)


def hint(key: str) -> Utterance:
    """What the voice says when a key has nothing to do on this screen (see `NOTHING_TO_DO`)."""
    return speech_text.utterance(NOTHING_TO_DO[key])


def keypad_help() -> Utterance:
    return speech_text.utterance(KEYPAD_HELP)


def submit_hint(label: str) -> Utterance:
    """On the review step 6 only moves to the submit button: submitting takes a deliberate 5."""
    return speech_text.screen(f"{label}，按钮", SUBMIT_HINT)
