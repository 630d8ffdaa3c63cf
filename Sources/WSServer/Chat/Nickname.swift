/// A validated nickname: what other clients see next to a client's id.
///
/// Rules, applied after trimming leading and trailing whitespace (Unicode
/// `White_Space`; a name typed into a form or a URL often carries a stray
/// space, and the reply shows the client the name as stored):
/// - 1 to 32 characters, counted as Swift `Character`s (extended grapheme
///   clusters, what a reader sees as one character), so 32 emoji are fine;
/// - at most 512 UTF-8 bytes, so a single "character" stacked with hundreds
///   of combining marks cannot blow up every message it is attached to;
/// - no control characters (general category Cc), no line or paragraph
///   separators (Zl, Zp), and no bidirectional embedding, override or
///   isolate controls (U+202A-U+202E, U+2066-U+2069), which could make a
///   name render as something else or reorder the text shown after it.
/// Nicknames are not unique: the server-assigned `id` identifies a client.
public struct Nickname: Hashable, Sendable, CustomStringConvertible {
    /// The trimmed name.
    public let value: String

    public static let maxCharacters = 32
    public static let maxBytes = 512

    /// Nil when `raw`, once trimmed, breaks a rule above.
    public init?(_ raw: String) {
        let trimmed = Nickname.trimmingWhitespace(raw)
        guard trimmed.utf8.count <= Nickname.maxBytes,
              trimmed.unicodeScalars.allSatisfy(Nickname.isAllowed),
              (1...Nickname.maxCharacters).contains(trimmed.count)
        else { return nil }
        value = trimmed
    }

    private init(unchecked value: String) { self.value = value }

    /// The name a client has until it picks one: `guest-<serial>`.
    public static func guest(_ id: ClientID) -> Nickname { Nickname(unchecked: "guest-\(id.serial)") }

    public var description: String { value }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return false
        default: return true
        }
    }

    private static func trimmingWhitespace(_ raw: String) -> String {
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
