"""One screen that renders any step of any service (the `STEP_VIEWS` table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.screens.base import BaseScreen, label
from kiosk.ui.screens.fields import FIELD_WIDGETS, DigitsField, FieldWidget
from kiosk.ui.widgets.keypad import KEYPAD_MAX, NumericKeypad
from kiosk.ui.widgets.paged_table import PagedTable
from kiosk.ui.widgets.buttons import TouchButton, TouchCheckBox
from kiosk.ui.widgets.step_indicator import StepIndicator
from kiosk.ui.widgets.touch_scroll import TouchScrollArea, settle_layout

if TYPE_CHECKING:  # annotations only: the home screen paints before the store (issue 15)
    from kiosk.services.wizard import Wizard


class WizardHost(BaseScreen):
    """Shows `wizard.step`; Next validates through the wizard, Submit asks the window to submit."""

    submitRequested = Signal()
    actionRequested = Signal(str)  # field key: run the field's action (e.g. send the SMS code)
    verifyRequested = Signal(str)  # step key: check the step against the store, then `verified`
    printViewRequested = Signal(str)  # step key: print what this view shows
    finishRequested = Signal()  # the last view of a query: 完成
    reviewShown = Signal()  # the review step is on screen: time to check the printers
    stepShown = Signal()  # a step was drawn (the screen stays the wizard): the voice reads it

    def __init__(self) -> None:
        super().__init__("")
        self.wizard: Wizard | None = None
        self.steps = StepIndicator()
        self.steps.setObjectName("step_indicator")
        # The service's title and where the resident is share one line in landscape (a column in
        # portrait): the height goes to the step's content.
        self.heading.addWidget(self.steps, 1)
        # The step's content scrolls; the keypad beside it (landscape) or under it (portrait) and
        # the table of a view never do, so no key is ever below the fold.
        self.work = self.side_by_side()
        self.scroll = TouchScrollArea()
        self.work.addWidget(self.scroll, 3)
        self.side = QVBoxLayout()
        self.work.addLayout(self.side, 2)
        self.body.addLayout(self.work, 1)
        self.content = QWidget()
        self.scroll.setWidget(self.content)
        self.fields: dict[str, FieldWidget] = {}
        self._active: DigitsField | None = None
        self.paged: PagedTable | None = None
        self._digit_fields: list[DigitsField] = []
        self._keypads: dict[bool, NumericKeypad] = {}  # shuffled? → the shared keypad (_step_keypad)
        self.agree: QCheckBox | None = None
        self.sms_code: QCheckBox | None = None  # 短信发送补打码, offered when a printer is not ready
        self.next_button = TouchButton("下一步")
        self.next_button.setObjectName("next")
        self.next_button.clicked.connect(self.go_next)
        self.submit_button = TouchButton("确认提交")
        self.submit_button.setObjectName("submit")
        self.submit_button.clicked.connect(self._submit_tapped)
        self.bar.insertWidget(1, self.next_button)
        self.bar.insertWidget(2, self.submit_button)
        # What cannot be undone (spec.confirm) is asked once more: this danger button, 返回修改 beside it.
        self.confirming = False
        self._code_by_sms = False
        self.confirm_button = TouchButton("", role="danger")
        self.confirm_button.setObjectName("confirm_submit")
        self.confirm_button.clicked.connect(self.submitRequested)
        self.confirm_button.hide()
        self.bar.insertWidget(3, self.confirm_button)
        self.print_button = TouchButton("打印本页内容", role="secondary")
        self.print_button.setObjectName("print_view")
        self.print_button.clicked.connect(
            lambda: self.wizard and self.printViewRequested.emit(self.wizard.step.key))
        self.bar.insertWidget(3, self.print_button)
        self.backRequested.connect(self._back_or_leave)
        self.leaveRequested = self.homeRequested  # Back on the first step leaves the service
        self.show_waiting("正在查询您的信息，请稍候…")

    # -- lifecycle ---------------------------------------------------------------------------
    def show_waiting(self, text: str) -> None:
        self.wizard = None
        self._clear_slots()
        self._replace_content([label(text, role="subtitle", name="wizard_waiting")])
        self.title.setText("")
        self.steps.set_steps([""], 0)
        self.next_button.hide()
        self.submit_button.hide()
        self.print_button.hide()
        self.confirming = False  # a confirmation left by a timeout is never shown to the next resident
        self.confirm_button.hide()
        self.back_button.setEnabled(False)

    def start(self, wizard: Wizard) -> None:
        self.wizard = wizard
        self.render()

    def clear(self) -> None:
        super().clear()
        self.show_waiting("")

    def set_submitting(self, busy: bool) -> None:
        button = self.confirm_button if self.confirming else self.submit_button
        spec = self.wizard.spec if self.wizard else None
        done = (spec.confirm_label if self.confirming else spec.submit_label) if spec else ""
        button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        button.setText("正在办理，请稍候…" if busy else done)

    # -- rendering ---------------------------------------------------------------------------
    def _clear_slots(self) -> None:
        while (item := self.side.takeAt(0)) is not None:
            if item.widget() in self._keypads.values():
                item.widget().hide()  # kept for the next step with digits (a shuffled one re-deals when shown)
                item.widget().setObjectName("")  # the step's keypad is the one named shared_keypad
            elif item.widget() is not None:
                item.widget().setParent(None)
                item.widget().deleteLater()
        self.work.setStretchFactor(self.side, 0)
        self.work.setStretchFactor(self.scroll, 1)

    def _replace_content(self, widgets: list[QWidget]) -> None:
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setSpacing(20)
        for w in widgets:
            layout.addWidget(w)
        layout.addStretch(1)
        self.scroll.setWidget(self.content)

    def render(self) -> None:
        wizard = self.wizard
        assert wizard is not None
        step = wizard.step
        index, total = wizard.position
        self.title.setText(wizard.spec.title)
        self.steps.set_steps([s.title for s in wizard.steps], index - 1)
        self.show_message("")
        self.confirming = False
        self.confirm_button.hide()
        self.fields = {}
        self.agree = None
        self.sms_code = None
        self.paged: PagedTable | None = None
        self._active, self._digit_fields = None, []
        self._clear_slots()
        number, questions = wizard.question_position
        heading = step.title + (f"（第 {number} 问，共 {questions} 问）" if questions > 1 else "")
        # 长辈版: where the resident is, in one line over the question; the step indicator's room goes
        # to the question and its keypad.
        self.steps.setVisible(not wizard.one_question)
        if wizard.one_question:
            heading = f"第 {index} 步，共 {total} 步：{heading}"
        widgets: list[QWidget] = [label(heading, role="subtitle", name="step_title")]
        widgets += STEP_VIEWS[step.kind](self, wizard)
        self._replace_content(widgets)
        self.next_button.setVisible(not wizard.at_review)
        self.print_button.setVisible(step.kind == "view")
        self.next_button.setText("完成" if wizard.spec.query and wizard.at_last else "下一步")
        self.submit_button.setVisible(wizard.at_review)
        self.submit_button.setText(wizard.spec.submit_label)
        self.submit_button.setEnabled(True)
        self.back_button.setEnabled(True)
        self.back_button.setText("返回上一步" if not wizard.at_first else "返回")
        if wizard.at_review:
            self.reviewShown.emit()
        self.stepShown.emit()

    def set_print_warning(self, text: str, masked_mobile: str | None) -> None:
        """Says on the review step that printing will fail, and offers the reprint code by SMS."""
        if self.wizard is None or not self.wizard.at_review or self.confirming:
            return
        layout = self.content.layout()  # step title first, then the warning: read before the details
        layout.insertWidget(1, label(text, role="error", name="print_warning"))
        if masked_mobile:
            self.sms_code = TouchCheckBox(f"办结后把补打码用短信发送到我的手机 {masked_mobile}")
            self.sms_code.setObjectName("sms_reprint_code")
            self.sms_code.setChecked(True)
            layout.insertWidget(2, self.sms_code)

    def wants_code_by_sms(self) -> bool:
        if self.confirming:
            return self._code_by_sms  # ticked on the review, which the confirmation replaced
        return self.sms_code is not None and self.sms_code.isChecked()

    def _notice(self, wizard: Wizard) -> list[QWidget]:
        return [label(wizard.step.text, name="notice_text")]

    def _details(self, wizard: Wizard) -> list[QWidget]:
        lines = wizard.details()
        out = [label("请核对以下信息，如有错误请到中心柜面更正：", role="hint")]
        out += [label(f"{line.label}：{line.value}", name=f"detail_{i}") for i, line in enumerate(lines)]
        return out

    def _form(self, wizard: Wizard) -> list[QWidget]:
        out: list[QWidget] = []
        today = wizard.ctx.today
        for spec in wizard.questions():  # 长辈版: one question per screen
            kind = FIELD_WIDGETS[spec.kind]
            shared = {"shared_keypad": True} if issubclass(kind, DigitsField) else {}  # the step's keypad, below
            widget = kind(spec, wizard.options(spec), wizard.disabled_options(spec), today, **shared)
            if spec.key in wizard.answers:
                widget.set_value(wizard.answers[spec.key])
            widget.actionRequested.connect(self.actionRequested)
            widget.check = lambda value, key=spec.key: wizard.check_field(key, value)
            widget.edited.connect(self._field_edited)
            self.fields[spec.key] = widget
            out.append(widget)
        digit_fields = [w for w in self.fields.values() if isinstance(w, DigitsField)]
        if digit_fields:
            # One keypad for the step's number fields, outside the scrolling content: always whole
            # on screen. Tapping a field makes it the one the keypad types into.
            keypad = self._step_keypad(shuffle=any(w.spec.kind == "password" for w in digit_fields))
            for w in digit_fields:
                w.share_keypad()
                w.activated.connect(self._activate)
            self._digit_fields = digit_fields
            self._activate(next((w for w in digit_fields if not w.value()), digit_fields[0]))
            self.side.addWidget(keypad)
            keypad.show()  # now, not on the next turn of the event loop: a tap may come first
            self.work.setStretchFactor(self.side, 2)
            self.work.setStretchFactor(self.scroll, 3)
        return out

    def _step_keypad(self, shuffle: bool) -> NumericKeypad:
        """The steps' shared keypad (plain or shuffled): made once, reused by every step with digits."""
        if shuffle not in self._keypads:
            keypad = NumericKeypad(shuffle=shuffle)
            keypad.setMaximumSize(KEYPAD_MAX, KEYPAD_MAX)
            keypad.keyPressed.connect(lambda key: self._active.press(key) if self._active else None)
            self._keypads[shuffle] = keypad
        self._keypads[shuffle].setObjectName("shared_keypad")
        return self._keypads[shuffle]

    def _activate(self, field: DigitsField) -> None:
        self._active = field
        for w in self._digit_fields:
            w.set_active(w is field)

    def show_info(self, key: str, text: str) -> None:
        if key in self.fields:
            self.fields[key].show_info(text)
            self.announced.emit(text)

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, widget in self.fields.items():
            widget.set_error(errors.get(key, ""))
        self.show_message(errors.get("", "") or ("请按提示修改后再继续" if errors else ""))

    def _field_edited(self, _key: str) -> None:
        """The step's 请按提示修改 line goes with the last field error it spoke of."""
        if self.message.text() and not any(w.error.text() for w in self.fields.values()):
            self.show_message("")

    def verified(self, errors: dict[str, str]) -> None:
        """The store's answer to `verifyRequested`: stay with the errors, or move on."""
        self.next_button.setEnabled(True)
        self.next_button.setText("下一步")
        if self.wizard is None:
            return
        if errors:
            self.show_errors(errors)
            return
        self.wizard.advance()
        self.render()

    def _declaration(self, wizard: Wizard) -> list[QWidget]:
        self.agree = TouchCheckBox(wizard.step.agree_label)
        self.agree.setObjectName("agree")
        self.agree.setChecked(wizard.answers.get(wizard.step.key) is True)
        self.agree.toggled.connect(lambda ticked: ticked and self.show_message(""))
        return [label(wizard.step.text, name="declaration_text"), self.agree]

    def _view(self, wizard: Wizard) -> list[QWidget]:
        content = wizard.view()
        out: list[QWidget] = [label(f"{k}：{v}", name=f"view_line_{i}") for i, (k, v) in enumerate(content.lines)]
        if content.table is not None:
            # Beside (landscape) or under (portrait) the lines, the table takes most of the room and
            # pages itself to fit it (it never scrolls).
            self.paged = PagedTable()
            self.paged.set_rows(content.table.columns, content.table.rows, content.start_row)
            self.side.addWidget(self.paged)
            self.paged.show()
            self.work.setStretchFactor(self.side, 3)
            self.work.setStretchFactor(self.scroll, 1)
        if content.note:
            out.append(label(content.note, role="emphasis", name="view_note"))
        return out

    def _review(self, wizard: Wizard) -> list[QWidget]:
        out: list[QWidget] = [label("请核实以下内容，确认无误后点击下方按钮；要改哪一项，点它旁边的“修改”：",
                                    role="hint")]
        group = ""
        for i, line in enumerate(wizard.review()):
            text = label(f"{line.label}：{line.value}", role="emphasis" if line.emphasis else "", name=f"review_{i}")
            if line.step and line.step != group:  # the first answer of a step carries its 修改
                group = line.step
                out.append(self._with_edit(text, line.step))
            else:
                out.append(text)
        return out

    def _with_edit(self, text: QWidget, step_key: str) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text, 1)
        edit = TouchButton("修改", role="secondary")
        edit.setObjectName(f"edit_{step_key}")
        edit.clicked.connect(lambda: self._edit(step_key))
        layout.addWidget(edit)
        return row

    def _edit(self, step_key: str) -> None:
        if self.wizard is not None:
            self.wizard.go_to(step_key)
            self.render()

    def _submit_tapped(self) -> None:
        wizard = self.wizard
        if wizard is not None and wizard.spec.confirm and not self.confirming:
            self._confirm(wizard)
            return
        self.submitRequested.emit()

    def _confirm(self, wizard: Wizard) -> None:
        """Once more before what cannot be undone: the consequence in one sentence, then the action."""
        self._code_by_sms = self.wants_code_by_sms()
        self.sms_code = None
        self.confirming = True
        # The figures the business turns on (amount, month) stay in view under the sentence.
        key_lines = [label(f"{line.label}：{line.value}", role="emphasis", name=f"confirm_line_{i}")
                     for i, line in enumerate(line for line in wizard.review() if line.emphasis)]
        self._replace_content([
            label("请再次确认", role="subtitle", name="step_title"),
            label(wizard.spec.confirm, role="large", name="confirm_text"),
            *key_lines,
            label(f"办理后不能撤回。确定要办理，请点击“{wizard.spec.confirm_label}”；"
                  "还要改动，请点击“返回修改”。", role="hint"),
        ])
        self.submit_button.hide()
        self.confirm_button.setText(wizard.spec.confirm_label)
        self.confirm_button.setEnabled(True)
        self.confirm_button.show()
        self.back_button.setText("返回修改")

    # -- navigation --------------------------------------------------------------------------
    def values(self) -> dict:
        if self.agree is not None:
            return {"agreed": self.agree.isChecked()}
        return {key: w.value() for key, w in self.fields.items()}

    def go_next(self) -> None:
        wizard = self.wizard
        if wizard is None:
            return
        if wizard.spec.query and wizard.at_last:
            self.finishRequested.emit()
            return
        errors = wizard.check(self.values())
        if errors:
            self.show_errors(errors)
            return
        if wizard.step.verify and wizard.last_question:
            self.next_button.setEnabled(False)
            self.next_button.setText("正在验证…")
            self.verifyRequested.emit(wizard.step.key)
            return
        wizard.advance()
        self.render()

    def _back_or_leave(self) -> None:
        wizard = self.wizard
        if wizard is None:
            return
        if self.confirming:  # 返回修改: the review again, every line with its 修改
            self.render()
            return
        if wizard.at_first:
            self.leaveRequested.emit()
            return
        wizard.back()
        self.render()

    def show_typing(self, focus: QWidget) -> bool:
        """Scrolls the field being typed in (`focus`) whole into view, with its count under it (最多 40 字，
        已输入 12 字) when there is room: the window has just given the keyboard its room
        (KioskWindow._make_keyboard_room). False when the two do not fit together."""
        content = self.scroll.widget()
        if content is None or not content.isAncestorOf(focus):
            return True
        settle_layout(self)
        box = next((w for w in self.fields.values() if w.isAncestorOf(focus)), focus)
        last = getattr(box, "count", focus)
        top = focus.mapTo(content, QPoint(0, 0)).y()
        bottom = last.mapTo(content, QPoint(0, last.height())).y()
        bar, height = self.scroll.area.verticalScrollBar(), self.scroll.area.viewport().height()
        if bar.value() > top or bar.value() + height < bottom:  # else nothing moves under the finger
            bar.setValue(min(top, bottom - height))
        return bottom - top <= height


STEP_VIEWS = {
    "notice": WizardHost._notice,
    "details": WizardHost._details,
    "form": WizardHost._form,
    "declaration": WizardHost._declaration,
    "review": WizardHost._review,
    "view": WizardHost._view,
}
