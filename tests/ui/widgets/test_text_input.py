"""TouchLineEdit: large, Chinese text by input method, or digits only."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from kiosk.ui.widgets import TouchLineEdit


def _shown(qtbot, edit):
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    return edit


def _commit(edit, text):
    # keyClicks aborts on non-ASCII text; a committed input-method event is what pinyin sends.
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def test_chinese_text_arrives_from_the_input_method(qtbot):
    edit = _shown(qtbot, TouchLineEdit(placeholder="请输入转出地公积金中心全称"))
    _commit(edit, "上海市")
    _commit(edit, "住房公积金管理中心")
    assert edit.text() == "上海市住房公积金管理中心"
    hints = edit.inputMethodHints()
    assert not hints & (Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhLatinOnly)
    assert edit.placeholderText() == "请输入转出地公积金中心全称"


def test_digits_mode_refuses_letters(qtbot):
    edit = _shown(qtbot, TouchLineEdit(digits=True, max_length=11))
    assert edit.is_digits_only()
    assert edit.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly
    qtbot.keyClicks(edit, "138a-0 5")
    assert edit.text() == "13805"
    _commit(edit, "张")
    assert edit.text() == "13805"


def test_max_length_holds(qtbot):
    edit = _shown(qtbot, TouchLineEdit(digits=True, max_length=11))
    qtbot.keyClicks(edit, "1381234567899")
    assert edit.text() == "13812345678"


def test_field_is_big_enough_to_tap(qtbot):
    edit = _shown(qtbot, TouchLineEdit())
    assert edit.height() >= 80
