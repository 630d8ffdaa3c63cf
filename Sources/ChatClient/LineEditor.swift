/// The line being typed, as a pure state machine: keys in; the buffer,
/// cursor and history, and what to draw, out. Characters are Unicode
/// scalars, each taken to be one column wide.
public struct LineEditor {
    /// What a key asks the caller to do beyond redrawing.
    public enum Action: Equatable, Sendable {
        /// Nothing but redraw the line.
        case edited
        /// Enter: the line was accepted (and added to the history).
        case submit(String)
        /// Ctrl-C.
        case interrupt
        /// Ctrl-D on an empty line.
        case endOfInput
        /// Ctrl-L.
        case redraw
    }

    /// The visible part of the line, and where the cursor stands in it.
    public struct View: Equatable, Sendable {
        public var text: String
        public var cursorColumn: Int

        public init(text: String, cursorColumn: Int) {
            self.text = text
            self.cursorColumn = cursorColumn
        }
    }

    public private(set) var buffer: [Unicode.Scalar] = []
    public private(set) var cursor = 0
    public private(set) var history: [String] = []
    /// Position while browsing the history; `history.count` is the line being typed.
    private var historyIndex = 0
    /// The unfinished line, kept while browsing the history.
    private var draft: [Unicode.Scalar] = []
    public let historyLimit: Int

    public init(historyLimit: Int = 500) {
        self.historyLimit = historyLimit
    }

    public var text: String { String(String.UnicodeScalarView(buffer)) }

    public mutating func handle(_ key: Key) -> Action {
        switch key {
        case .character(let scalar): insert(scalar)
        case .enter: return submit()
        case .backspace: deleteBackward()
        case .delete: deleteForward()
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(buffer.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = buffer.count
        case .up: browse(by: -1)
        case .down: browse(by: 1)
        case .eraseToStart: eraseToStart()
        case .eraseToEnd: buffer.removeSubrange(cursor...)
        case .eraseWord: eraseWord()
        case .redraw: return .redraw
        case .interrupt: return .interrupt
        case .endOfInput: return endOfInput()
        }
        return .edited
    }

    private mutating func insert(_ scalar: Unicode.Scalar) {
        buffer.insert(scalar, at: cursor)
        cursor += 1
    }

    /// Puts `line` back as the line being typed, cursor at its end.
    public mutating func restore(_ line: String) {
        buffer = Array(line.unicodeScalars)
        cursor = buffer.count
    }

    private mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        buffer.remove(at: cursor)
    }

    private mutating func deleteForward() {
        guard cursor < buffer.count else { return }
        buffer.remove(at: cursor)
    }

    private mutating func submit() -> Action {
        let line = text
        if !line.isEmpty, history.last != line {
            history.append(line)
            if history.count > historyLimit { history.removeFirst() }
        }
        buffer = []
        cursor = 0
        draft = []
        historyIndex = history.count
        return .submit(line)
    }

    /// Ctrl-D ends the input on an empty line and deletes forward otherwise, as in readline.
    private mutating func endOfInput() -> Action {
        guard !buffer.isEmpty else { return .endOfInput }
        deleteForward()
        return .edited
    }

    private mutating func browse(by step: Int) {
        let target = historyIndex + step
        guard target >= 0, target <= history.count else { return }
        if historyIndex == history.count { draft = buffer }
        historyIndex = target
        buffer = target == history.count ? draft : Array(history[target].unicodeScalars)
        cursor = buffer.count
    }

    private mutating func eraseToStart() {
        buffer.removeSubrange(..<cursor)
        cursor = 0
    }

    private mutating func eraseWord() {
        var start = cursor
        while start > 0, buffer[start - 1] == " " { start -= 1 }
        while start > 0, buffer[start - 1] != " " { start -= 1 }
        buffer.removeSubrange(start..<cursor)
        cursor = start
    }

    /// The part of the line that fits in `width` columns, scrolled so the
    /// cursor stays visible (the line never wraps, so redrawing it is one
    /// terminal row). Control characters show as `SafeText` shows them.
    public func view(width: Int) -> View {
        let columns = max(1, width)
        let start = cursor < columns ? 0 : cursor - columns + 1
        let end = min(buffer.count, start + columns)
        let visible = String(String.UnicodeScalarView(buffer[start..<end].map(Self.printable)))
        return View(text: visible, cursorColumn: cursor - start)
    }

    /// Pasted control characters stay one column each on screen.
    private static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        SafeText.needsReplacing(scalar) ? SafeText.replacement : scalar
    }
}
