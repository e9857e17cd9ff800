"""What the voice says: a screen's text turned into words a Mandarin voice reads correctly.

A synthesizer reads "1,366.40" as digits and commas, "2027-01-04" as a subtraction and "****" as
stars, so the screens never speak their text as it is; they pass it through `utterance()`:

* amounts before 元 as money: "1,366.40 元" → 一千三百六十六元四角; "100.05 元" → 一百元零五分;
* dates and years digit by digit, as people say them: "2027-01-04" and "2027 年 1 月 4 日" →
  二零二七年一月四日; times "08:30-17:00" → 八点三十分至十七点整;
* codes digit by digit with a pause between digits, so a resident can write them down: any digit
  run of 5 or more (补打码, mobile, serial) or with a leading 0, and digits spaced one by one
  ("4 8 1 2 0 9"): 四、八、一、二、零、九;
* other numbers as numbers: "3 笔" → 三笔 (两 before a measure word: "2 笔" → 两笔), "0.45" → 零点四五;
* masked parts never: only the visible tail is read, "3205**********0013" → 尾号零、零、一、三,
  "138****5600" → 尾号五、六、零、零; nothing visible, nothing said;
* Latin letters in Chinese text one by one ("SIP" → S I P), as the Mandarin voice names letters;
* English text goes to the English voice, its numbers, dates and codes put into English words by
  `kiosk.services.speech_english`: in an English session every text with a Latin letter (or none
  at all), in a Chinese one a text with Latin letters and no Chinese character.

`secret=True` (a password digit, the PIN pad's layout) drops the text: the voice refuses it and logs
the refusal, and even a voice that forgot to check would have nothing to say.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import cn2an

from kiosk.devices.speech.protocol import Language, Utterance
from kiosk.services import speech_english

_DIGIT = dict(zip("0123456789Xx", "零一二三四五六七八九叉叉"))
_PAUSE = "、"
_MEASURE = "个笔项次份张位天页种"  # "2" before these is 两 (not 月: 2 月 is February, 二月)
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LONGEST_NUMBER = 12  # digits cn2an reads as one number (千亿); a longer one is a code
# Space next to a Chinese character or punctuation is layout, not a pause a voice should make.
_LAYOUT_SPACE = re.compile(r"\s+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])|"
                           r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\s+")

_RULES = re.compile(r"""
    (?P<masked>[0-9A-Za-z]*\*+(?P<tail>[0-9A-Za-z]*))
  | (?P<date>(?P<y>[0-9]{4})\s*(?P<sep>[-/年])\s*(?P<m>[0-9]{1,2})\s*(?:(?P=sep)|月)\s*(?P<d>[0-9]{1,2})(?:\s*日)?)(?![0-9])
  | (?P<ym>(?P<y2>[0-9]{4})\s*(?:-|年)\s*(?P<m2>[0-9]{1,2})(?:\s*月)?)(?![0-9-])
  | (?P<year>[0-9]{4})\s*年
  | (?P<time>(?P<hh>[01]?[0-9]|2[0-3]):(?P<mm>[0-5][0-9]))(?:\s*[-~～至]\s*(?P<hh2>[01]?[0-9]|2[0-3]):(?P<mm2>[0-5][0-9]))?(?![0-9])
  | (?P<amount>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*元
  | (?P<percent>[0-9]+(?:\.[0-9]+)?)\s*%
  | (?P<spaced>[0-9](?:[ \u3000][0-9]){3,})(?![0-9])
  | (?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+)
  | (?P<run>[0-9]+)(?P<measure>\s*[""" + _MEASURE + r"""])?
""", re.VERBOSE)


def utterance(text: str, *, secret: bool = False, language: Language = "zh") -> Utterance:
    """The words to say for a piece of screen text in the session's `language` (rules: module docstring).

    An English session's text with Chinese and no Latin letter (home's 中文 button) is Mandarin.
    """
    if secret:
        return Utterance("", secret=True)
    chinese, latin = _CJK.search(text), _LATIN.search(text)
    english = (latin or not chinese) if language == "en" else (latin and not chinese)
    if english:
        return Utterance(speech_english.words(text.translate(_FULLWIDTH_DIGITS), spoken), language="en")
    return Utterance(spoken(text))


def screen(*parts: str, language: Language = "zh") -> Utterance:
    """One utterance for a screen: its title, its instruction, a message; blank parts left out."""
    kept = [p.strip() for p in parts if p and p.strip()]
    if language == "en":
        text = " ".join(p if p[-1] in "。！？!?.…" else p + "." for p in kept)
    else:
        text = "".join(p if p[-1] in "。！？!?." else p + "。" for p in kept)
    return utterance(text, language=language)


def spoken(text: str) -> str:
    """Chinese screen text with its numbers, dates, codes and masks put into words."""
    words = _RULES.sub(_say, text.translate(_FULLWIDTH_DIGITS))
    # The Mandarin voice reads a Latin word it cannot take as pinyin in English ("SIP" as "sip"):
    # letters one by one are read with their Chinese letter names.
    words = _LATIN_WORD.sub(lambda m: " ".join(m.group().upper()), words)
    words = "".join(ch for ch in words if unicodedata.category(ch) not in ("So", "Sk", "Co"))  # emoji, icons
    return _LAYOUT_SPACE.sub("", words).strip()


def digits(code: str) -> str:
    """A code read one digit at a time with a pause between: "481209" → 四、八、一、二、零、九."""
    return _PAUSE.join(_DIGIT.get(ch, ch) for ch in code if not ch.isspace())


def number(value: str) -> str:
    """A number as a number: "4,880" → 四千八百八十, "0.45" → 零点四五."""
    plain = value.replace(",", "")
    if len(plain.split(".")[0]) > _LONGEST_NUMBER:
        return digits(plain.replace(".", "点"))
    return cn2an.an2cn(plain, "low")


def money(value: str | Decimal) -> str:
    """An amount in 元, 角 and 分: "1,366.40" → 一千三百六十六元四角, "100.05" → 一百元零五分."""
    amount = Decimal(str(value).replace(",", "")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    yuan, cents = divmod(int(amount * 100), 100)
    jiao, fen = divmod(cents, 10)
    words = f"{number(str(yuan))}元" if yuan or not cents else ""
    if jiao:
        words += f"{_DIGIT[str(jiao)]}角"
    elif fen and yuan:
        words += "零"
    if fen:
        words += f"{_DIGIT[str(fen)]}分"
    return words


def _say(match: re.Match[str]) -> str:
    g = match.group
    if g("masked") is not None:
        return f"尾号{digits(g('tail'))}" if g("tail") else ""
    if g("date") is not None:
        return f"{_year(g('y'))}年{number(str(int(g('m'))))}月{number(str(int(g('d'))))}日"
    if g("ym") is not None:
        return f"{_year(g('y2'))}年{number(str(int(g('m2'))))}月"
    if g("year") is not None:
        return f"{_year(g('year'))}年"
    if g("time") is not None:
        end = f"至{_clock(g('hh2'), g('mm2'))}" if g("hh2") else ""
        return _clock(g("hh"), g("mm")) + end
    if g("amount") is not None:
        return money(g("amount"))
    if g("percent") is not None:
        return f"百分之{number(g('percent'))}"
    if g("spaced") is not None:
        return digits(g("spaced"))
    if g("number") is not None:
        return number(g("number"))
    run, measure = g("run"), (g("measure") or "").strip()
    if len(run) >= 5 or (len(run) > 1 and run.startswith("0")):
        return digits(run) + measure
    ordinal = match.string[:match.start()].rstrip().endswith("第")  # 第 2 个 is 第二个, 2 个 is 两个
    return ("两" if run == "2" and measure and not ordinal else number(run)) + measure


def _clock(hours: str, minutes: str) -> str:
    """08:30 → 八点三十分, 17:00 → 十七点整."""
    return f"{number(str(int(hours)))}点" + (f"{number(str(int(minutes)))}分" if int(minutes) else "整")


def _year(year: str) -> str:
    """2027 → 二零二七: a year is said digit by digit, without the pauses of a code."""
    return "".join(_DIGIT[ch] for ch in year)
