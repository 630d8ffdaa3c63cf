import Testing
import WSProtocol

/// RFC 6455 section 9.1: the `Sec-WebSocket-Extensions` grammar, which
/// `ExtensionElement` reads for the negotiation of RFC 7692.
@Suite("RFC 6455 §9.1: Sec-WebSocket-Extensions")
struct Section9_1ExtensionHeaderTests {
    typealias Parameter = ExtensionElement.Parameter

    @Test("lists split at commas outside quoted strings, across header lines, empty elements dropped")
    func splitting() {
        let lines = ["foo, bar; baz=2", #" x; q="a,b" ,, "#, "deflate-stream"]
        #expect(ExtensionElement.elements(of: lines) == ["foo", "bar; baz=2", #"x; q="a,b""#, "deflate-stream"])
        #expect(ExtensionElement.elements(of: [#"a; q="\"," , b"#]) == [#"a; q="\",""#, "b"])
        #expect(ExtensionElement.elements(of: [#"a; q="open, b"#]) == [#"a; q="open, b"#])
    }

    @Test("elements parse into a name and parameters, values unquoted and unescaped", arguments: [
        ("mux; max-channels=4; flow-control", ExtensionElement(name: "mux", parameters: [Parameter("max-channels", "4"), Parameter("flow-control")])),
        ("  Foo ;Bar = \"baz\"  ", ExtensionElement(name: "foo", parameters: [Parameter("bar", "baz")])),
        (#"foo; bar="b\az""#, ExtensionElement(name: "foo", parameters: [Parameter("bar", "baz")])),
        ("foo;\tbar=1", ExtensionElement(name: "foo", parameters: [Parameter("bar", "1")])),
    ])
    func parsing(text: String, expected: ExtensionElement) {
        #expect(ExtensionElement(parsing: text) == expected)
    }

    @Test("anything else is not an element", arguments: [
        "", "foo;", "foo; ", "; foo", "foo bar", "foo; bar=", "foo; =1", "foo; bar==1", #"foo; bar="""#,
        #"foo; bar="a b""#, #"foo; bar="unterminated"#, #"foo; bar="x"y"#, "foo; bar=a;;", "f(o)o", "foo, bar",
    ])
    func malformed(text: String) {
        #expect(ExtensionElement(parsing: text) == nil)
    }

    @Test("an element prints back as it parses")
    func headerValue() {
        let element = ExtensionElement(name: "permessage-deflate", parameters: [Parameter("a"), Parameter("b", "9")])
        #expect(element.headerValue == "permessage-deflate; a; b=9")
        #expect(ExtensionElement(parsing: element.headerValue) == element)
    }
}
