import Testing

/// Steps for protocol v2 as a client: listings asked for sparingly, and the
/// v2 events and fields today's server does not send yet (verified users,
/// cut listings, `reset`, `recovered: false`, `unavailable`), which the test
/// plays through the spy's hooks: injected events, rewritten events and
/// withheld requests.
extension ChatPageScenario {
    /// A member who comes and goes ten times in a second changes the counts
    /// shown, not the number of `rooms` requests (the page before v2 asked
    /// after every burst of presence, 300 ms apart); Refresh asks at once.
    func asksForTheRoomListSparingly() throws {
        let listings = try sentCount("rooms")
        for _ in 0..<10 {
            let carol = try ChatPeer(port: server.port, query: "room=lobby&name=carol")
            _ = try carol.next("joined")
            carol.close()
            TestClock.sleep(0.1)
        }
        try page.waitUntil("carol's ten visits, and the counts back where they were", """
            [...\(Self.log("lobby")).children].filter((line) => line.textContent === 'carol left').length === 10
              && document.getElementById('room-list').textContent === '#lobby2#random1'
            """)
        TestClock.sleep(0.4)
        let asked = try sentCount("rooms") - listings
        #expect(asked == 0, "presence made the page ask for the room list \(asked) times")
        try page.evaluate("document.getElementById('refresh').click()")
        #expect(try sentCount("rooms") == listings + 1)
    }

    /// In a room of its own: a verified sender and member next to a guest
    /// of the same name, listings cut short, a `reset`, a message the server
    /// could not deliver, and a rejoin answered with `recovered: false`.
    func showsVersion2Events() throws {
        try focus("message")
        try enter("/join v2")
        try page.waitUntil("#v2 joined and selected", """
            \(Self.tab("v2")).dataset.joined === 'true' && \(Self.tab("v2")).getAttribute('aria-selected') === 'true'
            """)
        try showsVerifiedUsers()
        try showsCutListings()
        try startsOverAfterReset()
        try putsBackWhatWasNotDelivered()
        try resetsTheViewWhenNotRecovered()
        try enter("/leave v2")
        try page.waitUntil("#v2 left", "\(Self.tab("v2")) === null")
        try page.evaluate("\(Self.tab("lobby")).click()")
        try focus("message")
    }

    private func showsVerifiedUsers() throws {
        try inject(Self.message(seq: 1, text: "signed by carol", user: "carol-sub"))
        try inject(Self.message(seq: 2, text: "a guest called carol", user: nil))
        try page.waitUntil("the verified mark on the signed message only", """
            [...\(Self.log("v2")).querySelectorAll('.msg')].map((line) => line.querySelector('.text').textContent + ':'
              + (line.querySelector('.verified') ? line.querySelector('.verified').title : 'guest')).join('|')
              === 'signed by carol:Verified user carol-sub|a guest called carol:guest'
            """)
        try inject("""
            {"type":"presence","room":"v2","event":"join","id":"c-carol","name":"carol","user":"carol-sub"}
            """)
        try page.waitUntil("carol marked verified among the members", """
            [...document.querySelectorAll('#members li')].some((item) => item.querySelector('.verified')
              && item.textContent.startsWith('carol'))
            """)
    }

    private func showsCutListings() throws {
        try inject("""
            {"type":"who","room":"v2","members":[{"id":"c-carol","name":"carol","user":"carol-sub"},{"id":"c-x","name":"x"}],"total":1500,"truncated":true}
            """)
        try inject("""
            {"type":"rooms","rooms":[{"room":"v2","members":1500},{"room":"lobby","members":2}],"total":4000,"truncated":true}
            """)
        try page.waitUntil("both listings say how much they leave out", """
            document.getElementById('members-title').textContent === 'Members of #v2 (2 of 1500)'
              && document.getElementById('rooms-title').textContent === 'Busiest rooms (2 of 4000)'
            """)
        try page.evaluate("document.getElementById('refresh').click()")
        try page.waitUntil("the real room list again", "document.getElementById('rooms-title').textContent === 'All rooms'")
    }

    /// After `reset` the numbering starts over: seq 1 is new, not a duplicate.
    private func startsOverAfterReset() throws {
        try inject(#"{"type":"reset","room":"v2","epoch":"e2","seq":0}"#)
        try inject(Self.message(seq: 1, text: "first of the new epoch", user: nil))
        try page.waitUntil("the reset said plainly and the new seq 1 shown", """
            \(Self.logMentions("v2", "lost this room's history; message numbers start over"))
              && \(Self.log("v2")).querySelector('.msg:last-child .text').textContent === 'first of the new epoch'
            """)
    }

    private func putsBackWhatWasNotDelivered() throws {
        try page.evaluate("window.__withhold = (text) => JSON.parse(text).type === 'message'")
        try enter("not delivered yet")
        let ref = try page.evaluate("JSON.parse(window.__sent.at(-1)).ref").intValue ?? -1
        try page.evaluate("window.__withhold = null")
        try inject(#"{"type":"error","code":"unavailable","message":"cannot publish right now","ref":\#(ref)}"#)
        try page.waitUntil("the text back in the message box and the notice saying why", """
            document.getElementById('message').value === 'not delivered yet'
              && document.getElementById('notice-text').textContent.startsWith('Not delivered')
              && document.getElementById('notice-text').textContent.includes('(unavailable)')
            """)
        try page.evaluate("document.getElementById('message').value = ''")
    }

    /// The rejoin carries `since` and the epoch of the reset; the answer,
    /// rewritten into a v2 one that could not recover, resets the view.
    private func resetsTheViewWhenNotRecovered() throws {
        let history = [Self.message(seq: 2, text: "kept two", user: nil), Self.message(seq: 3, text: "kept three", user: nil)]
        try page.evaluate("""
            window.__rewrite = (text) => {
              const event = JSON.parse(text);
              if (event.type !== 'joined' || event.room !== 'v2') return text;
              return JSON.stringify(Object.assign(event,
                { seq: 3, epoch: 'e3', recovered: false, history: [\(history.joined(separator: ","))] }));
            }
            """)
        try page.evaluate("window.__socket.close(4000, 'test drops the connection')")
        try page.waitUntil("the reset view after the rejoin", """
            \(Self.isConnected) && \(Self.logMentions("v2", "could not be fully recovered, so the view was reset"))
              && [...\(Self.log("v2")).querySelectorAll('.msg')].slice(-2).map((line) => line.dataset.seq).join() === '2,3'
            """, timeout: 20)
        try page.evaluate("window.__rewrite = null")
        #expect(try sinceJoins(withEpoch: true).last == "v2@1@e2")
    }

    /// A `message` event of room v2 from someone called carol: the signed-in
    /// one (id `c-carol`) when `user` is given, else a guest (`c-guest`).
    static func message(seq: Int, text: String, user: String?) -> String {
        let sender = user.map { #""id":"c-carol","user":\#(jsString($0))"# } ?? #""id":"c-guest""#
        return #"{"type":"message","room":"v2","seq":\#(seq),\#(sender),"name":"carol","text":\#(jsString(text)),"ts":1795320967447}"#
    }
}
