import ChatWire
import Testing

/// Steps for what a reconnect gets back from the real server: the same
/// server replays what the page missed (`recovered: true` in the epoch the
/// page sent back, even for a room that was empty meanwhile); a restarted
/// one has forgotten its rooms, so they come back in new epochs with
/// `recovered: false`, and the page says its view was reset.
extension ChatPageScenario {
    /// Drops the page's connection while it is offline, so what bob says
    /// meanwhile can only come back through the `since` replay: shown once
    /// each, in order, with nothing reported lost.
    func recoversMissedMessages() throws {
        try leavesWordInRandom()
        let lastSeqs = try (lobby: lastSeq(in: "lobby"), random: lastSeq(in: "random"))
        let epochs = try (lobby: epoch(of: "lobby"), random: epoch(of: "random"))
        try setOffline(true)
        try page.evaluate("window.__socket.close(4000, 'test drops the connection')")
        try page.waitUntil("the page to notice the drop", "!\(Self.isConnected)")
        let missed = ["Sent while you were offline (1)", "Sent while you were offline (2)"]
        for text in missed {
            try secondClient().send(["type": "message", "room": "lobby", "text": text])
            _ = try secondClient().next("message") { $0["text"]?.stringValue == text }
        }
        try setOffline(false)
        try page.waitUntil("the page to reconnect and show what it missed, once each", """
            \(Self.isConnected) && \(Self.tab("lobby")).dataset.joined === 'true'
              && [...\(Self.log("lobby")).querySelectorAll('.msg')].slice(-2).map((line) => line.dataset.seq + ' '
                + line.querySelector('.text').textContent).join('|') === '\(lastSeqs.lobby + 1) \(missed[0])|\(lastSeqs.lobby + 2) \(missed[1])'
            """, timeout: 20)
        let seqs = "[...\(Self.log("lobby")).querySelectorAll('.msg[data-seq]')].map((line) => line.dataset.seq)"
        #expect(try page.evaluate("new Set(\(seqs)).size === \(seqs).length").boolValue == true)
        #expect(try sinceJoins(withEpoch: true).suffix(2)
            == ["random@\(lastSeqs.random)@\(epochs.random)", "lobby@\(lastSeqs.lobby)@\(epochs.lobby)"])
        for (room, epoch) in [("lobby", epochs.lobby), ("random", epochs.random)] {
            let answer = try joinedAnswers(room).last
            #expect(answer?["recovered"]?.boolValue == true, "#\(room) recovered by the same server")
            #expect(answer?["epoch"]?.stringValue == epoch, "#\(room) in the same epoch")
        }
        #expect(try page.evaluate(Self.logMentions("lobby", "could not be")).boolValue == false)
    }

    /// Erin says something in #random and leaves, so that while the page is
    /// away the room is empty, with a message to keep (a room that never
    /// had one is forgotten as soon as it is empty).
    private func leavesWordInRandom() throws {
        let erin = try ChatPeer(port: server.port, query: "room=random&name=erin")
        defer { erin.close() }
        _ = try erin.next("joined")
        let text = "Anyone in #random?"
        try erin.send(["type": "message", "room": "random", "text": text])
        _ = try erin.next("message") { $0["text"]?.stringValue == text }
        erin.close()
        try page.waitUntil("erin's word in #random, and erin gone", """
            \(Self.logHas("random", text: text)) && \(Self.logMentions("random", "erin left"))
            """)
    }

    /// Stops the server under the page and starts another on the same port:
    /// the page shows the close reason, reconnects by itself, rejoins both
    /// rooms with `since` and the epochs it had, hears that they are new,
    /// says so, and chats on under the remembered nickname.
    func survivesServerRestart() throws {
        let lastSeqs = try (lobby: lastSeq(in: "lobby"), random: lastSeq(in: "random"))
        let epochs = try (lobby: epoch(of: "lobby"), random: epoch(of: "random"))
        peer?.close()
        peer = nil
        try restartServer()
        try page.waitUntil("the close reason", Self.logMentions("lobby", "Disconnected: 1001 server shutting down"))
        try page.waitUntil("the page to reconnect, rejoin, and say that the view of #lobby was reset", """
            \(Self.isConnected) && \(Self.tab("lobby")).dataset.joined === 'true'
              && \(Self.tab("random")).dataset.joined === 'true' && \(Self.focusIsOnMessageBox)
              && ((lines) => lines.findLastIndex((text) => text.includes('so the view was reset'))
                > lines.findLastIndex((text) => text.includes('server shutting down')))(
                  [...\(Self.log("lobby")).children].map((line) => line.textContent))
            """, timeout: 20)
        #expect(try sinceJoins(withEpoch: true).suffix(2)
            == ["random@\(lastSeqs.random)@\(epochs.random)", "lobby@\(lastSeqs.lobby)@\(epochs.lobby)"])
        for (room, epoch) in [("lobby", epochs.lobby), ("random", epochs.random)] {
            let answer = try joinedAnswers(room).last
            #expect(answer?["recovered"]?.boolValue == false, "#\(room) not recovered by a restarted server")
            #expect(answer?["epoch"]?.stringValue.map { $0 != epoch } == true, "#\(room) in a new epoch")
        }
        try chatsAfterRestart()
    }

    /// Bob's first message after the restart is number 1 of the new epoch,
    /// and the page shows it rather than taking it for a duplicate.
    private func chatsAfterRestart() throws {
        let bob = try ChatPeer(port: server.port, query: "room=lobby&name=bob")
        peer = bob
        _ = try bob.next("joined")
        let question = "Server restarted. Still with us?"
        try bob.send(["type": "message", "room": "lobby", "text": question])
        try page.waitUntil("bob's message after the restart, numbered afresh", """
            \(Self.logHas("lobby", text: question))
              && \(Self.log("lobby")).querySelector('.msg:last-child').dataset.seq === '1'
            """)
        let answer = "Reconnected on my own."
        try enter(answer)
        let received = try bob.next("message") { $0["text"]?.stringValue == answer }
        #expect(received["name"]?.stringValue == "alice")
        try expectNoViolationsOrErrors()
    }

    /// The seq of the last message shown in `room`.
    private func lastSeq(in room: String) throws -> Int {
        let seq = try page.evaluate("Number([...\(Self.log(room)).querySelectorAll('.msg[data-seq]')].at(-1).dataset.seq)")
        guard let value = seq.intValue else { throw BrowserTestError("no last seq in #\(room): \(seq)") }
        return value
    }

    /// The epoch of the latest `joined` for `room`.
    func epoch(of room: String) throws -> String {
        guard let epoch = try joinedAnswers(room).last?["epoch"]?.stringValue else {
            throw BrowserTestError("no epoch in the latest joined for #\(room)")
        }
        return epoch
    }

    /// Every `joined` for `room` that the page was handed, oldest first.
    func joinedAnswers(_ room: String) throws -> [JSONValue] {
        let text = try page.evaluate("""
            JSON.stringify(window.__received.map((text) => JSON.parse(text))
              .filter((event) => event.type === 'joined' && event.room === \(jsString(room))))
            """).stringValue ?? ""
        return try DevTools.parse(text).arrayValue ?? []
    }

    /// `room@since` (`room@since@epoch` with `withEpoch`) for every join the
    /// page sent with `since` (and `epoch`), in order.
    func sinceJoins(withEpoch: Bool = false) throws -> [String] {
        let text = try page.evaluate("""
            JSON.stringify(window.__sent.map((text) => JSON.parse(text))
              .filter((request) => 'since' in request && (\(withEpoch) ? 'epoch' in request : true))
              .map((request) => request.room + '@' + request.since + (\(withEpoch) ? '@' + request.epoch : '')))
            """).stringValue ?? ""
        return try DevTools.parse(text).arrayValue?.compactMap(\.stringValue) ?? []
    }
}
