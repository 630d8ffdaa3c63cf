/// The byte classes of HTTP's grammar (RFC 9110 section 5.6, RFC 9112
/// section 2), so the head parser and the handshake work on `UInt8` and never
/// build a `String` to look at a character.
enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let slash: UInt8 = 0x2F
    static let dot: UInt8 = 0x2E
    static let question: UInt8 = 0x3F
    static let nul: UInt8 = 0x00
    static let delete: UInt8 = 0x7F

    /// `tchar` of RFC 9110 section 5.6.2: the characters of methods and field names.
    @inline(__always)
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true // DIGIT / ALPHA
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E...0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// `OWS` is any run of SP and HTAB (RFC 9110 section 5.6.3).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Visible ASCII, `VCHAR`.
    @inline(__always)
    static func isVisible(_ byte: UInt8) -> Bool { byte > space && byte < delete }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// The ASCII case-insensitive comparison that field names and the
    /// handshake's tokens call for (RFC 9110 section 5.1, RFC 6455 section 4).
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == other.count else { return false }
        for index in 0..<bytes.count where lowercased(bytes[index]) != lowercased(other[index]) {
            return false
        }
        return true
    }

    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        return withUTF8(lhs) { left in withUTF8(rhs) { right in equalsIgnoringCase(left, right) } }
    }

    /// The UTF-8 of `string` as a contiguous buffer: native strings lend
    /// theirs, bridged ones are copied once.
    @inline(__always)
    static func withUTF8<R>(_ string: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var copy = string
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// `range` in `bytes` without leading and trailing OWS.
    static func trimmingWhitespace(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
