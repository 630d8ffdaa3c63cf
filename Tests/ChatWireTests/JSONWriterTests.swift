import Testing
@testable import ChatWire

/// `JSONWriter`: compact output, RFC 8259 escaping, and round trips through the parser.
@Suite("JSONWriter")
struct JSONWriterTests {
    private func written(_ build: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        build(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func commasArePlacedAutomatically() {
        let text = written { writer in
            writer.beginObject()
            writer.key("a")
            writer.int(1)
            writer.key("b")
            writer.beginArray()
            writer.int(-2)
            writer.bool(true)
            writer.null()
            writer.beginObject()
            writer.endObject()
            writer.beginArray()
            writer.endArray()
            writer.endArray()
            writer.key("c")
            writer.string("x")
            writer.endObject()
        }
        #expect(text == #"{"a":1,"b":[-2,true,null,{},[]],"c":"x"}"#)
    }

    @Test func integers() {
        #expect(written { $0.int(0) } == "0")
        #expect(written { $0.int(Int.min) } == "-9223372036854775808")
        #expect(written { $0.int(Int.max) } == "9223372036854775807")
        #expect(written { $0.uint(UInt64.max) } == "18446744073709551615")
        #expect(written { $0.int(Int64(-1_700_000_000_000)) } == "-1700000000000")
        #expect(written { $0.string(prefix: "c", number: 907) } == #""c907""#)
    }

    @Test func escapesExactlyWhatRFC8259Requires() {
        let text = written { $0.string("q\" b\\ s/ \u{0}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F} é 😀 \u{2028}") }
        #expect(text == #""q\" b\\ s/ \u0000\b\t\n\f\r\u001f"# + "\u{7F} é 😀 \u{2028}\"")
    }

    @Test func rawNumbersAndJSONPassThrough() {
        let text = written { writer in
            writer.beginArray()
            writer.rawNumber("1.50")
            writer.rawJSON(Array(#"{"x":[1]}"#.utf8))
            writer.rawJSON(Array(#""s""#.utf8)[...])
            writer.endArray()
        }
        #expect(text == #"[1.50,{"x":[1]},"s"]"#)
    }

    @Test(arguments: [
        "", "plain", "\"quoted\"", "back\\slash", "tab\there", "nul\u{0}", "all controls \u{1}\u{2}\u{3}\u{1E}\u{1F}",
        "emoji 👩🏽‍💻 and 𝄞", "mixed \"é\\\n\"", String(repeating: "a\"", count: 500),
    ])
    func stringsRoundTrip(_ text: String) throws {
        let bytes = { () -> [UInt8] in
            var writer = JSONWriter()
            writer.string(text)
            return writer.bytes
        }()
        #expect(try JSONParser.parse(bytes) == .string(text))
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        var writer = JSONWriter()
        writer.string(text)
        #expect(!writer.bytes.contains { $0 < 0x20 })
        #expect(try JSONParser.parse(writer.bytes) == .string(text))
    }

    @Test func valuesRoundTripWithOrderAndNumberText() throws {
        let source = #"{"z":[1,-0.5,2e10,true,false,null],"a":{"k":"v\u0001\"","":{}},"ε":"😀"}"#
        let value = try JSONParser.parse(Array(source.utf8))
        var writer = JSONWriter()
        writer.value(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == source)
        #expect(try JSONParser.parse(writer.bytes) == value)
    }
}
