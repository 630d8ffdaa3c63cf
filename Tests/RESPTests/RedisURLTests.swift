import RESP
import Testing

/// `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`: what is accepted, what is
/// refused and why, and that no textual form shows the password.
@Suite("RedisURL")
struct RedisURLTests {
    @Test func hostOnlyTakesTheDefaults() throws {
        let url = try RedisURL(parsing: "redis://localhost")
        #expect(url == RedisURL(host: "localhost", port: 6379, database: 0))
        #expect(url.username == nil && url.password == nil)
        #expect(try RedisURL(parsing: "REDIS://cache-1.internal/") == RedisURL(host: "cache-1.internal"))
    }

    @Test func portAndDatabase() throws {
        #expect(try RedisURL(parsing: "redis://127.0.0.1:6380/2") == RedisURL(host: "127.0.0.1", port: 6380, database: 2))
        #expect(try RedisURL(parsing: "redis://h:1/0") == RedisURL(host: "h", port: 1))
        #expect(try RedisURL(parsing: "redis://h:65535/15") == RedisURL(host: "h", port: 65535, database: 15))
    }

    @Test func passwordAndUser() throws {
        let password = try RedisURL(parsing: "redis://:s3cret@redis:1234/5")
        #expect(password == RedisURL(host: "redis", port: 1234, database: 5, password: Array("s3cret".utf8)))
        let acl = try RedisURL(parsing: "redis://alice:s3cret@redis/0")
        #expect(acl.username == "alice" && acl.password == Array("s3cret".utf8))
    }

    @Test func ipv6InBrackets() throws {
        #expect(try RedisURL(parsing: "redis://[::1]:6379/1") == RedisURL(host: "::1", database: 1))
        #expect(try RedisURL(parsing: "redis://[::1]") == RedisURL(host: "::1"))
        #expect(try RedisURL(parsing: "redis://:pw@[2001:db8::1]:7000") == RedisURL(host: "2001:db8::1", port: 7000, password: Array("pw".utf8)))
        #expect(try RedisURL(parsing: "redis://[::ffff:127.0.0.1]").host == "::ffff:127.0.0.1")
    }

    @Test func percentDecoding() throws {
        #expect(try RedisURL(parsing: "redis://:p%40ss%3Aw%2Fo%25rd%3f%23@h").password == Array("p@ss:w/o%rd?#".utf8))
        #expect(try RedisURL(parsing: "redis://:%00%ff@h").password == [0, 255])
        #expect(try RedisURL(parsing: "redis://al%69ce:x@h").username == "alice")
        // Reserved characters other than the authority's delimiters may stay raw; the last '@' ends the user part.
        #expect(try RedisURL(parsing: "redis://:a@b:c@h").password == Array("a@b:c".utf8))
    }

    @Test(arguments: [
        ("", RedisURLError.missingScheme), ("localhost:6379", .missingScheme), ("//h", .missingScheme),
        ("http://h", .unsupportedScheme("http")), ("rediss://h", .unsupportedScheme("rediss")),
        ("redis://", .missingHost), ("redis://:6379", .missingHost), ("redis://:pw@", .missingHost), ("redis:///0", .missingHost),
        ("redis://h:0", .invalidPort("0")), ("redis://h:65536", .invalidPort("65536")), ("redis://h:", .invalidPort("")),
        ("redis://h:http", .invalidPort("http")), ("redis://h:-1", .invalidPort("-1")),
        ("redis://h/x", .invalidDatabase("/x")), ("redis://h/1/2", .invalidDatabase("/1/2")), ("redis://h/-1", .invalidDatabase("/-1")),
        ("redis://h/99999999999", .invalidDatabase("/99999999999")),
        ("redis://h?db=1", .unsupportedSuffix), ("redis://h/0#x", .unsupportedSuffix),
        ("redis://::1", .invalidHost("::1")), ("redis://[::1", .invalidHost("[::1")), ("redis://[zz::1]", .invalidHost("[zz::1]")),
        ("redis://[::1]x", .invalidHost("x")), ("redis://h_1 x", .invalidHost("h_1 x")), ("redis://[127.0.0.1]", .invalidHost("[127.0.0.1]")),
        ("redis://pw@h", .invalidUserInfo("expected ':PASSWORD' or 'USER:PASSWORD'")),
        ("redis://:@h", .invalidUserInfo("empty password")), ("redis://u:@h", .invalidUserInfo("empty password")),
        ("redis://:p w@h", .invalidUserInfo("spaces and control characters must be percent-encoded")),
        ("redis://:%zz@h", .invalidPercentEncoding(part: "password")), ("redis://:%4@h", .invalidPercentEncoding(part: "password")),
        ("redis://%ff:pw@h", .invalidPercentEncoding(part: "user name")),
    ])
    func refused(_ text: String, _ expected: RedisURLError) {
        #expect(throws: expected) { try RedisURL(parsing: text) }
    }

    @Test func tlsRefusalSaysWhy() {
        #expect(RedisURLError.unsupportedScheme("rediss").description.contains("TLS"))
    }

    @Test func redactedHidesThePassword() throws {
        let url = try RedisURL(parsing: "redis://alice:hunter2@[::1]:7000/3")
        #expect(url.redacted == "redis://alice:***@[::1]:7000/3")
        var dumped = ""
        dump(url, to: &dumped)
        for text in [url.redacted, url.description, "\(url)", String(reflecting: url), dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(try RedisURL(parsing: "redis://:hunter2@h").redacted == "redis://:***@h:6379/0")
        #expect(try RedisURL(parsing: "redis://h").redacted == "redis://h:6379/0")
        #expect(RedisURL(host: "h", username: "a:b@c", password: [1]).redacted == "redis://a%3Ab%40c:***@h:6379/0")
    }

    /// Refusals of URLs with a password in them never quote it.
    @Test(arguments: [
        "redis://:hunter2@", "redis://:hunter2@h:99999", "redis://:hunter2@h/x", "redis://u:hunter2@::1", "redis:hunter2@h",
        "x:hunter2@h://", "redis://:hunter2%zz@h", "redis://:hunter2@h?x", "redis://hunter2@h",
    ])
    func errorsNeverQuoteThePassword(_ text: String) {
        do {
            _ = try RedisURL(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(!error.description.contains("hunter2"), "\(error)")
        }
    }
}
