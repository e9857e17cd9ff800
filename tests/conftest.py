"""Suite-wide settings: Qt runs offscreen unless a test is marked to need a real X window."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep Qt's own chatter about fonts and the offscreen platform out of the strict log check.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
