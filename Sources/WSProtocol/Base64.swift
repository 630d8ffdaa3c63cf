/// Base64 with the standard alphabet and padding (RFC 4648 section 4), for
/// `Sec-WebSocket-Key` and `Sec-WebSocket-Accept`.
///
/// Decoding is strict: a length that is a multiple of four, `=` only as the
/// final one or two characters, no whitespace, and zero bits where padding
/// leaves some over (the canonical form of RFC 4648 section 3.5). Anything
/// else is nil: a key that decodes loosely is not one a client produced.
public enum Base64 {
    private static let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    private static let pad: UInt8 = 0x3D

    public static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    public static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { encode($0) }
    }

    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: encodedCount(bytes.count)) { out in
            encode(bytes, into: UnsafeMutableRawBufferPointer(out))
        }
    }

    /// Appends the encoding of `bytes` to `out` without an intermediate string.
    static func append(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: encodedCount(bytes.count)))
        out.withUnsafeMutableBytes { _ = encode(bytes, into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
    }

    /// Writes the encoding to the start of `out`; returns how many bytes it wrote.
    private static func encode(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
        alphabet.withUTF8Buffer { table in
            var written = 0
            var index = 0
            while index < bytes.count {
                let remaining = bytes.count - index
                let b0 = UInt32(bytes[index])
                let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
                let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
                let group = b0 << 16 | b1 << 8 | b2
                out[written] = table[Int(group >> 18 & 63)]
                out[written + 1] = table[Int(group >> 12 & 63)]
                out[written + 2] = remaining > 1 ? table[Int(group >> 6 & 63)] : pad
                out[written + 3] = remaining > 2 ? table[Int(group & 63)] : pad
                written += 4
                index += 3
            }
            return written
        }
    }

    public static func decode(_ text: String) -> [UInt8]? {
        ASCII.withUTF8(text) { decode($0) }
    }

    public static func decode(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3)
        var index = 0
        while index < text.count {
            let isLast = index + 4 == text.count
            guard let group = decodeGroup(text, at: index, isLast: isLast) else { return nil }
            out.append(UInt8(truncatingIfNeeded: group.bits >> 16))
            if group.count > 1 { out.append(UInt8(truncatingIfNeeded: group.bits >> 8)) }
            if group.count > 2 { out.append(UInt8(truncatingIfNeeded: group.bits)) }
            index += 4
        }
        return out
    }

    /// How many bytes `text` decodes to, or nil if `decode` would fail;
    /// checks a key without allocating its bytes.
    static func decodedCount(_ text: String) -> Int? {
        ASCII.withUTF8(text) { text in
            guard text.count % 4 == 0 else { return nil }
            var count = 0
            for index in stride(from: 0, to: text.count, by: 4) {
                guard let group = decodeGroup(text, at: index, isLast: index + 4 == text.count) else { return nil }
                count += group.count
            }
            return count
        }
    }

    /// Four characters as 24 bits and how many bytes they carry (1...3);
    /// nil for a character outside the alphabet, misplaced padding, or
    /// non-zero bits under the padding.
    private static func decodeGroup(
        _ text: UnsafeRawBufferPointer, at index: Int, isLast: Bool
    ) -> (bits: UInt32, count: Int)? {
        let padding = isLast ? (text[index + 3] == pad ? (text[index + 2] == pad ? 2 : 1) : 0) : 0
        var bits: UInt32 = 0
        for offset in 0..<4 {
            let value: UInt8
            if offset >= 4 - padding {
                value = 0
            } else {
                guard let decoded = sextet(text[index + offset]) else { return nil }
                value = decoded
            }
            bits = bits << 6 | UInt32(value)
        }
        let unused = padding == 2 ? bits & 0xFFFF : padding == 1 ? bits & 0xFF : 0
        guard unused == 0 else { return nil }
        return (bits, 3 - padding)
    }

    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case 0x41...0x5A: character - 0x41      // A-Z
        case 0x61...0x7A: character - 0x61 + 26 // a-z
        case 0x30...0x39: character - 0x30 + 52 // 0-9
        case 0x2B: 62                           // +
        case 0x2F: 63                           // /
        default: nil
        }
    }
}
