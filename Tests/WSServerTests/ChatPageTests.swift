import ChatWire
import Testing
import WSProtocol
@testable import WSServer

/// The page at `GET /` as bytes: headers, a CSP whose hashes match the
/// inline style and script, nothing loaded from elsewhere, and no HTML
/// parsing of anything in the script.
@Suite("Chat page")
struct ChatPageTests {
    private let html = ChatPage.html

    /// The text between the only `<tag>` and its closing tag.
    private func inline(_ tag: String) -> String? {
        let parts = html.split(separator: "<\(tag)>", omittingEmptySubsequences: false)
        guard parts.count == 2, let end = parts[1].range(of: "</\(tag)>") else { return nil }
        return String(parts[1][..<end.lowerBound])
    }

    @Test func routedAndServedWithItsHeaders() {
        let route = Router(config: ServerConfig(), metrics: ServerMetrics(), peer: PeerAddress(ipv4: 0x7F00_0001)).route(HTTPRequestHead(method: "GET", target: "/?room=a"))
        guard case .respond(let response, nil) = route else {
            Issue.record("GET / should answer with the page, got \(route)")
            return
        }
        #expect(response == ChatPage.response)
        #expect(response.status == .ok)
        #expect(response.body == Array(html.utf8))
        #expect(response.headers.first("Content-Type") == "text/html; charset=utf-8")
        #expect(response.headers.first("Cache-Control") == "no-cache")
        #expect(response.headers.first("X-Content-Type-Options") == "nosniff")
        #expect(response.headers.first("Referrer-Policy") == "no-referrer")
        let bytes = String(decoding: response.bytes, as: UTF8.self)
        #expect(bytes.contains("\r\nContent-Length: \(response.body.count)\r\n"))
    }

    @Test func policyHashesAreThoseOfTheInlineStyleAndScript() throws {
        let style = try #require(inline("style"))
        let script = try #require(inline("script"))
        #expect(style == ChatPage.style)
        #expect(script == ChatPage.script)
        let policy = ChatPage.response.headers.first("Content-Security-Policy")
        #expect(policy == ChatPage.contentSecurityPolicy)
        let directives = ChatPage.contentSecurityPolicy.split(separator: ";").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(directives == [
            "default-src 'none'",
            "style-src \(ChatPage.hashSource(style))",
            "script-src \(ChatPage.hashSource(script))",
            "connect-src 'self'", "img-src data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
        ])
    }

    @Test func hashSourceIsBase64OfSHA256() {
        #expect(ChatPage.hashSource("abc") == "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
    }

    @Test func selfContained() {
        for reference in ["http://", "https://", "src=", "@import", "url(", "<iframe", "<object", "<embed"] {
            #expect(!html.contains(reference), "the page must load nothing: found \(reference)")
        }
        #expect(html.components(separatedBy: "href=").count == 2)
        #expect(html.contains(#"<link rel="icon" href="data:,">"#))
    }

    @Test func scriptBuildsTheDOMWithoutParsingHTML() {
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(", "srcdoc"] {
            #expect(!ChatPage.script.contains(sink), "the script must not use \(sink)")
        }
        #expect(ChatPage.script.hasPrefix("\n'use strict';\n"))
    }
}
