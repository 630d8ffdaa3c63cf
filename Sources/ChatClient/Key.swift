/// A key press, decoded from terminal input bytes by `KeyDecoder`.
public enum Key: Equatable, Sendable {
    case character(Unicode.Scalar)
    case enter
    case backspace
    case delete
    case left
    case right
    case up
    case down
    case home
    case end
    /// Ctrl-U: erase from the start of the line to the cursor.
    case eraseToStart
    /// Ctrl-K: erase from the cursor to the end of the line.
    case eraseToEnd
    /// Ctrl-W: erase the word before the cursor.
    case eraseWord
    /// Ctrl-L: draw the prompt again.
    case redraw
    /// Ctrl-C (raw mode delivers it as a byte, not a signal).
    case interrupt
    /// Ctrl-D.
    case endOfInput
}
