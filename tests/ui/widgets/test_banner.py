"""DemoBanner: nobody can miss that the kiosk is in demo mode."""

from PySide6.QtCore import Qt

from kiosk.ui.widgets import DemoBanner


def test_banner_says_demo_mode(qtbot):
    banner = DemoBanner()
    qtbot.addWidget(banner)
    banner.show()
    assert banner.objectName() == "demo_banner"
    assert banner.text() == "演示模式 · 模拟设备 · 演示数据，不办理真实业务"
    assert banner.alignment() & Qt.AlignmentFlag.AlignHCenter
    assert banner.accessibleName() == banner.text()
