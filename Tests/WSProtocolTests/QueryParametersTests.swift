import Testing
import WSProtocol

@Suite("WHATWG URL §5: application/x-www-form-urlencoded queries")
struct QueryParametersTests {
    @Test("pairs are decoded in order, repeats kept, + and %XX decoded")
    func decoding() {
        let query = QueryParameters("a=1&room=x&room=y&name=J%C3%BCrgen+K")
        #expect(query.map(\.name) == ["a", "room", "room", "name"])
        #expect(query.first(for: "a") == "1")
        #expect(query.values(for: "room") == ["x", "y"])
        #expect(query.first(for: "name") == "Jürgen K")
        #expect(query.first(for: "Name") == nil)
        #expect(query.values(for: "missing").isEmpty)
    }

    @Test("names are decoded too; a pair without '=' has an empty value; empty pairs are skipped")
    func shapes() {
        let query = QueryParameters("&%72oom+1=a%3Db&flag&&=v&x=")
        #expect(query.map(\.name) == ["room 1", "flag", "", "x"])
        #expect(query.map(\.value) == ["a=b", "", "v", ""])
    }

    @Test("invalid escapes are kept as written; non-UTF-8 becomes U+FFFD")
    func invalidEscapes() {
        #expect(QueryParameters("a=%&b=%4&c=%zz&d=100%25&e=%e2%82%ac").map(\.value) == ["%", "%4", "%zz", "100%", "€"])
        #expect(QueryParameters("a=%FF").first(for: "a") == "\u{FFFD}")
    }

    @Test("no query, or an empty one, has no parameters")
    func empty() {
        #expect(QueryParameters(nil).isEmpty)
        #expect(QueryParameters("").isEmpty)
        #expect(QueryParameters("&&").isEmpty)
    }
}
