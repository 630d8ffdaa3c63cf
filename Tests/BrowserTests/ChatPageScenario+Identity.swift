import SystemKit
import Testing

/// Steps for sign-in tokens and refusals. The server neither checks tokens
/// nor names verified users yet, so the test has the real server refuse an
/// upgrade in another way (a page cannot tell a 404 from a 401 for a bad
/// token: it sees a socket closed before it opened) and rewrites the events
/// a server with authentication would mark with `user`.
extension ChatPageScenario {
    /// Sends the socket of a page holding `refused.token` to `/refused`,
    /// where the server has no endpoint and answers 404 before the upgrade.
    /// Only the route is the test's: the page still asks for `/`. (An origin
    /// refusal cannot be had: the page connects to its own host, whose
    /// origin is always allowed, and its `connect-src 'self'` forbids any
    /// other host name for the same server.)
    static let refusedTokenRoute = """
        window.__route = (url) => url.replace(/[/][?]token=refused/, '/refused?token=refused');
        """

    /// What a v2 server with authentication would say to a page signed in
    /// as `alice-sub`: its `welcome` and own messages carry `user`.
    static let signedInRewrite = """
        window.__rewrite = (text) => {
          const event = JSON.parse(text);
          if (event.type === 'welcome') window.__me = event.id;
          if (event.type === 'welcome' || (event.type === 'message' && event.id === window.__me)) {
            Object.assign(event, { name: 'Alice', user: 'alice-sub' });
          }
          return JSON.stringify(event);
        };
        """

    static let tokenKey = "sessionStorage.getItem('chat-server.token')"

    /// A refused upgrade with a token: said plainly, the token forgotten and
    /// out of the address bar, and no reconnecting by itself.
    func refusesATokenOnce() throws {
        try open("#token=refused.token", scripts: [Self.refusedTokenRoute])
        try page.waitUntil("the refusal, said plainly", """
            document.getElementById('notice-text').textContent.includes('sign-in token was refused or has expired')
              && document.getElementById('status').dataset.state === 'offline'
            """)
        #expect(try page.evaluate("location.hash === '' && !location.href.includes('refused.token')").boolValue == true)
        #expect(try page.evaluate("\(Self.tokenKey) === null").boolValue == true)
        // A page that retried would have within 0.5 s (the first backoff's ceiling).
        MonotonicClock.sleep(1)
        #expect(try socketAddresses() == ["ws://127.0.0.1:\(server.port)/?token=refused.token"])
        #expect(try page.evaluate("fetch('/metrics').then((response) => response.text())").stringValue?
            .contains(#"chat_handshake_failures_total{reason="not_found"} 1"#) == true,
            "the server refused exactly one upgrade")
    }

    /// Without the token, "Reconnect now" connects as a guest.
    func reconnectsAsAGuest() throws {
        try page.evaluate("document.getElementById('reconnect').click()")
        try page.waitUntil("the guest connection", Self.isConnected)
        #expect(try socketAddresses().last == "ws://127.0.0.1:\(server.port)/")
        #expect(try page.evaluate("document.getElementById('nick').readOnly").boolValue == false)
    }

    /// The token goes on the socket's address and nowhere else; the name is
    /// the token's, shown read-only; own messages are marked, a guest's not.
    func signsInWithAToken() throws {
        try page.call("Page.addScriptToEvaluateOnNewDocument", ["source": .string(Self.signedInRewrite)])
        try navigate(to: baseURL + "?room=lobby#token=good.token")
        try page.waitUntil("the signed-in page", """
            \(Self.isConnected) && document.getElementById('status').textContent === 'Signed in as Alice (verified: alice-sub)'
            """)
        #expect(try socketAddresses().last == "ws://127.0.0.1:\(server.port)/?token=good.token")
        #expect(try page.evaluate("""
            location.href === \(jsString(baseURL + "?room=lobby")) && \(Self.tokenKey) === 'good.token'
              && document.getElementById('nick').readOnly && document.getElementById('nick').value === 'Alice'
              && document.getElementById('nick-set').hidden
            """).boolValue == true)
        try focus("message")
        try enter("/nick mallory")
        try page.waitUntil("the refusal to rename", """
            document.getElementById('notice-text').textContent === 'Your name comes from your sign-in token.'
            """)
        #expect(try sentCount("nick") == 0)
        try chatsAsVerifiedUser()
    }

    private func chatsAsVerifiedUser() throws {
        try page.evaluate("document.getElementById('message').value = ''")
        try enter("signed hello")
        let bob = try ChatPeer(port: server.port, query: "room=lobby&name=Alice")
        peer = bob
        _ = try bob.next("joined")
        try bob.send(["type": "message", "room": "lobby", "text": "a guest also called Alice"])
        try page.waitUntil("the mark on the signed-in message only", """
            [...\(Self.log("lobby")).querySelectorAll('.msg')].map((line) => line.querySelector('.text').textContent + ':'
              + Boolean(line.querySelector('.verified'))).join('|') === 'signed hello:true|a guest also called Alice:false'
            """)
    }

    /// A reload keeps the token this tab was given.
    func staysSignedInAfterAReload() throws {
        try page.call("Page.reload")
        try page.waitUntil("the signed-in page again", """
            \(Self.isConnected) && document.getElementById('status').textContent.startsWith('Signed in as Alice')
            """)
        #expect(try socketAddresses().last == "ws://127.0.0.1:\(server.port)/?token=good.token")
    }

    /// A 1008 (the server gives one for sustained flooding) is shown in
    /// words, and the page waits for the user instead of reconnecting.
    func stopsAfterAPolicyClose() throws {
        let sockets = try socketAddresses().count
        try page.evaluate("for (let i = 0; i < 200; i += 1) window.__socket.send('flood ' + i)")
        try page.waitUntil("the close reason in words, and no retry scheduled", """
            \(Self.logMentions("lobby", "Disconnected: too many messages too fast (rate limit exceeded)"))
              && document.getElementById('status').textContent === 'Offline: not reconnecting by itself'
            """)
        MonotonicClock.sleep(1)
        #expect(try socketAddresses().count == sockets)
        try page.evaluate("document.getElementById('reconnect').click()")
        try page.waitUntil("the page back, still signed in", """
            \(Self.isConnected) && document.getElementById('status').textContent.startsWith('Signed in as Alice')
            """)
        #expect(try socketAddresses().count == sockets + 1)
        try expectNoViolationsOrErrors()
    }

    /// The address of every WebSocket the page opened, in order.
    func socketAddresses() throws -> [String] {
        try DevTools.parse(page.evaluate("JSON.stringify(window.__urls)").stringValue ?? "").arrayValue?
            .compactMap(\.stringValue) ?? []
    }
}
