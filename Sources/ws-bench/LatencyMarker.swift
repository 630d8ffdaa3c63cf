import Glibc

/// `@T<sender>:<seq>:<CLOCK_MONOTONIC ns>@` at the start of every message
/// text, wsload's format: digits and four punctuation characters that no
/// JSON encoder escapes, so the marker comes back byte for byte inside
/// whatever object the server wraps around it, and is found by scanning.
struct LatencyMarker: Equatable, Sendable {
    var sender: UInt64
    var sequence: UInt64
    /// When the message was built, on the sender's monotonic clock.
    var sentAt: UInt64

    /// The longest marker: three 20-digit numbers and five punctuation bytes.
    static let maxLength = 65

    /// Numbers of more digits are not read as markers; 19 digits always fit
    /// in a UInt64, so parsing needs no overflow checks.
    static let maxDigits = 19

    /// Writes the marker at `destination`; returns its length.
    @discardableResult
    func write(to destination: UnsafeMutableRawPointer) -> Int {
        destination.storeBytes(of: UInt8(ascii: "@"), as: UInt8.self)
        destination.storeBytes(of: UInt8(ascii: "T"), toByteOffset: 1, as: UInt8.self)
        var offset = Self.writeDecimal(sender, to: destination, at: 2)
        destination.storeBytes(of: UInt8(ascii: ":"), toByteOffset: offset, as: UInt8.self)
        offset = Self.writeDecimal(sequence, to: destination, at: offset + 1)
        destination.storeBytes(of: UInt8(ascii: ":"), toByteOffset: offset, as: UInt8.self)
        offset = Self.writeDecimal(sentAt, to: destination, at: offset + 1)
        destination.storeBytes(of: UInt8(ascii: "@"), toByteOffset: offset, as: UInt8.self)
        return offset + 1
    }

    /// The next well-formed marker at or after `offset`, which moves past
    /// it; nil when there is none. An `@` that starts no marker is skipped.
    static func next(in bytes: UnsafeRawBufferPointer, from offset: inout Int) -> LatencyMarker? {
        guard let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        while offset < end, let at = memchr(base + offset, Int32(UInt8(ascii: "@")), end - offset) {
            let start = base.distance(to: UnsafeRawPointer(at))
            if let (marker, after) = parse(base, from: start, end: end) {
                offset = after
                return marker
            }
            offset = start + 1
        }
        offset = end
        return nil
    }

    /// The marker starting at `start` (an `@`) and the offset after it.
    @inline(__always)
    private static func parse(_ base: UnsafeRawPointer, from start: Int, end: Int) -> (LatencyMarker, Int)? {
        guard start + 1 < end, base.load(fromByteOffset: start + 1, as: UInt8.self) == UInt8(ascii: "T"),
              let (sender, afterSender) = decimal(base, from: start + 2, end: end, then: ":"),
              let (sequence, afterSequence) = decimal(base, from: afterSender, end: end, then: ":"),
              let (sentAt, afterTime) = decimal(base, from: afterSequence, end: end, then: "@")
        else { return nil }
        return (LatencyMarker(sender: sender, sequence: sequence, sentAt: sentAt), afterTime)
    }

    /// 1 to `maxDigits` digits from `start`, followed by `terminator`; the
    /// value and the offset after the terminator.
    @inline(__always)
    private static func decimal(
        _ base: UnsafeRawPointer, from start: Int, end: Int, then terminator: Unicode.Scalar
    ) -> (UInt64, Int)? {
        var value: UInt64 = 0
        var offset = start
        let limit = min(end, start + maxDigits)
        while offset < limit {
            let digit = base.load(fromByteOffset: offset, as: UInt8.self) &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ UInt64(digit)
            offset += 1
        }
        guard offset > start, offset < end, base.load(fromByteOffset: offset, as: UInt8.self) == UInt8(terminator.value)
        else { return nil }
        return (value, offset + 1)
    }

    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var bound: UInt64 = 10
        while value >= bound, count < 20 {
            count += 1
            bound = bound &* 10
        }
        return count
    }

    /// "00" through "99": two digits per division when writing numbers.
    private static let digitPairs: [UInt8] = (0..<100).flatMap { [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)] }

    /// Writes the digits back to front, two at a time; returns the offset after the last.
    private static func writeDecimal(_ value: UInt64, to destination: UnsafeMutableRawPointer, at offset: Int) -> Int {
        let end = offset + digitCount(value)
        var rest = value
        var position = end
        digitPairs.withUnsafeBytes { pairs in
            while rest >= 10 {
                let pair = Int(rest % 100) * 2
                rest /= 100
                position -= 2
                (destination + position).copyMemory(from: pairs.baseAddress! + pair, byteCount: 2)
            }
        }
        if position > offset {
            destination.storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest), toByteOffset: position - 1, as: UInt8.self)
        }
        return end
    }
}
