import ChatClient
import Testing

/// Text from the wire cannot drive the terminal once neutralised.
@Suite("SafeText")
struct SafeTextTests {
    @Test func plainTextIsUnchanged() {
        #expect(SafeText.neutralised("héllo, wörld 👋 日本") == "héllo, wörld 👋 日本")
    }

    @Test func escapeAndC0ControlsBecomeCaretNotation() {
        #expect(SafeText.neutralised("\u{1B}[2Jboom") == "^[[2Jboom")
        #expect(SafeText.neutralised("a\u{07}b\u{00}c\rd\ne") == "a^Gb^@c^Md^Je")
        #expect(SafeText.neutralised("del\u{7F}") == "del^?")
    }

    @Test func tabBecomesSpaces() {
        #expect(SafeText.neutralised("a\tb") == "a    b")
    }

    @Test func c1ControlsSeparatorsAndBidiOverridesBecomeReplacementCharacters() {
        #expect(SafeText.neutralised("a\u{9B}2Jb") == "a\u{FFFD}2Jb")
        #expect(SafeText.neutralised("a\u{85}b\u{2028}c\u{2029}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(SafeText.neutralised("\u{202E}evil\u{2066}") == "\u{FFFD}evil\u{FFFD}")
    }
}
