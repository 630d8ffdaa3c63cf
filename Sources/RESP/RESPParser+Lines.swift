/// What each complete line means: a simple value, or the length that opens
/// a bulk string or an array.
extension RESPParser {
    /// Turns the collected line into a value or the next state; returns a
    /// value when the line completes one at the top level.
    mutating func finishLine(_ kind: LineKind) throws(RESPError) -> RESPValue? {
        defer { line.removeAll(keepingCapacity: true) }
        switch kind {
        case .simpleString:
            return complete(.simpleString(String(decoding: line, as: UTF8.self)))
        case .error:
            return complete(.error(String(decoding: line, as: UTF8.self)))
        case .integer:
            guard let value = Self.parseInteger(line) else { throw .invalidInteger }
            return complete(.integer(value))
        case .bulkLength:
            return try openBulk(length: Self.parseLength(line))
        case .arrayLength:
            return try openArray(count: Self.parseLength(line))
        }
    }

    private mutating func openBulk(length: Int) throws(RESPError) -> RESPValue? {
        guard length >= 0 else { return complete(.bulkString(nil)) }
        guard length <= limits.maxBulkLength else { throw .bulkTooLong(length: length, limit: limits.maxBulkLength) }
        // Refuse at once a payload that cannot fit, instead of buffering it first.
        guard length + 2 <= limits.maxValueBytes - valueBytes else { throw .valueTooLarge(limit: limits.maxValueBytes) }
        bulk.reserveCapacity(length)
        state = .bulk(remaining: length)
        return nil
    }

    private mutating func openArray(count: Int) throws(RESPError) -> RESPValue? {
        guard openArrays.count < limits.maxDepth else { throw .nestingTooDeep(limit: limits.maxDepth) }
        guard count >= 0 else { return complete(.array(nil)) }
        guard count <= limits.maxArrayElements else { throw .tooManyElements(count: count, limit: limits.maxArrayElements) }
        guard count > 0 else { return complete(.array([])) }
        var elements: [RESPValue] = []
        // The declared count is only a claim: reserve little until elements arrive.
        elements.reserveCapacity(min(count, 1024))
        openArrays.append(OpenArray(elements: elements, remaining: count))
        state = .typeByte
        return nil
    }

    /// A bulk or array length: -1 (null) or more.
    private static func parseLength(_ digits: [UInt8]) throws(RESPError) -> Int {
        guard let value = parseInteger(digits), value >= -1, let length = Int(exactly: value) else { throw .invalidLength }
        return length
    }

    /// An optional `-` and 1-19 ASCII digits that fit in Int64, or nil.
    /// Accumulates negatively so that Int64.min parses too.
    static func parseInteger(_ digits: [UInt8]) -> Int64? {
        let negative = digits.first == UInt8(ascii: "-")
        let body = digits.dropFirst(negative ? 1 : 0)
        guard !body.isEmpty, body.count <= 19 else { return nil }
        var value: Int64 = 0
        for byte in body {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.subtractingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { return nil }
            value = next
        }
        if negative { return value }
        return value == .min ? nil : -value
    }
}
