"""What the voice says for screen text: numbers as numbers, amounts in 元, codes digit by digit,
masked parts and secrets never."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.speech.protocol import Utterance
from kiosk.devices.speech.simulated import SimulatedSpeech
from kiosk.services.formatting import mask_account, mask_mobile, money, ymd
from kiosk.services.idnumber import mask
from kiosk.services.speech_text import digits, screen, utterance


def said(text: str) -> str:
    return utterance(text).text


@pytest.mark.parametrize(("screen_text", "words"), [
    ("您本月应缴 1,366.40 元", "您本月应缴一千三百六十六元四角"),
    ("二档（基数 6,500 元）月缴 1,820.00 元", "二档（基数六千五百元）月缴一千八百二十元"),
    ("缴费 100.05 元，手续费 0.05 元", "缴费一百元零五分，手续费五分"),
    ("余额 0.00 元", "余额零元"),
    ("贷款 300,000 元", "贷款三十万元"),
    ("月缴 390.4元", "月缴三百九十元四角"),
])
def test_amounts_are_read_in_yuan_jiao_fen(screen_text: str, words: str) -> None:
    assert said(screen_text) == words


def test_the_screens_own_money_format_is_read_as_money() -> None:
    assert said(f"应缴 {money(Decimal('12345.67'))}") == "应缴一万二千三百四十五元六角七分"


@pytest.mark.parametrize(("screen_text", "words"), [
    ("办理日期 2027-01-04", "办理日期二零二七年一月四日"),
    ("2027 年 1 月 4 日起生效", "二零二七年一月四日起生效"),
    ("首次扣款日 2027年2月18日", "首次扣款日二零二七年二月十八日"),
    ("参保月份 2026-12", "参保月份二零二六年十二月"),
    ("2027 年度", "二零二七年度"),
    ("营业时间 08:30-17:00", "营业时间八点三十分至十七点整"),
])
def test_dates_and_times_are_read_as_people_say_them(screen_text: str, words: str) -> None:
    assert said(screen_text) == words


def test_the_screens_own_date_format_is_read_as_a_date_even_alone() -> None:
    assert said(ymd(date(2030, 10, 1))) == "二零三零年十月一日"


@pytest.mark.parametrize(("screen_text", "words"), [
    ("补打码：481209", "补打码：四、八、一、二、零、九"),
    ("补打码 4 8 1 2 0 9", "补打码四、八、一、二、零、九"),
    ("验证码 036512，5 分钟内有效", "验证码零、三、六、五、一、二，五分钟内有效"),
    ("业务流水号 20270104000123", "业务流水号二、零、二、七、零、一、零、四、零、零、零、一、二、三"),
    ("业务流水号 SIP0123", "业务流水号S I P零、一、二、三"),
])
def test_codes_are_read_digit_by_digit_with_pauses(screen_text: str, words: str) -> None:
    assert said(screen_text) == words


@pytest.mark.parametrize(("screen_text", "words"), [
    ("共 3 笔，2 笔待审核", "共三笔，两笔待审核"),
    ("第 2 个，共 12 项", "第二个，共十二项"),
    ("2 月", "二月"),
    ("请在 10 分钟内完成", "请在十分钟内完成"),
    ("本月已缴 100%", "本月已缴百分之一百"),
    ("相似度 0.45", "相似度零点四五"),
    ("年满 60 岁", "年满六十岁"),
])
def test_other_numbers_are_read_as_numbers(screen_text: str, words: str) -> None:
    assert said(screen_text) == words


@pytest.mark.parametrize(("screen_text", "words"), [
    (f"身份证号：{mask('320571199001010013')}", "身份证号：尾号零、零、一、三"),
    (f"身份证号 {mask('32057119900101001X')}", "身份证号尾号零、零、一、叉"),
    (f"手机号 {mask_mobile('13812345600')}", "手机号尾号五、六、零、零"),
    (f"账号 {mask_account('6222021234567891234')}", "账号尾号一、二、三、四"),
    ("验证码已发送至 ***", "验证码已发送至"),
])
def test_masked_parts_are_never_read_only_the_visible_tail(screen_text: str, words: str) -> None:
    assert said(screen_text) == words


@pytest.mark.parametrize("number", ["320571199001010013", "13812345600", "6222021234567891234"])
def test_no_hidden_digit_and_no_star_reaches_the_voice(number: str) -> None:
    for masked in (mask(number), mask_mobile(number), mask_account(number)):
        words = said(f"号码 {masked}")
        hidden = number[:-4]
        assert "*" not in words and digits(hidden) not in words and not any(d in words for d in "0123456789")


def test_icons_and_layout_spaces_are_not_spoken() -> None:
    assert said("🔊 重听") == "重听"
    assert said("请 选择 业务") == "请选择业务"


def test_english_goes_to_the_english_voice_with_amounts_dates_and_codes_in_words() -> None:
    u = utterance("Please pay 1,366.40 yuan by 2027-01-04.")
    assert (u.text, u.language) == ("Please pay 1,366 yuan 40 fen by 4 January 2027.", "en")
    assert utterance("ID number 3205**********0013").text == "ID number ending in 0 0 1 3"


@pytest.mark.parametrize(("shown", "heard"), [
    ("Reprint code: 481209", "Reprint code: 4 8 1 2 0 9"),
    ("Reference number: YW2026031700100001", "Reference number: Y W 2 0 2 6 0 3 1 7 0 0 1 0 0 0 0 1"),
    ("Statement 202606 (covers 2025-07-01 to 2026-06-30)", "Statement 2 0 2 6 0 6 (covers 1 July 2025 to 30 June 2026)"),
    ("Refund: 0.45 yuan; fee 100 yuan", "Refund: 45 fen; fee 100 yuan"),
    ("Open 08:30-17:00, from 2026-03", "Open 8:30 am to 5 pm, from March 2026"),
    ("Back to home in 360 s", "Back to home in 360 seconds"),
    ("Mobile: 138****5600", "Mobile: ending in 5 6 0 0"),
    ("ID number: 32050119800101123X, phone 0512-66668888", "ID number: 3 2 0 5 0 1 1 9 8 0 0 1 0 1 1 2 3 X, phone "
                                                            "0 5 1 2-6 6 6 6 8 8 8 8"),
    ("Step 2 of 4: Confirm", "Step 2 of 4: Confirm"),
])
def test_an_english_session_reads_numbers_in_english(shown: str, heard: str) -> None:
    u = utterance(shown, language="en")
    assert (u.text, u.language) == (heard, "en")


def test_chinese_data_in_english_is_put_into_chinese_words_and_chinese_alone_stays_mandarin() -> None:
    assert utterance("Address: 星湖街 328 号", language="en").text == "Address: 星湖街三百二十八号"
    assert utterance("中文", language="en") == Utterance("中文", "zh")
    assert utterance("2 笔", language="zh").text == "两笔"  # a Chinese session is as before
    assert screen("Result", "Done", "", language="en").text == "Result. Done."


def test_a_secret_carries_no_text_and_the_voice_refuses_it() -> None:
    u = utterance("密码键盘：1 5 9 3 7 2 8 0 4 6", secret=True)
    assert u.secret and u.text == ""
    voice = SimulatedSpeech()
    voice.say(u)
    assert voice.spoken == [] and not voice.speaking


def test_a_screen_is_its_title_then_its_instruction() -> None:
    u = screen("缴费确认", "您本月应缴 1,366.40 元，请确认", "")
    assert u.text == "缴费确认。您本月应缴一千三百六十六元四角，请确认。"


@given(st.text(alphabet=st.sampled_from("0123456789０１２*,.:-年月日元% 号码X\u4e00a"), max_size=40) | st.text())
def test_any_text_becomes_words_without_a_star_or_a_digit(text: str) -> None:
    u = utterance(text)
    assert "*" not in u.text
    if u.language == "zh":
        assert not any(ch in u.text for ch in "0123456789０１２３４５６７８９")
    assert "*" not in utterance(text, language="en").text
