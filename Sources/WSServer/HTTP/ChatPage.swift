import WSProtocol

/// The browser chat page served at `GET /`: one self-contained HTML document
/// assembled from the files of `Sources/WSServer/Page`, which the EmbedPage
/// build plugin compiles into `PageFiles`, with nothing loaded from elsewhere.
/// `chat.html` has an empty `<style>` for `chat.css` and an empty `<script>`
/// for the `chat-*.js` files, which are joined, in `scripts` order, into one
/// strict function so nothing leaks into the page's global scope.
///
/// Its Content-Security-Policy admits exactly that style and that script, by
/// SHA-256 of the very strings that are served (computed once, at first
/// use), and connections to this server only: CSP Level 3 lets `'self'` in
/// `connect-src` match `ws:` to the page's own host and port.
enum ChatPage {
    /// Pure logic and state first, start-up last.
    static let scripts = [
        PageFiles.chatLogicJS, PageFiles.chatConnectionJS, PageFiles.chatIdentityJS, PageFiles.chatEventsJS,
        PageFiles.chatViewsJS, PageFiles.chatInputJS,
    ]

    static let script = "\n'use strict';\n(function chatPage() {\n" + scripts.joined(separator: "\n") + "})();\n"

    static let style = PageFiles.chatCSS

    static let html = PageFiles.chatHTML
        .replacing("<style></style>", with: "<style>" + style + "</style>", maxReplacements: 1)
        .replacing("<script></script>", with: "<script>" + script + "</script>", maxReplacements: 1)

    static let contentSecurityPolicy = [
        "default-src 'none'",
        "style-src \(hashSource(style))",
        "script-src \(hashSource(script))",
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
