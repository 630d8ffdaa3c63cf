import Glibc

/// `@T<sender>:<seq>:<CLOCK_MONOTONIC ns>@` at the start of every message
/// text, wsload's format: digits and four punctuation characters that no
/// JSON encoder escapes, so the marker comes back byte for byte inside
/// whatever object the server wraps around it, and is found by scanning.
public struct LatencyMarker: Equatable, Sendable {
    public var sender: UInt64
    public var sequence: UInt64
    /// When the message was built, on the sender's monotonic clock.
    public var sentAt: UInt64

    public init(sender: UInt64, sequence: UInt64, sentAt: UInt64) {
        self.sender = sender
        self.sequence = sequence
        self.sentAt = sentAt
    }

    /// The longest marker: three 20-digit numbers and five punctuation bytes.
    public static let maxLength = 65

    /// Numbers of more digits are not read as markers; 19 digits always fit
    /// in a UInt64, so parsing needs no overflow checks.
    static let maxDigits = 19

    /// Writes the marker at `destination`; returns its length.
    @discardableResult
    public func write(to destination: UnsafeMutableRawPointer) -> Int {
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
    public static func next(in bytes: UnsafeRawBufferPointer, from offset: inout Int) -> LatencyMarker? {
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

    public static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var bound: UInt64 = 10
        while value >= bound, count < 20 {
            count += 1
            bound = bound &* 10
        }
        return count
    }

    /// Writes the digits back to front, two at a time; returns the offset
    /// after the last. Eight digits at a time are split off first, so the
    /// divisions of the inner loop run on 32 bits, which are cheaper.
    private static func writeDecimal(_ value: UInt64, to destination: UnsafeMutableRawPointer, at offset: Int) -> Int {
        let end = offset + digitCount(value)
        var position = end
        var rest = value
        while rest >= 100_000_000 {
            var chunk = UInt32(truncatingIfNeeded: rest % 100_000_000)
            rest /= 100_000_000
            for _ in 0..<4 {
                writePair(chunk % 100, to: destination, before: &position)
                chunk /= 100
            }
        }
        var small = UInt32(truncatingIfNeeded: rest)
        while small >= 100 {
            writePair(small % 100, to: destination, before: &position)
            small /= 100
        }
        if small >= 10 {
            writePair(small, to: destination, before: &position)
        } else {
            destination.storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: small), toByteOffset: position - 1, as: UInt8.self)
        }
        return end
    }

    /// The two digits of `pair` (0...99) just before `position`, which moves back over them.
    @inline(__always)
    private static func writePair(_ pair: UInt32, to destination: UnsafeMutableRawPointer, before position: inout Int) {
        position -= 2
        let digits = UInt16(truncatingIfNeeded: 0x3030 | pair / 10 | (pair % 10) << 8)
        destination.storeBytes(of: digits.littleEndian, toByteOffset: position, as: UInt16.self)
    }
}
