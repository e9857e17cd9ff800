"""Touch widgets shared by the kiosk's screens."""

from kiosk.ui.widgets.banner import DemoBanner
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.choice_list import ChoiceList
from kiosk.ui.widgets.countdown import IdleCountdownOverlay
from kiosk.ui.widgets.date_picker import TouchDatePicker
from kiosk.ui.widgets.keypad import DigitEntry, NumericKeypad
from kiosk.ui.widgets.message_panel import MessagePanel
from kiosk.ui.widgets.step_indicator import StepIndicator
from kiosk.ui.widgets.text_input import TouchLineEdit

__all__ = [
    "ChoiceList",
    "DemoBanner",
    "DigitEntry",
    "IdleCountdownOverlay",
    "MessagePanel",
    "NumericKeypad",
    "StepIndicator",
    "TouchButton",
    "TouchDatePicker",
    "TouchLineEdit",
]
