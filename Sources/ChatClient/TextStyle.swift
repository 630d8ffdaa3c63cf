/// ANSI SGR colouring that can be switched off (`--no-color`, `NO_COLOR`,
/// `TERM=dumb`): when off, text passes through unchanged.
public struct TextStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    static let dim = "2"
    static let bold = "1"
    static let red = "31"
    static let green = "1;32"
    static let yellow = "33"
    static let cyan = "36"
    static let blue = "1;34"

    public func paint(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
