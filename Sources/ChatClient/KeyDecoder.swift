/// Turns raw-mode terminal input into keys. Input arrives in arbitrary
/// chunks, so an escape sequence or a UTF-8 character cut at the end of one
/// read is kept until the next completes it. Sequences it does not know
/// (function keys, mouse reports) are dropped whole rather than typed in.
public struct KeyDecoder {
    public init() {}

    private var pending: [UInt8] = []

    public mutating func keys(from bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            guard let (key, length) = Self.decode(pending[index...]) else { break }
            if let key { keys.append(key) }
            index += length
        }
        pending.removeFirst(index)
        return keys
    }

    /// The key at the start of `bytes` and how many bytes it took; nil when
    /// the bytes so far are an incomplete sequence. A nil key means "skip".
    private static func decode(_ bytes: ArraySlice<UInt8>) -> (Key?, Int)? {
        let first = bytes[bytes.startIndex]
        switch first {
        case 0x1B: return escapeSequence(bytes)
        case 0x00...0x1F, 0x7F: return (control(first), 1)
        case 0x80...0xFF: return utf8(bytes)
        default: return (.character(Unicode.Scalar(first)), 1)
        }
    }

    private static func control(_ byte: UInt8) -> Key? {
        switch byte {
        case 0x0D, 0x0A: .enter
        case 0x7F, 0x08: .backspace
        case 0x01: .home
        case 0x05: .end
        case 0x02: .left
        case 0x06: .right
        case 0x10: .up
        case 0x0E: .down
        case 0x15: .eraseToStart
        case 0x0B: .eraseToEnd
        case 0x17: .eraseWord
        case 0x0C: .redraw
        case 0x03: .interrupt
        case 0x04: .endOfInput
        case 0x09: .character(" ")
        default: nil
        }
    }

    /// `ESC [ params final` (CSI) or `ESC O final` (SS3); ESC before
    /// anything else is dropped alone, so Alt+key types the key.
    private static func escapeSequence(_ bytes: ArraySlice<UInt8>) -> (Key?, Int)? {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return nil }
        let kind = bytes[start + 1]
        guard kind == UInt8(ascii: "[") || kind == UInt8(ascii: "O") else { return (nil, 1) }
        var index = start + 2
        // Parameter and intermediate bytes (0x20–0x3F), then one final byte (0x40–0x7E).
        while index < bytes.endIndex, (0x20...0x3F).contains(bytes[index]) { index += 1 }
        guard index < bytes.endIndex else { return nil }
        let parameters = String(decoding: bytes[(start + 2)..<index], as: UTF8.self)
        return (named(final: bytes[index], parameters: parameters), index - start + 1)
    }

    private static func named(final: UInt8, parameters: String) -> Key? {
        switch (final, parameters) {
        case (UInt8(ascii: "A"), _): .up
        case (UInt8(ascii: "B"), _): .down
        case (UInt8(ascii: "C"), _): .right
        case (UInt8(ascii: "D"), _): .left
        case (UInt8(ascii: "H"), _): .home
        case (UInt8(ascii: "F"), _): .end
        case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): .home
        case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): .end
        case (UInt8(ascii: "~"), "3"): .delete
        default: nil
        }
    }

    /// A multi-byte UTF-8 character; a malformed one is dropped byte by byte.
    private static func utf8(_ bytes: ArraySlice<UInt8>) -> (Key?, Int)? {
        let length = switch bytes[bytes.startIndex] {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
        guard length > 0 else { return (nil, 1) }
        let continuation = bytes.dropFirst().prefix(length - 1)
        guard continuation.allSatisfy({ $0 & 0xC0 == 0x80 }) else { return (nil, 1) }
        guard continuation.count == length - 1 else { return nil }
        var decoder = UTF8()
        var iterator = bytes.prefix(length).makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return (nil, 1) }
        return (.character(scalar), length)
    }
}
