import SystemKit
import Testing

/// Steps for protocol v2 as a client: listings asked for sparingly, a real
/// listing cut short with the busiest room first, a rejoin in an epoch the
/// server does not know, and what this server cannot send yet (verified
/// users, a `who` of over 1000 members, `reset`, `unavailable`), which the
/// test plays through the spy's hooks: injected events and withheld requests.
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
            MonotonicClock.sleep(0.1)
        }
        try page.waitUntil("carol's ten visits, and the counts back where they were", """
            [...\(Self.log("lobby")).children].filter((line) => line.textContent === 'carol left').length === 10
              && document.getElementById('room-list').textContent === '#lobby2#random1'
            """)
        MonotonicClock.sleep(0.4)
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

    /// The server's own `rooms` cut short: 1001 rooms of one member besides
    /// the page's three, and #lobby, with two members, first although every
    /// `crowd-` room sorts before it by name. A `who` of over 1000 members
    /// would take as many connections, so that one is played.
    private func showsCutListings() throws {
        let crowd = try crowd(rooms: 1001)
        defer { crowd.forEach { $0.close() } }
        try inject("""
            {"type":"who","room":"v2","members":[{"id":"c-carol","name":"carol","user":"carol-sub"},{"id":"c-x","name":"x"}],"total":1500,"truncated":true}
            """)
        try page.evaluate("document.getElementById('refresh').click()")
        try page.waitUntil("both listings say how much they leave out, the busiest room first", """
            document.getElementById('members-title').textContent === 'Members of #v2 (2 of 1500)'
              && document.getElementById('rooms-title').textContent === 'Busiest rooms (1000 of 1004)'
              && document.getElementById('room-list').children.length === 1000
              && document.getElementById('room-list').firstChild.textContent === '#lobby2'
              && [...document.querySelectorAll('#room-list .count')].every((count, index, all) =>
                index === 0 || Number(all[index - 1].textContent) >= Number(count.textContent))
            """)
        crowd.forEach { $0.close() }
        try waitForRoomCount(3)
        try page.evaluate("document.getElementById('refresh').click()")
        try page.waitUntil("the whole room list again", """
            document.getElementById('rooms-title').textContent === 'All rooms'
              && document.getElementById('room-list').textContent === '#lobby2#random1#v21'
            """)
    }

    /// Clients in `count` rooms named `crowd-N`, one member each: 32 rooms
    /// per client (the most one may join by default), joined by address.
    private func crowd(rooms count: Int) throws -> [ChatPeer] {
        var clients: [ChatPeer] = []
        for first in stride(from: 0, to: count, by: 32) {
            let names = (first..<min(first + 32, count)).map { "crowd-\($0)" }
            let client = try ChatPeer(port: server.port, query: names.map { "room=" + $0 }.joined(separator: "&"))
            clients.append(client)
            _ = try client.next("joined") { $0["room"]?.stringValue == names.last }
        }
        return clients
    }

    /// Waits until the server counts `count` rooms with members, asking
    /// through the second client (closed clients leave on the server's time).
    private func waitForRoomCount(_ count: Int, timeout: Double = 10) throws {
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            try secondClient().send(["type": "rooms"])
            let listing = try secondClient().next("rooms")
            if listing["truncated"] == nil, listing["rooms"]?.arrayValue?.count == count { return }
            guard MonotonicClock.seconds() < deadline else { throw BrowserTestError("the server still lists \(listing)") }
            MonotonicClock.sleep(0.1)
        }
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

    /// The rejoin carries `since` and the epoch of the played reset, which
    /// the server does not know: it answers `recovered: false` with all it
    /// has, what dave said while the page was offline, and the page resets
    /// its view to that.
    private func resetsTheViewWhenNotRecovered() throws {
        try setOffline(true)
        try page.evaluate("window.__socket.close(4000, 'test drops the connection')")
        try page.waitUntil("the page to notice the drop", "!\(Self.isConnected)")
        let dave = try ChatPeer(port: server.port, query: "room=v2&name=dave")
        defer { dave.close() }
        for text in ["kept one", "kept two"] {
            try dave.send(["type": "message", "room": "v2", "text": text])
            _ = try dave.next("message") { $0["text"]?.stringValue == text }
        }
        try setOffline(false)
        try page.waitUntil("the reset view after the rejoin", """
            \(Self.isConnected) && \(Self.logMentions("v2", "could not be fully recovered, so the view was reset"))
              && [...\(Self.log("v2")).querySelectorAll('.msg')].slice(-2).map((line) => line.dataset.seq + ' '
                + line.querySelector('.text').textContent).join('|') === '1 kept one|2 kept two'
            """, timeout: 20)
        #expect(try sinceJoins(withEpoch: true).last == "v2@1@e2")
        let answer = try joinedAnswers("v2").last
        #expect(answer?["recovered"]?.boolValue == false)
        #expect(answer?["epoch"]?.stringValue.map { $0 != "e2" } == true)
    }

    /// A `message` event of room v2 from someone called carol: the signed-in
    /// one (id `c-carol`) when `user` is given, else a guest (`c-guest`).
    static func message(seq: Int, text: String, user: String?) -> String {
        let sender = user.map { #""id":"c-carol","user":\#(jsString($0))"# } ?? #""id":"c-guest""#
        return #"{"type":"message","room":"v2","seq":\#(seq),\#(sender),"name":"carol","text":\#(jsString(text)),"ts":1795320967447}"#
    }
}
