/// Encoding replies as a server would: for round-trip tests, the fuzzer and
/// fake servers in tests. Simple strings and errors must not contain CR or LF.
extension RESPValue {
    public func encode(into buffer: inout [UInt8]) {
        switch self {
        case .simpleString(let text):
            appendLine(UInt8(ascii: "+"), text, to: &buffer)
        case .error(let message):
            appendLine(UInt8(ascii: "-"), message, to: &buffer)
        case .integer(let value):
            RESPEncoder.appendLine(type: UInt8(ascii: ":"), number: value, to: &buffer)
        case .bulkString(let bytes):
            guard let bytes else { return RESPEncoder.appendLine(type: UInt8(ascii: "$"), number: -1, to: &buffer) }
            RESPEncoder.appendBulk(bytes, to: &buffer)
        case .array(let elements):
            guard let elements else { return RESPEncoder.appendLine(type: UInt8(ascii: "*"), number: -1, to: &buffer) }
            RESPEncoder.appendArrayHeader(count: elements.count, to: &buffer)
            for element in elements {
                element.encode(into: &buffer)
            }
        }
    }

    /// The value's wire form.
    public var encoded: [UInt8] {
        var buffer: [UInt8] = []
        encode(into: &buffer)
        return buffer
    }

    private func appendLine(_ type: UInt8, _ text: String, to buffer: inout [UInt8]) {
        buffer.append(type)
        buffer.append(contentsOf: text.utf8)
        buffer.append(contentsOf: RESPEncoder.crlf)
    }
}
