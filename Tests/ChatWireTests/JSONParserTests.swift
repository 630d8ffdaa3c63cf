import Testing
@testable import ChatWire

/// RFC 8259 conformance of `JSONParser`: what must parse, and what must not.
@Suite("JSONParser (RFC 8259)")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParser.Failure) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func reason(_ text: String) -> JSONParser.Failure.Reason? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func scalarsAtTopLevel() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse(" false ") == .bool(false))
        #expect(try parse("\"x\"") == .string("x"))
        #expect(try parse("-12.5e+3") == .number("-12.5e+3"))
    }

    @Test func objectKeepsMemberOrderAndLastDuplicateWins() throws {
        let value = try parse(#" { "b" : 1 , "a" : [ true , null ] , "b" : 2 } "#)
        #expect(value.objectValue?.map(\.key) == ["b", "a", "b"])
        #expect(value["b"] == .number("2"))
        #expect(value["a"] == .array([.bool(true), .null]))
        #expect(value["missing"] == nil)
    }

    @Test func emptyContainers() throws {
        #expect(try parse("{}") == .object([]))
        #expect(try parse("[ ]") == .array([]))
        #expect(try parse("[{},[]]") == .array([.object([]), .array([])]))
    }

    @Test(arguments: ["0", "-0", "1", "123", "0.5", "-0.0e0", "1E10", "1e-7", "2.50"])
    func validNumbersKeepTheirText(_ text: String) throws {
        #expect(try parse(text) == .number(text))
    }

    @Test(arguments: ["01", "-", "+1", ".5", "1.", "1e", "1e+", "0x10", "-01", "1.e3", "Infinity", "NaN", "--1"])
    func invalidNumbers(_ text: String) {
        #expect(reason(text) != nil)
    }

    @Test func numberAccessors() throws {
        #expect(try parse("42").intValue == 42)
        #expect(try parse("-7").intValue == -7)
        #expect(try parse("4.5").intValue == nil)
        #expect(try parse("1e2").intValue == nil)
        #expect(try parse("1e2").doubleValue == 100)
        #expect(try parse("18446744073709551615").uint64Value == UInt64.max)
        #expect(try parse("18446744073709551616").uint64Value == nil)
        #expect(try parse("-1").uint64Value == nil)
        #expect(try parse("\"1\"").intValue == nil)
    }

    @Test func simpleEscapes() throws {
        #expect(try parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{8} \u{C} \n \r \t"))
    }

    @Test func unicodeEscapes() throws {
        #expect(try parse(#""\u0041\u00e9\u20AC\u0000""#) == .string("Aé€\u{0}"))
        #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parse(#""a\ud834\udd1eb""#) == .string("a𝄞b"))
    }

    @Test func rawUTF8InStrings() throws {
        #expect(try parse("\"héllo 😀 世界\"") == .string("héllo 😀 世界"))
        #expect(try parse("\"é\\n😀\"") == .string("é\n😀"))
    }

    @Test(arguments: [#""\uD83D""#, #""\uD83Dx""#, #""\uDE00""#, #""\uD83D\u0041""#, #""\uD83D\uD83D""#, #""\uDC00\uD800""#])
    func loneSurrogatesAreRejected(_ text: String) {
        #expect(reason(text) == .loneSurrogate)
    }

    @Test(arguments: [#""\x""#, #""\u12""#, #""\u12G4""#, #""\U0041""#, #""\'""#])
    func invalidEscapes(_ text: String) {
        #expect(reason(text) == .invalidEscape || reason(text) == .unexpectedEnd)
    }

    @Test(arguments: [0x00, 0x09, 0x0A, 0x1F] as [UInt8])
    func rawControlCharactersInStringsAreRejected(_ byte: UInt8) {
        let bytes: [UInt8] = [0x22, 0x61, byte, 0x22]
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
        do {
            _ = try JSONParser.parse(bytes)
        } catch {
            #expect(error.reason == .controlCharacterInString)
            #expect(error.offset == 2)
        }
    }

    @Test func deleteCharacterIsAllowedRaw() throws {
        #expect(try JSONParser.parse([0x22, 0x7F, 0x22]) == .string("\u{7F}"))
    }

    @Test(arguments: [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x22]] as [[UInt8]])
    func invalidUTF8InStringsIsRejected(_ bytes: [UInt8]) {
        #expect(throws: JSONParser.Failure(reason: .invalidUTF8, offset: 1)) { try JSONParser.parse(bytes) }
    }

    @Test(arguments: ["[1,]", "{\"a\":1,}", "[,1]", "{,}", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{1:2}", "{'a':1}", "[1,,2]"])
    func malformedContainers(_ text: String) {
        #expect(reason(text) != nil)
    }

    @Test(arguments: ["{} x", "1 2", "[]]", "{}{}", "null,", "\"a\"\"b\"", "true false"])
    func trailingGarbageIsRejected(_ text: String) {
        #expect(reason(text) == .trailingGarbage)
    }

    @Test(arguments: ["", " ", "[", "{", "{\"a\"", "{\"a\":", "[1", "\"abc", "tru", "nul", "\"\\u00"])
    func truncatedInput(_ text: String) {
        #expect(reason(text) == .unexpectedEnd)
    }

    @Test(arguments: ["True", "nulll", "// c\n1", "/* c */ 1", "\u{FEFF}1", "\u{A0}1", "undefined"])
    func notJSON(_ text: String) {
        #expect(reason(text) != nil)
    }

    @Test func onlyFourWhitespaceCharacters() throws {
        #expect(try parse(" \t\r\n[ \t\r\n1 \t\r\n] \t\r\n") == .array([.number("1")]))
        #expect(reason("\u{0B}1") != nil)
        #expect(reason("\u{0C}1") != nil)
    }

    @Test func depthLimit() throws {
        let deepest = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(throws: Never.self) { try parse(deepest) }
        let tooDeep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        #expect(reason(tooDeep) == .tooDeep)
        let objects = String(repeating: "{\"a\":", count: 33) + "1" + String(repeating: "}", count: 33)
        #expect(reason(objects) == .tooDeep)
        #expect(reason(String(repeating: "[", count: 100_000)) == .tooDeep)
        let two = JSONParser.Options(maxDepth: 2, replacesLoneSurrogates: false)
        let one = JSONParser.Options(maxDepth: 1, replacesLoneSurrogates: false)
        #expect(throws: Never.self) { try JSONParser.parse(Array("[[1]]".utf8), options: two) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("[[1]]".utf8), options: one) }
    }

    @Test func parsesFromRawBuffer() throws {
        let bytes = Array(#"{"k":"v"}"#.utf8)
        let value = try bytes.withUnsafeBytes { raw in try JSONParser.parse(raw) }
        #expect(value == .object([JSONValue.Member("k", .string("v"))]))
    }

    @Test func failureReportsOffset() {
        #expect(throws: JSONParser.Failure(reason: .unexpectedByte(UInt8(ascii: "]")), offset: 3)) {
            try parse("[1,]")
        }
    }
}
