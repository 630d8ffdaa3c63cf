import WSProtocol

/// What a streaming UTF-8 validator must report about a byte string.
struct UTF8Verdict: Equatable, CustomStringConvertible {
    /// The first byte after which no continuation could be valid UTF-8.
    var failsAt: Int?
    /// Whether the bytes are valid and end on a scalar boundary.
    var isComplete: Bool

    var description: String { "failsAt: \(failsAt.map(String.init) ?? "-"), complete: \(isComplete)" }

    /// The verdict derived from Swift's own UTF-8 decoder. Its errors cover
    /// the maximal subpart of an ill-formed sequence (Unicode 3.9): a lead
    /// byte that cannot start a scalar is itself the failing byte, while for
    /// a truncated sequence it is the byte after the subpart.
    static func reference(_ bytes: [UInt8]) -> UTF8Verdict {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return UTF8Verdict(failsAt: nil, isComplete: true)
            case .error(let length):
                let failsAt = (0xC2...0xF4).contains(bytes[offset]) ? offset + length : offset
                return UTF8Verdict(failsAt: failsAt < bytes.count ? failsAt : nil, isComplete: false)
            }
        }
    }

    /// The verdict of `UTF8Validator` fed one byte at a time.
    static func bytewise(_ bytes: [UInt8]) -> UTF8Verdict {
        var validator = UTF8Validator()
        for (index, byte) in bytes.enumerated() where !validator.validate([byte]) {
            return UTF8Verdict(failsAt: index, isComplete: false)
        }
        return UTF8Verdict(failsAt: nil, isComplete: validator.isComplete)
    }

    /// Valid and complete, from the validator fed in pieces (no position: pieces differ).
    static func pieces(_ pieces: [UnsafeMutableRawBufferPointer]) -> [Bool] {
        var validator = UTF8Validator()
        for piece in pieces where !validator.validate(UnsafeRawBufferPointer(piece)) { return [false, false] }
        return [true, validator.isComplete]
    }
}
