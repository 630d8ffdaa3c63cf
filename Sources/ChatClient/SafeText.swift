/// Makes text from the wire harmless to print on a terminal: nothing a peer
/// sends can move the cursor, change colours, set the window title or
/// repaint the screen.
///
/// - C0 controls and DEL become caret notation (`ESC` is `^[`, DEL `^?`),
///   so they stay visible instead of acting.
/// - A tab becomes four spaces: its width would otherwise depend on where
///   the terminal's tab stops fall.
/// - C1 controls (U+0080–U+009F, which some terminals treat like `ESC [`),
///   the line and paragraph separators, and the bidirectional overrides and
///   isolates (which reorder what is shown around them) become U+FFFD.
public enum SafeText {
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    public static func neutralised(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return String(text) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            append(scalar, to: &result)
        }
        return String(result)
    }

    private static func append(_ scalar: Unicode.Scalar, to result: inout String.UnicodeScalarView) {
        switch scalar.value {
        case 0x09:
            result.append(contentsOf: "    ".unicodeScalars)
        case 0x00...0x1F:
            result.append("^")
            result.append(Unicode.Scalar(UInt8(scalar.value) + 0x40))
        case 0x7F:
            result.append(contentsOf: "^?".unicodeScalars)
        case _ where needsReplacing(scalar):
            result.append(replacement)
        default:
            result.append(scalar)
        }
    }

    public static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
