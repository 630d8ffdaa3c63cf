import Glibc

/// Draws the interactive screen: notices scroll up above one prompt line,
/// which is cleared before they print and drawn again after, with the
/// half-typed text and the cursor where they were. Each update is one
/// `write`, so the terminal never shows a half-drawn state.
struct ScreenWriter {
    let fd: Int32
    var columns: Int

    private static let clearLine = "\r\u{1B}[2K"

    /// Prints `lines` above the prompt, then redraws it.
    func show(_ lines: [String], prompt: String, editor: LineEditor) {
        var output = Self.clearLine
        for line in lines {
            output += line + "\r\n"
        }
        write(output + promptLine(prompt, editor))
    }

    func redraw(prompt: String, editor: LineEditor) {
        write(Self.clearLine + promptLine(prompt, editor))
    }

    /// Clears the prompt line, leaving the cursor in the first column for the shell.
    func finish() {
        write(Self.clearLine)
    }

    private func promptLine(_ prompt: String, _ editor: LineEditor) -> String {
        let promptWidth = prompt.unicodeScalars.count
        // One column stays free: writing into the last one makes some terminals wrap early.
        let view = editor.view(width: columns - promptWidth - 1)
        let column = promptWidth + view.cursorColumn
        return prompt + view.text + "\r" + (column > 0 ? "\u{1B}[\(column)C" : "")
    }

    private func write(_ text: String) {
        FileOutput.write(text, to: fd)
    }
}
