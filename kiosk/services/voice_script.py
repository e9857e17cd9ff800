"""What the voice guidance says: a screen, a message, a focused control, the keypad's help.

Qt-free: the UI hands over the texts a screen shows (title, instructions, lines, message) and what
the focused control is; this module decides the words and the order, and `speech_text` puts the
numbers, amounts, codes and masks into words. Nothing here ever receives a password digit: a
control on the shuffled PIN pad is said as 密码键 only, so its layout is never heard either.

Every function speaks the session's `language`: in English the screen's texts (already English on
the widgets, or a Chinese msgid such as a message, translated here through kiosk.i18n) and this
module's own framing (the keys, 按钮, 已选中…: msgids of the English catalogue) go to the English voice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kiosk.devices.speech.protocol import Language, Utterance
from kiosk.i18n import translate
from kiosk.services import speech_text

ControlKind = Literal["button", "checkbox", "choice", "pin_key"]

KEYPAD_HELP = ("按键说明：按八到下一项，按二到上一项，按五或确认键选择当前项，按六到下一步，按四返回上一步，"
               "按零重听本页，按星号听按键说明，按井号回到首页。")
KEYPAD_HINT = "按八逐项收听，按五选择，按星号听按键说明。"
SUBMIT_HINT = "按五确认提交。"
NOTHING_TO_DO = {"back": "本页不能返回上一步。", "next": "本页没有下一步，请按八逐项收听。",
                 "home": "已在首页。", "select": "请先按八选择一项。"}
PIN_KEY = "密码键"
KINDS = {"button": "按钮", "checkbox": "勾选框", "choice": "选项"}
CHECKED, UNCHECKED, UNUSABLE = "已选中", "未选中", "不可用"
STAY = {"touch": "要继续办理，请点击{button}", "keypad": "要继续办理，请按六{button}"}
_COMMA = {"zh": "，", "en": ", "}
# A screen's "tap X" is heard as "choose X" by a keypad user, who reaches X with 8 and chooses with 5.
_TAP = {"zh": (re.compile("点击"), lambda m: "选择"),
        "en": (re.compile(r"\b[Tt]ap\b"), lambda m: "Choose" if m.group(0)[0] == "T" else "choose")}


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


def screen(text: ScreenText, *, keypad: bool = False, language: Language = "zh") -> Utterance:
    """The whole screen, once, when it comes (and on 重听); the keypad hint after it in keypad use.

    A label's lines are sentences of their own; a lead-in ending in a colon is read as a pause.
    """
    lines = [line.strip().rstrip("：:") for text_ in text.lines for line in text_.split("\n")]
    parts = [translate(p, language) for p in (text.title, *lines, text.message)]
    if keypad:
        parts = [for_keys(p, language) for p in parts] + [translate(KEYPAD_HINT, language)]
    return speech_text.screen(*parts, language=language)


def for_keys(text: str, language: Language = "zh") -> str:
    """A screen's words for a keypad user: 点击 / tap become 选择 / choose (they have no finger on it)."""
    pattern, word = _TAP[language]
    return pattern.sub(word, text)


def idle_warning(text: str, button: str, *, keypad: bool = False, language: Language = "zh") -> Utterance:
    """The countdown laid over the screen, and how to stay: the one thing to do before it logs out."""
    stay = translate(STAY["keypad" if keypad else "touch"], language).format(button=translate(button, language))
    return speech_text.screen(translate(text, language), stay, language=language)


def message(text: str, errors: Sequence[str] = (), language: Language = "zh") -> Utterance:
    """A message that came while the screen stayed: the line under the title, then each field's error."""
    parts = [translate(p, language) for p in (text, *[e for e in errors if e != text])]
    return speech_text.screen(*dict.fromkeys(parts), language=language)


def sentence(text: str, language: Language = "zh") -> Utterance:
    """One text the kiosk says of its own (the card reminder), in the session's language."""
    return speech_text.utterance(translate(text, language), language=language)


def control(label: str, kind: ControlKind = "button", *, checked: bool | None = None, enabled: bool = True,
            reason: str = "", note: str = "", language: Language = "zh") -> Utterance:
    """A control as the keypad focuses it: its words, what it is, whether it is chosen or usable.

    `pin_key` (a key of the shuffled password pad) is never said with its digit: the order in which
    the keys are met is the PIN layout.
    """
    def t(text: str) -> str:
        return translate(text, language)

    if kind == "pin_key":
        return speech_text.utterance(t(PIN_KEY), language=language)
    comma = _COMMA[language]
    state = "" if checked is None else t(CHECKED if checked else UNCHECKED)
    usable = "" if enabled else (t(UNUSABLE) + comma + t(reason) if reason else t(UNUSABLE))
    said = comma.join(p for p in (t(label), t(KINDS[kind]), state, usable) if p)
    return speech_text.screen(said, t(note), language=language)


def hint(key: str, language: Language = "zh") -> Utterance:
    """What the voice says when a key has nothing to do on this screen (see `NOTHING_TO_DO`)."""
    return speech_text.utterance(translate(NOTHING_TO_DO[key], language), language=language)


def keypad_help(language: Language = "zh") -> Utterance:
    return speech_text.utterance(translate(KEYPAD_HELP, language), language=language)


def submit_hint(label: str, language: Language = "zh") -> Utterance:
    """On the review step 6 only moves to the submit button: submitting takes a deliberate 5."""
    said = _COMMA[language].join((translate(label, language), translate(KINDS["button"], language)))
    return speech_text.screen(said, translate(SUBMIT_HINT, language), language=language)
