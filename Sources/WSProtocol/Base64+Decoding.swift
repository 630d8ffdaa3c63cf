/// Strict decoding. Standard: a length that is a multiple of four, `=` only
/// as the final one or two characters. URL: no `=` at all, and a length that
/// leaves 0, 2 or 3 characters for the last group (one left over cannot carry
/// a byte). Both: no whitespace, nothing outside the variant's alphabet, and
/// zero bits where the last group has some over (the canonical form of RFC
/// 4648 section 3.5). Anything else is nil: text that decodes loosely is not
/// what the peer's encoder produced, and for a token it would let several
/// spellings carry one signature.
extension Base64 {
    public static func decode(_ text: String, variant: Variant = .standard) -> [UInt8]? {
        ASCII.withUTF8(text) { decode($0, variant: variant) }
    }

    public static func decode(_ text: UnsafeRawBufferPointer, variant: Variant = .standard) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3 + 2)
        let valid = forEachGroup(text, variant: variant) { bits, count in
            for position in 0..<count {
                out.append(UInt8(truncatingIfNeeded: bits >> (16 - 8 * position)))
            }
        }
        return valid ? out : nil
    }

    /// How many bytes `text` decodes to, or nil if `decode` would fail;
    /// checks a key without allocating its bytes.
    static func decodedCount(_ text: String, variant: Variant = .standard) -> Int? {
        ASCII.withUTF8(text) { text in
            var count = 0
            let valid = forEachGroup(text, variant: variant) { _, carried in count += carried }
            return valid ? count : nil
        }
    }

    /// Calls `body` with each group's 24 bits and how many bytes it carries
    /// (1...3), in order; false as soon as a group is invalid.
    private static func forEachGroup(
        _ text: UnsafeRawBufferPointer, variant: Variant, _ body: (UInt32, Int) -> Void
    ) -> Bool {
        guard let lastCharacters = lastGroupCharacters(text, variant: variant) else { return false }
        var index = 0
        while index < text.count {
            let isLast = index + 4 >= text.count
            let characters = isLast ? lastCharacters : 4
            guard let bits = groupBits(text, at: index, characters: characters, variant: variant) else { return false }
            body(bits, characters - 1)
            index += 4
        }
        return true
    }

    /// How many characters of the last group carry data (2...4), or nil for
    /// a length the variant cannot produce.
    private static func lastGroupCharacters(_ text: UnsafeRawBufferPointer, variant: Variant) -> Int? {
        guard variant.isPadded else {
            let remainder = text.count % 4
            return remainder == 1 ? nil : remainder == 0 ? 4 : remainder
        }
        guard text.count % 4 == 0 else { return nil }
        guard text.count > 0, text[text.count - 1] == pad else { return 4 }
        return text[text.count - 2] == pad ? 2 : 3
    }

    /// The first `characters` characters at `index` as the top bits of 24;
    /// nil for a character outside the alphabet (a misplaced `=` included)
    /// or non-zero bits below the last whole byte.
    private static func groupBits(
        _ text: UnsafeRawBufferPointer, at index: Int, characters: Int, variant: Variant
    ) -> UInt32? {
        var bits: UInt32 = 0
        for offset in 0..<4 {
            var value: UInt8 = 0
            if offset < characters {
                guard let decoded = sextet(text[index + offset], variant: variant) else { return nil }
                value = decoded
            }
            bits = bits << 6 | UInt32(value)
        }
        let unused: UInt32 = characters == 2 ? 0xFFFF : characters == 3 ? 0xFF : 0
        return bits & unused == 0 ? bits : nil
    }

    private static func sextet(_ character: UInt8, variant: Variant) -> UInt8? {
        switch (character, variant) {
        case (0x41...0x5A, _): character - 0x41      // A-Z
        case (0x61...0x7A, _): character - 0x61 + 26 // a-z
        case (0x30...0x39, _): character - 0x30 + 52 // 0-9
        case (0x2B, .standard), (0x2D, .url): 62     // + or -
        case (0x2F, .standard), (0x5F, .url): 63     // / or _
        default: nil
        }
    }
}
