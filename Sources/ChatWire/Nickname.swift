/// A validated nickname: what other clients see next to a client's id.
///
/// Rules, applied after trimming leading and trailing whitespace (Unicode
/// `White_Space`; a name typed into a form or a URL often carries a stray
/// space, and the reply shows the client the name as stored):
/// - 1 to 32 characters, counted as Swift `Character`s (extended grapheme
///   clusters, what a reader sees as one character), so 32 emoji are fine;
/// - at most 512 UTF-8 bytes, and at most `maxMarksPerCharacter` combining
///   marks on one character, so nothing stacked with marks can blow up every
///   message it is attached to or paint over the lines around it;
/// - no control characters (Cc), no line or paragraph separators (Zl, Zp),
///   and no invisible format characters (Cf: zero-width spaces and joiners,
///   bidi marks, embeddings, overrides and isolates, the word joiner, the
///   byte order mark, tags), which would let `alice` and `alice\u{200B}`
///   look the same or reorder the text shown after a name. Two uses of
///   format characters inside emoji are kept, because they draw one
///   picture: a zero-width joiner between two emoji (👩‍💻) and the tag
///   sequence of a subdivision flag (🏴 followed by tags up to U+E007F).
/// Nicknames are not unique: the server-assigned `id` identifies a client.
public struct Nickname: Hashable, Sendable, CustomStringConvertible {
    /// The trimmed name.
    public let value: String

    public static let maxCharacters = 32
    public static let maxBytes = 512
    public static let maxMarksPerCharacter = 4

    /// Nil when `raw`, once trimmed, breaks a rule above.
    public init?(_ raw: String) {
        let trimmed = Nickname.trimmingWhitespace(raw)
        guard trimmed.utf8.count <= Nickname.maxBytes,
              (1...Nickname.maxCharacters).contains(trimmed.count),
              trimmed.allSatisfy(Nickname.isAllowed)
        else { return nil }
        value = trimmed
    }

    private init(unchecked value: String) { self.value = value }

    /// The name a client has until it picks one: `guest-<serial>`.
    public static func guest(serial: UInt64) -> Nickname { Nickname(unchecked: "guest-\(serial)") }

    public var description: String { value }

    private static func isAllowed(_ character: Character) -> Bool {
        let scalars = Array(character.unicodeScalars)
        var marks = 0
        for (position, scalar) in scalars.enumerated() {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator:
                return false
            case .format:
                guard isEmojiFormat(scalars, at: position) else { return false }
            case .nonspacingMark, .enclosingMark:
                marks += 1
                guard marks <= maxMarksPerCharacter else { return false }
            default:
                continue
            }
        }
        return true
    }

    /// A joiner between two emoji, or a tag inside a flag's tag sequence.
    private static func isEmojiFormat(_ scalars: [Unicode.Scalar], at position: Int) -> Bool {
        let value = scalars[position].value
        if value == 0x200D {
            guard position > 0, position + 1 < scalars.count else { return false }
            return isEmojiPart(scalars[position - 1]) && isPictograph(scalars[position + 1])
        }
        guard (0xE0020...0xE007F).contains(value) else { return false }
        return scalars.first?.value == 0x1F3F4
    }

    /// What may end the emoji before a joiner: a pictograph, a skin tone
    /// modifier, or the emoji presentation selector.
    private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        isPictograph(scalar) || scalar.properties.isEmojiModifier || scalar.value == 0xFE0F
    }

    /// An emoji picture (digits, `#` and `*` are emoji only as keycaps).
    private static func isPictograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isEmoji && scalar.value >= 0x203C
    }

    private static func trimmingWhitespace(_ raw: String) -> String {
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
