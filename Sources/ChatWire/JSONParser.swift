/// A strict RFC 8259 parser from UTF-8 bytes to `JSONValue`, without
/// Foundation: one value surrounded by optional whitespace and nothing else,
/// no trailing commas, no comments, no leading zeros or bare `.5`, no raw
/// control characters in strings, no lone surrogate escapes, valid UTF-8 in
/// strings, and at most `Options.maxDepth` nested arrays and objects (so
/// hostile input cannot exhaust the stack).
public struct JSONParser {
    /// Why the input is not JSON, and the byte offset where that was found.
    public struct Failure: Error, Equatable, Sendable {
        /// What went wrong.
        public enum Reason: Equatable, Sendable {
            case unexpectedEnd
            case unexpectedByte(UInt8)
            case invalidNumber
            case invalidEscape
            case loneSurrogate
            case controlCharacterInString
            case invalidUTF8
            case tooDeep
            case trailingGarbage
        }

        public var reason: Reason
        public var offset: Int
    }

    /// How strict to be. The server is strict; a client reading a server it
    /// trusts to be well-formed is lenient where strictness would only lose
    /// text (a lone surrogate escape becomes U+FFFD) and allows deeper nesting.
    public struct Options: Sendable {
        /// Objects and arrays inside each other, the outermost one counting as 1.
        public var maxDepth: Int
        public var replacesLoneSurrogates: Bool

        public init(maxDepth: Int, replacesLoneSurrogates: Bool) {
            self.maxDepth = maxDepth
            self.replacesLoneSurrogates = replacesLoneSurrogates
        }

        public static let strict = Options(maxDepth: 32, replacesLoneSurrogates: false)
        public static let lenient = Options(maxDepth: 64, replacesLoneSurrogates: true)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    let options: Options
    var maxDepth: Int { options.maxDepth }

    private init(bytes: UnsafeBufferPointer<UInt8>, options: Options) {
        self.bytes = bytes
        self.options = options
    }

    /// Parses exactly one JSON text.
    public static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, options: Options = .strict
    ) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes, options: options)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure(.trailingGarbage) }
        return value
    }

    /// Parses exactly one JSON text.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, options: Options = .strict
    ) throws(Failure) -> JSONValue {
        let result = bytes.withMemoryRebound(to: UInt8.self) { typed in
            Result { () throws(Failure) in try parse(typed, options: options) }
        }
        return try result.get()
    }

    /// Parses exactly one JSON text.
    public static func parse(_ bytes: [UInt8], options: Options = .strict) throws(Failure) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { typed in
            Result { () throws(Failure) in try parse(typed, options: options) }
        }
        return try result.get()
    }

    func failure(_ reason: Failure.Reason) -> Failure {
        Failure(reason: reason, offset: index)
    }

    /// The failure for the byte at `index`, or for the end of input.
    func unexpected() -> Failure {
        index < bytes.count ? failure(.unexpectedByte(bytes[index])) : failure(.unexpectedEnd)
    }

    /// RFC 8259 whitespace: space, tab, line feed, carriage return.
    mutating func skipWhitespace() {
        while index < bytes.count, JSONParser.isWhitespace(bytes[index]) { index += 1 }
    }

    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw failure(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw unexpected()
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let literalBytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in literalBytes {
            guard index < bytes.count, bytes[index] == expected else { throw unexpected() }
            index += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= maxDepth else { throw failure(.tooDeep) }
        index += 1
        var members: [JSONValue.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw unexpected() }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw unexpected() }
            index += 1
            members.append(JSONValue.Member(key, try parseValue(depth: depth)))
            guard try endOfContainer(closing: UInt8(ascii: "}")) == false else { return .object(members) }
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= maxDepth else { throw failure(.tooDeep) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            guard try endOfContainer(closing: UInt8(ascii: "]")) == false else { return .array(elements) }
        }
    }

    /// After a member or element: consumes `,` (false, more follow) or the
    /// closing bracket (true). A `,` must be followed by another member or
    /// element, which is what rules out trailing commas.
    private mutating func endOfContainer(closing: UInt8) throws(Failure) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw failure(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: ","):
            index += 1
            return false
        case closing:
            index += 1
            return true
        default:
            throw unexpected()
        }
    }
}
