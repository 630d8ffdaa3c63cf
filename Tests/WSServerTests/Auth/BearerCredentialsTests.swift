import Testing
import WSProtocol
import WSServer

@Suite("RFC 6750: bearer tokens in the upgrade request, and the API key")
struct BearerCredentialsTests {
    private func presented(_ headers: HTTPHeaders = [:], query: String? = nil) -> Result<String?, TokenRefusal> {
        Result { () throws(TokenRefusal) in
            try BearerCredentials.presentedToken(headers: headers, query: QueryParameters(query))
        }
    }

    @Test("Bearer in any case, one or more spaces, one b64token", arguments: [
        ("Bearer abc.DEF-_~+/", "abc.DEF-_~+/"), ("bearer abc", "abc"), ("BEARER   abc", "abc"),
        ("BeArEr abc==", "abc=="),
    ])
    func bearer(value: String, token: String) {
        #expect(BearerCredentials.bearer(value) == token)
    }

    @Test("anything else is not a bearer credential", arguments: [
        "Bearer", "Bearer ", "Bearerabc", "Bearer\tabc", "Bearer a b", "Bearer =abc", "Bearer a=b",
        "Bearer abc,", "Bearer é", "Basic abc", "Token abc", "", " Bearer abc",
    ])
    func notBearer(value: String) {
        #expect(BearerCredentials.bearer(value) == nil)
    }

    @Test("the token comes from Authorization or from token=, or there is none")
    func sources() {
        #expect(presented() == .success(nil))
        #expect(presented(["Authorization": "Bearer a.b.c"]) == .success("a.b.c"))
        #expect(presented(query: "room=x&token=a.b.c&name=n") == .success("a.b.c"))
        #expect(presented(["Authorization": "Basic dXNlcjpwYXNz"], query: "token=a.b.c") == .success("a.b.c"))
        #expect(presented(["Authorization": "Basic dXNlcjpwYXNz"]) == .success(nil))
        #expect(presented(["authorization": "bearer  a.b.c"]) == .success("a.b.c"))
    }

    @Test("ambiguous or ill-formed credentials are malformed, and the refusal repeats none of them", arguments: [
        (["Authorization": "Bearer QZX.b.c"], "token=QZX.b.c"),
        (["Authorization": "Bearer QZX.b.c", "Authorization": "Bearer QZX.b.d"], nil),
        (["Authorization": "Bearer QZX b"], nil), (["Authorization": "Bearer"], nil),
        (["Authorization": "Bearer\tQZX.b.c"], nil),
        ([:], "token=QZX.b.c&token=QZX.b.c"), ([:], "token="), ([:], "token"), ([:], "token=QZX%20b"),
        ([:], "token=QZX%0A"),
    ] as [(HTTPHeaders, String?)])
    func malformed(headers: HTTPHeaders, query: String?) throws {
        let refusal = try #require(presented(headers, query: query).failure)
        #expect(refusal.reason == .malformed)
        #expect(!refusal.message.contains("QZX"))
    }

    @Test("the API key is accepted exactly, in one Authorization field")
    func apiKey() {
        let key = APIKey(Array("0123456789abcdef-key".utf8))
        #expect(key.authorizes(["Authorization": "Bearer 0123456789abcdef-key"]))
        #expect(key.authorizes(["authorization": "bearer   0123456789abcdef-key"]))
        #expect(!key.authorizes([:]))
        #expect(!key.authorizes(["Authorization": "Bearer 0123456789abcdef-ke"]))
        #expect(!key.authorizes(["Authorization": "Bearer 0123456789abcdef-keyy"]))
        #expect(!key.authorizes(["Authorization": "Bearer 0123456789ABCDEF-key"]))
        #expect(!key.authorizes(["Authorization": "Basic 0123456789abcdef-key"]))
        #expect(!key.authorizes(["Authorization": "0123456789abcdef-key"]))
        #expect(!key.authorizes(["Authorization": "Bearer 0123456789abcdef-key", "Authorization": "Bearer x"]))
    }
}
