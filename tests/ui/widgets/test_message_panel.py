"""MessagePanel: errors, information and success in big words and fitting colours."""

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.ui.widgets import MessagePanel


@pytest.fixture
def panel(qtbot):
    widget = MessagePanel()
    qtbot.addWidget(widget)
    return widget


def test_hidden_until_there_is_something_to_say(panel):
    assert not panel.isVisible()


def test_error_shows_title_and_body_in_the_error_tone(panel):
    panel.show_error("身份证号码校验位错误", "请核对后重新输入")
    assert panel.isVisible()
    assert panel.findChild(QLabel, "message_title").text() == "身份证号码校验位错误"
    assert panel.findChild(QLabel, "message_body").text() == "请核对后重新输入"
    assert panel.tone() == "error"
    for widget in (panel, panel.findChild(QLabel, "message_title"), panel.findChild(QLabel, "message_body")):
        assert widget.property("tone") == "error"
    assert "身份证号码校验位错误" in panel.accessibleName()


@pytest.mark.parametrize(("method", "tone"), [("show_info", "info"), ("show_success", "success")])
def test_other_tones(panel, method, tone):
    getattr(panel, method)("办理成功", "凭证正在打印")
    assert panel.tone() == tone
    assert panel.findChild(QLabel, "message_title").property("tone") == tone
    assert panel.title() == "办理成功" and panel.body() == "凭证正在打印"


def test_title_only_hides_the_empty_body(panel):
    panel.show_info("请稍候")
    assert not panel.findChild(QLabel, "message_body").isVisible()


def test_clear_hides_the_panel(panel):
    panel.show_error("读卡失败", "请重新插卡")
    panel.clear()
    assert not panel.isVisible()
    assert panel.title() == "" and panel.tone() == ""
