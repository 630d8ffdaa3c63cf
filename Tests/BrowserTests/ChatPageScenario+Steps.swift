import Testing
import WSProtocol
@testable import WSServer

/// The steps of the browser test, in the order it runs them; each waits for
/// what it checks, within a bound.
extension ChatPageScenario {
    static let markup = "<img src=x onerror=alert(1)>"

    func loadsAndConnects() throws {
        try open()
        try page.waitUntil("the page to connect, join #lobby and focus the message box", """
            \(Self.isConnected) && \(Self.tab("lobby")).dataset.joined === 'true' && \(Self.focusIsOnMessageBox)
            """)
        try page.waitUntil("the nickname prompt", Self.logMentions("lobby", "Choose a nickname"))
        try page.waitUntil("the room list", "document.getElementById('room-list').textContent === '#lobby1'")
        #expect(try sentCount("rooms") == 1, "one room list on connecting, with the panel on screen")
        let headers = try DevTools.parse(page.evaluate("""
            fetch('/').then(async (response) => JSON.stringify({
              type: response.headers.get('content-type'), length: response.headers.get('content-length'),
              bytes: (await response.arrayBuffer()).byteLength, csp: response.headers.get('content-security-policy'),
              cache: response.headers.get('cache-control'), sniff: response.headers.get('x-content-type-options'),
            }))
            """).stringValue ?? "")
        #expect(headers["type"]?.stringValue == "text/html; charset=utf-8")
        #expect(headers["length"]?.stringValue == headers["bytes"]?.numberText)
        #expect(headers["csp"]?.stringValue == ChatPage.contentSecurityPolicy)
        #expect(headers["cache"]?.stringValue == "no-cache")
        #expect(headers["sniff"]?.stringValue == "nosniff")
    }

    func setsNickname() throws {
        try focus("nick")
        try enter("alice")
        try page.waitUntil("the nickname to be set, remembered, and focus back on the message box", """
            localStorage.getItem('chat-server.nickname') === 'alice' && \(Self.focusIsOnMessageBox)
              && document.getElementById('status').textContent === 'Connected as alice'
            """)
    }

    func chatsWithSecondClient() throws {
        let bob = try ChatPeer(port: server.port, query: "room=lobby&name=bob", tls: peerTrust)
        peer = bob
        _ = try bob.next("joined")
        try page.waitUntil("bob's arrival and membership", """
            \(Self.logMentions("lobby", "bob joined"))
              && [...document.querySelectorAll('#members li')].some((item) => item.textContent === 'bob')
            """)
        let hello = "Hello from the browser, grüße!"
        try enter(hello)
        let received = try bob.next("message") { $0["text"]?.stringValue == hello }
        #expect(received["name"]?.stringValue == "alice")
        #expect(received["room"]?.stringValue == "lobby")
        try page.waitUntil("the page's own message", Self.logHas("lobby", text: hello, selector: ".msg.mine .text"))
        let reply = "Hi alice! Try pasting some HTML:"
        try bob.send(["type": "message", "room": "lobby", "text": reply])
        try page.waitUntil("bob's message", Self.logHas("lobby", text: reply))
    }

    func rendersMarkupAsText() throws {
        try secondClient().send(["type": "message", "room": "lobby", "text": Self.markup])
        try page.waitUntil("the HTML-looking message shown as text", Self.logHas("lobby", text: Self.markup))
        let elements = try page.evaluate("document.querySelectorAll('#panels img, #panels [onerror]').length")
        #expect(elements.intValue == 0)
    }

    /// Joins a second room from the join form, gets an unread count in the
    /// first, and goes back with the arrow key alone.
    func switchesRoomsByKeyboard() throws {
        try focus("join-room")
        try enter("random")
        try page.waitUntil("#random joined, selected, and focus on the message box", """
            \(Self.tab("random")).dataset.joined === 'true'
              && \(Self.tab("random")).getAttribute('aria-selected') === 'true' && \(Self.focusIsOnMessageBox)
            """)
        let question = "Still there? <b>bold</b> &amp; entities stay literal too"
        try secondClient().send(["type": "message", "room": "lobby", "text": question])
        try page.waitUntil("an unread count on #lobby", """
            \(Self.tab("lobby")).querySelector('.badge').textContent === '1'
              && !\(Self.tab("lobby")).querySelector('.badge').hidden && document.title === '(1) chat-server'
            """)
        try page.evaluate("\(Self.tab("random")).focus()")
        try page.press("ArrowLeft", code: 37)
        try page.waitUntil("#lobby selected by the arrow key, its unread count cleared", """
            \(Self.tab("lobby")).getAttribute('aria-selected') === 'true'
              && document.activeElement === \(Self.tab("lobby")) && \(Self.tab("lobby")).querySelector('.badge').hidden
              && \(Self.logHas("lobby", text: question))
            """)
        try focus("message")
        let answer = "Yes! Back in #lobby with the arrow keys."
        try enter(answer)
        _ = try secondClient().next("message") { $0["text"]?.stringValue == answer }
        try page.waitUntil("the room list with member counts", """
            document.getElementById('room-list').textContent === '#lobby2#random1'
            """)
    }

    /// At a phone's 360 px nothing overflows sideways, the composer is on
    /// screen, and the rooms panel opens and closes from its button.
    func fitsAPhone(screenshot path: String?) throws {
        try setViewport(width: 360, height: 720, mobile: true)
        try page.waitUntil("the page to fit 360 px", """
            innerWidth === 360 && document.documentElement.scrollWidth <= 360
              && document.getElementById('message').getBoundingClientRect().bottom <= innerHeight
              && document.getElementById('side-toggle').offsetParent !== null
            """)
        if let path { try screenshot(to: path) }
        let listings = try sentCount("rooms")
        try focus("side-toggle")
        try page.pressEnter()
        try page.waitUntil("the rooms panel instead of the chat", """
            document.getElementById('side').offsetParent !== null && document.getElementById('message').offsetParent === null
            """)
        #expect(try sentCount("rooms") == listings + 1, "opening the panel asks for the room list")
        try page.pressEnter()
        try page.waitUntil("the chat again", "document.getElementById('message').offsetParent !== null")
        try setViewport(width: 1000, height: 620, mobile: false)
        try focus("message")
    }

    /// A nickname the server refuses (a right-to-left override in it): the
    /// error shows, and the name stays as it was.
    func showsServerErrors() throws {
        try page.evaluate("document.getElementById('nick').select()")
        try enter("alice\u{202E}xyz")
        try page.waitUntil("the bad_name error, shown", """
            !document.getElementById('notice').hidden
              && document.getElementById('notice-text').textContent.endsWith('(bad_name)')
              && \(Self.logMentions("lobby", "(bad_name)")) && document.getElementById('nick').value === 'alice'
            """)
        try focus("message")
    }

    func expectNoViolationsOrErrors() throws {
        let violations = try page.evaluate("JSON.stringify(window.__violations)")
        #expect(violations.stringValue == "[]", "Content-Security-Policy violations")
        let errors = try page.evaluate("JSON.stringify(window.__errors)")
        #expect(errors.stringValue == "[]", "uncaught errors in the page")
    }

    /// The second client, once `chatsWithSecondClient` connected it.
    func secondClient() throws -> ChatPeer {
        guard let peer else { throw BrowserTestError("the second client is not connected") }
        return peer
    }
}
