"""What the voice says for a screen, a message and a focused control (no Qt)."""

from __future__ import annotations

from kiosk.services import voice_script as v


def test_a_result_screen_reads_amounts_as_yuan_codes_digit_by_digit_and_no_mask() -> None:
    said = v.screen(v.ScreenText("办理结果", ("办理成功", "退款金额：1,366.40 元", "补打码：481209",
                                              "证件号码：3205**********0013\n手机：138****5600")))
    assert said.text == ("办理结果。办理成功。退款金额：一千三百六十六元四角。补打码：四、八、一、二、零、九。"
                         "证件号码：尾号零、零、一、三。手机：尾号五、六、零、零。")
    assert "一千三百六十六元四角" in said.text and "四、八、一、二、零、九" in said.text
    assert "3205" not in said.text and "*" not in said.text and "三二零五" not in said.text
    assert said.text.index("办理成功") < said.text.index("补打码")


def test_a_label_ending_in_a_colon_and_a_multi_line_label_read_as_sentences() -> None:
    said = v.screen(v.ScreenText("确认办理", ("请核实以下内容：", "办理事项：恢复\n期次：202606 期")))
    assert said.text == "确认办理。请核实以下内容。办理事项：恢复。期次：二、零、二、六、零、六期。"


def test_the_message_comes_last_and_keypad_use_adds_the_keys() -> None:
    said = v.screen(v.ScreenText("请输入密码", ("张**，您好。",), "密码错误，还可以再试 2 次"), keypad=True)
    assert said.text == "请输入密码。张，您好。密码错误，还可以再试两次。" + v.KEYPAD_HINT


def test_a_message_is_read_with_each_field_error_once() -> None:
    said = v.message("请按提示修改后再继续", ["请选择办理事项", "请按提示修改后再继续"])
    assert said.text == "请按提示修改后再继续。请选择办理事项。"


def test_controls_say_what_they_are_and_whether_they_can_be_used() -> None:
    assert v.control("返回首页").text == "返回首页，按钮。"
    assert v.control("恢复订阅", "choice", checked=True).text == "恢复订阅，选项，已选中。"
    assert v.control("我已阅读并同意", "checkbox", checked=False).text == "我已阅读并同意，勾选框，未选中。"
    assert v.control("退订", "choice", checked=False, enabled=False, reason="已办理 2 次").text == \
        "退订，选项，未选中，不可用，已办理两次。"


def test_a_password_key_is_never_named() -> None:
    for digit in "0123456789":
        said = v.control(digit, "pin_key")
        assert said.text == "密码键" and not said.secret
    assert v.submit_hint("确认提交").text == "确认提交，按钮。按五确认提交。"


def test_the_idle_warning_says_how_to_stay_by_touch_or_keypad() -> None:
    assert v.idle_warning("15 秒后将自动退出", "继续办理").text == "十五秒后将自动退出。要继续办理，请点击继续办理。"
    assert v.idle_warning("15 秒后将自动退出", "继续办理", keypad=True).text.endswith("请按六继续办理。")


def test_an_english_screen_is_read_in_english_with_the_english_keys() -> None:
    said = v.screen(v.ScreenText("Result", ("Done", "Refund: 1,366.40 yuan", "Reprint code: 481209",
                                            "ID number: 3205**********0013")), keypad=True, language="en")
    assert said.language == "en"
    assert said.text == ("Result. Done. Refund: 1,366 yuan 40 fen. Reprint code: 4 8 1 2 0 9. ID number: ending in "
                         "0 0 1 3. Press 8 to hear each item, 5 to choose it, star for help with the keys.")


def test_a_chinese_text_reaching_an_english_session_is_translated() -> None:
    assert v.message("请取回您的身份证", language="en").text == "Please take back your ID card."
    assert v.screen(v.ScreenText("请选择要办理的业务"), language="en").text == "Choose a service."
    assert v.sentence("请取回您的身份证", "en").text == "Please take back your ID card"


def test_english_controls_keys_and_hints() -> None:
    assert v.control("Restart paper", "choice", checked=True, language="en").text == "Restart paper, option, selected."
    assert v.control("I agree", "checkbox", checked=False, language="en").text == "I agree, check box, not selected."
    assert v.control("Stop paper", "choice", checked=False, enabled=False, reason="您已退订 202606 期纸质权益单",
                     language="en").text == \
        "Stop paper, option, not selected, not available, You have stopped the 2 0 2 6 0 6 paper statement."
    assert v.control("7", "pin_key", language="en").text == "password key"
    assert v.submit_hint("Confirm", "en").text == "Confirm, button. Press 5 to submit."
    assert v.keypad_help("en").text.startswith("Keys: press 8 for the next item, 2 for the previous item")
    assert v.hint("back", "en").text == "There is no step to go back to on this page."
    assert v.idle_warning("您已较长时间未操作，14 秒后将自动退出", "Continue", keypad=True, language="en").text == \
        "Logging out in 14 seconds. To carry on, press 6 for Continue."
    assert v.idle_warning("Logging out in 14 seconds", "Continue", language="en").text.endswith("To carry on, tap Continue.")


def test_a_keypad_user_hears_choose_where_the_screen_says_tap() -> None:
    said = v.screen(v.ScreenText("人脸识别", ("请正对摄像头，然后点击“开始人脸识别”",)), keypad=True)
    assert "然后选择“开始人脸识别”" in said.text and "点击" not in said.text
    assert "然后点击“开始人脸识别”" in v.screen(v.ScreenText("人脸识别", ("请正对摄像头，然后点击“开始人脸识别”",))).text
    english = v.screen(v.ScreenText("Face check", ("Tap the box, then tap “Start face check”.",)), keypad=True,
                       language="en")
    assert "Choose the box, then choose “Start face check”." in english.text
    assert "Tapestry" in v.for_keys("Tapestry", "en")  # a whole word only
