// The kiosk's look for Qt Virtual Keyboard (QT_VIRTUALKEYBOARD_STYLE=kiosk, set by kiosk/ui/app.py).
// Every label is drawn opaque: dark on white keys, white on blue action keys, 7:1 or more, so the
// keyboard meets the high-contrast theme as well as the standard one (the built-in style fades the
// space key's language name to 3.08:1). Each key has a dark outline (3:1 or more on the keyboard's
// grey), and labels are words rather than icons: 删除, 换行, 收起, 中/英.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Styles
import QtQuick.VirtualKeyboard.Settings

KeyboardStyle {
    id: kioskStyle

    // Colours of kiosk/ui/theme.py: TEXT, PRIMARY, BORDER_COLOR, FOCUS_FILL, DISABLED_*.
    readonly property color boardColor: "#D5DAE0"
    readonly property color keyColor: "#FFFFFF"
    readonly property color keyTextColor: "#1A1A1A"     // 17:1 on white, 13:1 on yellow
    readonly property color actionColor: "#0B4F8A"
    readonly property color actionTextColor: "#FFFFFF"  // 8.4:1 on the blue
    readonly property color outlineColor: "#4A4F55"     // 5.9:1 on the keyboard's grey
    readonly property color litColor: "#FFD54F"         // a pressed key, shift on, the chosen candidate
    readonly property color offColor: "#E0E0E0"
    readonly property color offTextColor: "#333333"     // 9.6:1 on the grey of a key that is off
    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property real gap: Math.round(8 * scaleHint)
    readonly property real labelSize: Math.round(64 * scaleHint)
    readonly property bool chinese: InputContext.locale.startsWith("zh")

    function say(zh, en) { return chinese ? zh : en }

    // Pinyin and English only: 中/英 switches between the two instead of cycling through 40 languages.
    Component.onCompleted: VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_GB"]

    // 400 px high at the kiosk's 1920 px width (Qt's style: 600 px, which hid the text field behind
    // it); keys stay about 100 px high, labels 48 px.
    keyboardDesignWidth: 2560
    keyboardDesignHeight: 533
    keyboardRelativeLeftMargin: 6 / keyboardDesignWidth
    keyboardRelativeRightMargin: 6 / keyboardDesignWidth
    keyboardRelativeTopMargin: 6 / keyboardDesignHeight
    keyboardRelativeBottomMargin: 6 / keyboardDesignHeight

    // One key's face: its fill by state (off, pressed or lit, action, plain) and its label.
    component Face: Rectangle {
        id: face
        property Item key
        property string label
        property string hint           // a key's extra characters, small in its corner
        property bool action: false
        property bool lit: false
        readonly property bool off: key !== null && !key.enabled
        readonly property bool bright: key !== null && key.pressed || lit
        anchors.fill: parent
        anchors.margins: gap
        radius: 8
        border.width: Math.max(3, Math.round(3 * scaleHint))
        border.color: outlineColor
        color: off ? offColor : bright ? litColor : action ? actionColor : keyColor
        readonly property color ink: off ? offTextColor : !bright && action ? actionTextColor : keyTextColor
        Text {
            anchors.fill: parent
            anchors.margins: gap * 2
            text: face.label
            color: face.ink
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            fontSizeMode: Text.Fit
            minimumPixelSize: 12
            font.family: fontFamily
            font.pixelSize: labelSize
            font.capitalization: face.key !== null && face.key.uppercased ? Font.AllUppercase : Font.MixedCase
        }
        Text {
            visible: face.hint.length > 0
            anchors.top: parent.top
            anchors.right: parent.right
            anchors.margins: gap * 2
            text: face.hint
            color: face.ink
            font.family: fontFamily
            font.pixelSize: Math.round(labelSize * 0.7)
        }
    }

    // A light panel with an outline: candidates' pop-ups, accents, functions.
    component Card: Rectangle {
        color: keyColor
        radius: 8
        border.width: Math.max(3, Math.round(3 * scaleHint))
        border.color: outlineColor
    }

    // A row's label in the pop-up lists (candidates, languages).
    component ListLabel: Text {
        anchors.left: parent.left
        anchors.leftMargin: Math.round(40 * scaleHint)
        anchors.verticalCenter: parent.verticalCenter
        color: keyTextColor
        font.family: fontFamily
        font.pixelSize: Math.round(56 * scaleHint)
    }

    keyboardBackground: Rectangle { color: boardColor }

    keyPanel: KeyPanel {
        Face {
            key: control
            label: control.displayText
            hint: control.smallTextVisible && control.smallText !== "\u2699" ? control.smallText : ""
            action: control.highlighted
        }
    }
    backspaceKeyPanel: KeyPanel { Face { key: control; label: say("删除", "Delete"); action: true } }
    languageKeyPanel: KeyPanel { Face { key: control; label: "中/英"; action: true } }
    hideKeyPanel: KeyPanel { Face { key: control; label: say("收起", "Hide"); action: true } }
    handwritingKeyPanel: KeyPanel { Face { key: control; label: say("手写", "Write"); action: true } }
    symbolKeyPanel: KeyPanel { Face { key: control; label: control.displayText; action: true } }
    modeKeyPanel: KeyPanel { Face { key: control; label: control.displayText; action: true; lit: control.mode } }
    shiftKeyPanel: KeyPanel {
        Face {
            key: control
            label: InputContext.capsLockActive ? say("大写锁定", "CAPS") : say("大写", "Shift")
            action: true
            lit: InputContext.shiftActive || InputContext.capsLockActive
        }
    }
    enterKeyPanel: KeyPanel {
        Face {
            key: control
            label: control.actionId !== EnterKeyAction.None && control.displayText.length > 0
                   ? control.displayText : say("换行", "Enter")
            action: true
        }
    }
    // A plain 空格 (Qt's own style writes the language's name there, faded to 3.08:1).
    spaceKeyPanel: KeyPanel { Face { key: control; label: say("空格", "Space") } }

    // The enlarged character over a pressed key.
    characterPreviewMargin: 0
    characterPreviewDelegate: Item {
        property string text
        property string flickLeft
        property string flickTop
        property string flickRight
        property string flickBottom
        Card {
            anchors.fill: parent
            color: litColor
            Text {
                anchors.centerIn: parent
                text: parent.parent.text
                color: keyTextColor
                font.family: fontFamily
                font.pixelSize: Math.round(parent.height * 0.6)
            }
        }
    }

    // The accented letters a long press offers.
    alternateKeysListItemWidth: 120 * scaleHint
    alternateKeysListItemHeight: 170 * scaleHint
    alternateKeysListDelegate: Item {
        width: alternateKeysListItemWidth
        height: alternateKeysListItemHeight
        Text {
            anchors.centerIn: parent
            text: model.text
            color: keyTextColor
            font.family: fontFamily
            font.pixelSize: labelSize
        }
    }
    alternateKeysListHighlight: Rectangle { color: litColor; radius: 8 }
    alternateKeysListBackground: Item {
        Card {
            readonly property real margin: 20 * scaleHint
            x: -margin
            y: -margin
            width: parent.width + 2 * margin
            height: parent.height + 2 * margin
        }
    }

    // The row of pinyin candidates above the keys.
    selectionListHeight: 96 * scaleHint
    selectionListDelegate: SelectionListItem {
        id: candidate
        width: Math.round(candidateLabel.width + 2 * candidateLabel.anchors.leftMargin)
        ListLabel {
            id: candidateLabel
            text: display
        }
        Rectangle {  // a rule between candidates
            width: Math.max(2, Math.round(3 * scaleHint))
            height: parent.height * 0.5
            color: outlineColor
            anchors.verticalCenter: parent.verticalCenter
            anchors.right: parent.left
        }
    }
    selectionListHighlight: Rectangle { color: litColor }
    selectionListBackground: Rectangle { color: keyColor }

    navigationHighlight: Rectangle {
        color: "transparent"
        border.color: keyTextColor
        border.width: Math.max(3, Math.round(5 * scaleHint))
    }

    // The word pop-up by the cursor and the language list (the language key switches directly).
    popupListDelegate: SelectionListItem {
        property real cursorAnchor: popupLabel.x + popupLabel.width
        width: popupLabel.width + 2 * popupLabel.anchors.leftMargin
        height: popupLabel.height * 1.6
        ListLabel {
            id: popupLabel
            text: display
        }
    }
    popupListHighlight: Rectangle { color: litColor }
    popupListBackground: Card {}
    languagePopupListEnabled: false
    languageListDelegate: SelectionListItem {
        property real cursorAnchor: languageLabel.x + languageLabel.width
        width: languageLabel.width + 2 * languageLabel.anchors.leftMargin
        height: languageLabel.height * 1.6
        ListLabel {
            id: languageLabel
            text: displayName
        }
    }
    languageListHighlight: Rectangle { color: litColor }
    languageListBackground: Card {}

    // What a long press on the hide key offers.
    functionPopupListDelegate: Item {
        width: functionLabel.width + Math.round(80 * scaleHint)
        height: Math.round(170 * scaleHint)
        Text {
            id: functionLabel
            anchors.centerIn: parent
            color: keyTextColor
            font.family: fontFamily
            font.pixelSize: labelSize
            text: {
                switch (keyboardFunction) {
                case QtVirtualKeyboard.KeyboardFunction.HideInputPanel:
                    return say("收起", "Hide")
                case QtVirtualKeyboard.KeyboardFunction.ChangeLanguage:
                    return "中/英"
                case QtVirtualKeyboard.KeyboardFunction.ToggleHandwritingMode:
                    return say("手写", "Write")
                }
                return ""
            }
        }
    }
    functionPopupListHighlight: Rectangle { color: litColor; radius: 8 }
    functionPopupListBackground: Item {
        Card {
            readonly property real margin: 20 * scaleHint
            x: -margin
            y: -margin
            width: parent.width + 2 * margin
            height: parent.height + 2 * margin
        }
    }
}
