/// Streaming UTF-8 validation that survives any split of the input, so a text
/// message is checked as its fragments (and partial frames) arrive and fails
/// fast, at the first byte that can no longer start valid UTF-8 (RFC 6455
/// section 8.1: "When an endpoint is to interpret a byte stream as UTF-8 but
/// finds that the byte stream is not, in fact, a valid UTF-8 stream, that
/// endpoint MUST _Fail the WebSocket Connection_").
///
/// Implements the well-formed byte sequences of Unicode table 3-7: no
/// overlong forms, no surrogates, nothing above U+10FFFF. ASCII is skipped
/// eight bytes at a time.
public struct UTF8Validator: Sendable, Equatable {
    /// Continuation bytes still expected for the current scalar.
    private var remaining: UInt8 = 0
    /// Inclusive range allowed for the next continuation byte.
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    public init() {}

    /// True when the bytes so far end on a scalar boundary, so the message may end here.
    public var isComplete: Bool { remaining == 0 }

    public mutating func reset() { self = UTF8Validator() }

    /// Checks the next bytes; false as soon as they cannot be valid UTF-8.
    public mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index < count {
            if remaining == 0 {
                index = skipASCII(base, from: index, count: count)
                guard index < count else { break }
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                index += 1
                if byte >= 0x80, !startScalar(byte) { return false }
            } else {
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                index += 1
                guard byte >= lower, byte <= upper else { return false }
                remaining -= 1
                lower = 0x80
                upper = 0xBF
            }
        }
        return true
    }

    public mutating func validate(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { validate($0) }
    }

    /// Index of the first byte at or after `index` that might not be ASCII,
    /// stepping over whole 8-byte words of ASCII.
    @inline(__always)
    private func skipASCII(_ base: UnsafeRawPointer, from index: Int, count: Int) -> Int {
        var index = index
        while index + 8 <= count,
              base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        return index
    }

    /// Sets up the continuation rules for a lead byte; false if it cannot lead.
    private mutating func startScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0xC2...0xDF: expect(1, 0x80, 0xBF)
        case 0xE0: expect(2, 0xA0, 0xBF)  // no overlong three-byte forms
        case 0xE1...0xEC, 0xEE...0xEF: expect(2, 0x80, 0xBF)
        case 0xED: expect(2, 0x80, 0x9F)  // no UTF-16 surrogates
        case 0xF0: expect(3, 0x90, 0xBF)  // no overlong four-byte forms
        case 0xF1...0xF3: expect(3, 0x80, 0xBF)
        case 0xF4: expect(3, 0x80, 0x8F)  // nothing above U+10FFFF
        default: return false
        }
        return true
    }

    private mutating func expect(_ continuations: UInt8, _ low: UInt8, _ high: UInt8) {
        remaining = continuations
        lower = low
        upper = high
    }
}
