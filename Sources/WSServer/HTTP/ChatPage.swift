import WSProtocol

/// The browser chat page served at `GET /`: one self-contained HTML document
/// built into the binary from `ChatPageMarkup`, `ChatPageStyle` and
/// `ChatPageScript`, with nothing loaded from elsewhere.
///
/// Its Content-Security-Policy admits exactly the inline style and script,
/// by SHA-256 (computed once, at first use, so they cannot drift from the
/// text), and connections to this server only: CSP Level 3 lets `'self'` in
/// `connect-src` match `ws:` to the page's own host and port.
enum ChatPage {
    static let html = "<!doctype html>\n<html lang=\"en\">\n<head>\n" + ChatPageMarkup.head
        + "<style>" + ChatPageStyle.css + "</style>\n</head>\n<body>\n" + ChatPageMarkup.body
        + "<script>" + ChatPageScript.source + "</script>\n</body>\n</html>\n"

    static let contentSecurityPolicy = [
        "default-src 'none'",
        "style-src \(hashSource(ChatPageStyle.css))",
        "script-src \(hashSource(ChatPageScript.source))",
        "connect-src 'self'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static let response = HTTPResponse(
        status: .ok,
        headers: [
            "Content-Type": "text/html; charset=utf-8",
            "Cache-Control": "no-cache",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Content-Security-Policy": contentSecurityPolicy,
        ],
        body: Array(html.utf8))

    /// A CSP hash source (`'sha256-<base64>'`) for an inline element's text.
    static func hashSource(_ text: String) -> String {
        "'sha256-\(Base64.encode(SHA256.digest(Array(text.utf8))))'"
    }
}
