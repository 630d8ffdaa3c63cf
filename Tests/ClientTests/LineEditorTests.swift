import ChatClient
import Testing

/// The prompt's line editing as a pure state machine.
@Suite("LineEditor")
struct LineEditorTests {
    @Test func insertsAtTheCursorAndMovesIt() {
        var editor = LineEditor()
        type("abc", into: &editor)
        press([.left, .left, .character("X"), .home, .character("Y"), .end, .character("Z")], &editor)
        #expect(editor.text == "YaXbcZ")
        #expect(editor.cursor == 6)
    }

    @Test func backspaceAndDelete() {
        var editor = LineEditor()
        type("hello", into: &editor)
        press([.left, .left, .backspace, .delete, .home, .backspace, .delete], &editor)
        #expect(editor.text == "eo")
        #expect(editor.cursor == 0)
    }

    @Test func erasing() {
        var editor = LineEditor()
        type("one two  three", into: &editor)
        press([.eraseWord], &editor)
        #expect(editor.text == "one two  ")
        press([.eraseWord], &editor)
        #expect(editor.text == "one ")
        press([.left, .eraseToEnd], &editor)
        #expect(editor.text == "one")
        press([.eraseToStart], &editor)
        #expect(editor.text == "")
    }

    @Test func enterSubmitsAndClears() {
        var editor = LineEditor()
        type("hi", into: &editor)
        #expect(editor.handle(.enter) == .submit("hi"))
        #expect(editor.text == "")
        #expect(editor.history == ["hi"])
    }

    @Test func historyBrowsingKeepsTheDraft() {
        var editor = LineEditor()
        for line in ["first", "second", "second"] {
            type(line, into: &editor)
            _ = editor.handle(.enter)
        }
        #expect(editor.history == ["first", "second"])
        type("draft", into: &editor)
        press([.up], &editor)
        #expect(editor.text == "second")
        press([.up, .up], &editor)
        #expect(editor.text == "first")
        press([.down], &editor)
        #expect(editor.text == "second")
        press([.down], &editor)
        #expect(editor.text == "draft")
        press([.down], &editor)
        #expect(editor.text == "draft")
    }

    @Test func aLineCanBePutBack() {
        var editor = LineEditor()
        type("sent", into: &editor)
        _ = editor.handle(.enter)
        editor.restore("sent")
        #expect(editor.text == "sent")
        #expect(editor.cursor == 4)
    }

    @Test func controlKeys() {
        var editor = LineEditor()
        #expect(editor.handle(.endOfInput) == .endOfInput)
        type("ab", into: &editor)
        press([.home], &editor)
        #expect(editor.handle(.endOfInput) == .edited)
        #expect(editor.text == "b")
        #expect(editor.handle(.interrupt) == .interrupt)
        #expect(editor.handle(.redraw) == .redraw)
    }

    @Test func longLinesScrollToKeepTheCursorVisible() {
        var editor = LineEditor()
        type("abcdefghij", into: &editor)
        #expect(editor.view(width: 4) == LineEditor.View(text: "hij", cursorColumn: 3))
        press([.home], &editor)
        #expect(editor.view(width: 4) == LineEditor.View(text: "abcd", cursorColumn: 0))
        #expect(editor.view(width: 40) == LineEditor.View(text: "abcdefghij", cursorColumn: 0))
    }

    @Test func historyIsBounded() {
        var editor = LineEditor(historyLimit: 2)
        for line in ["a", "b", "c"] {
            type(line, into: &editor)
            _ = editor.handle(.enter)
        }
        #expect(editor.history == ["b", "c"])
    }

    private func type(_ text: String, into editor: inout LineEditor) {
        press(text.unicodeScalars.map { .character($0) }, &editor)
    }

    private func press(_ keys: [Key], _ editor: inout LineEditor) {
        for key in keys { _ = editor.handle(key) }
    }
}
