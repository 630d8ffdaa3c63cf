/// Byte fixtures written as RFC 6455 prints them, e.g. "81 05 48 65 6c 6c 6f".
enum FrameTestBytes {
    /// Parses space-separated hex bytes; a typo in a fixture traps at once.
    static func hex(_ text: String) -> [UInt8] {
        text.split(separator: " ").map { pair in
            guard let byte = UInt8(pair, radix: 16) else { preconditionFailure("bad hex fixture \(pair)") }
            return byte
        }
    }

    /// `count` bytes that differ from their neighbours at every position and
    /// from the bytes 256 places away, so a dropped, doubled or shifted byte shows.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 ^ ($0 >> 8) &* 3) }
    }

    /// The bytes of the Autobahn 6.4.x text "κόσμε" + "edited" with a UTF-16
    /// surrogate (`ed a0 80`) inside; byte 12 (`a0`) is the first that cannot be UTF-8.
    static let autobahnSurrogate = hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64")
    static let autobahnFailIndex = 12
}
