import WSProtocol

/// The browser chat page served at `GET /`, built into the binary.
enum ChatPage {
    static let html = """
    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>chat-server</title></head>
    <body><h1>chat-server</h1><p>Connect a WebSocket to this address to chat.</p></body></html>
    """

    static let response = HTTPResponse(
        status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(html.utf8))
}
