import Foundation
import SystemKit
import TestSupport
import Testing
import WSClient
import WSProtocol

/// Issue "bounded under every attack": each attack as a client would make
/// it, against a server on loopback, and the bound that now holds.
@Suite("End to end: bounded under attack")
struct HardeningTests {
    /// Was: `?room=x&room=x&...` rejoined x once per repeat, each with a
    /// full-history joined, gigabytes before any budget applied.
    @Test func aRepeatedQueryRoomIsJoinedOnce() throws {
        let server = try TestServer { $0.chat.rateLimit = 0 }
        defer { server.stop() }
        let owner = try ChatTestClient(server, query: "room=x")
        _ = try owner.next(type: "joined")
        for _ in 1...5 { try owner.send(text: String(repeating: "m", count: 60_000)) }
        for _ in 1...5 { _ = try owner.next(type: "message") }
        let query = Array(repeating: "room=x", count: 1000).joined(separator: "&")
        let repeater = try ChatTestClient(server, query: query)
        #expect(try repeater.next()["type"] as? String == "welcome")
        let joined = try repeater.next(type: "joined")
        #expect((joined["history"] as? [Any])?.count == 5)
        try repeater.expectSilence(for: 0.3)
    }

    /// Was: every ping queued a pong and chat never stopped reading a
    /// client that does not read: 200 MB of pings grew the server by 190 MiB.
    @Test func aPingFloodFromAClientThatNeverReadsStaysBounded() throws {
        let server = try ServerProcess(["--log-level", "warn"])
        defer { _ = server.stop() }
        let flooder = try WebSocketClient.connect(to: WebSocketURL(host: "127.0.0.1", port: server.port, target: "/"))
        let baseline = server.residentBytes
        let ping = FrameEncoder.frame(opcode: .ping, payload: [UInt8](repeating: 7, count: 125), mask: MaskKey(1, 2, 3, 4))
        let burst = Array([[UInt8]](repeating: ping, count: 2000).joined())
        let sent = try Self.sendUntilBlocked(burst, on: flooder.fd, upTo: 200 << 20, seconds: 5)
        let growth = server.residentBytes - baseline
        #expect(growth < 24 << 20, "RSS grew by \(growth >> 20) MiB after \(sent >> 20) MiB of pings")
        let bystander = try WebSocketClient.connect(to: WebSocketURL(host: "127.0.0.1", port: server.port, target: "/?room=r"))
        try bystander.send(text: "still served")
        var echoed = false
        while !echoed, let event = try bystander.next(timeout: 5) {
            if case .text(let text) = event, text.contains("still served") { echoed = true }
        }
        #expect(echoed)
    }

    /// Was: three messages of 65,536 × U+0001 (six bytes each escaped) made
    /// every later joined exceed the outbound budget: nobody could join.
    @Test func aRoomFullOfEscapedTextCanStillBeJoined() throws {
        let server = try TestServer { $0.chat.rateLimit = 0 }
        defer { server.stop() }
        let writer = try ChatTestClient(server, query: "room=lobby")
        _ = try writer.next(type: "joined")
        let controls = String(repeating: "\u{1}", count: 65536)
        for _ in 1...4 { try writer.send(text: controls) }
        for _ in 1...4 { _ = try writer.next(type: "message", timeout: 10) }
        let joiner = try ChatTestClient(server, query: "room=lobby")
        let joined = try joiner.next(type: "joined", timeout: 10)
        #expect(((joined["history"] as? [Any])?.count ?? 0) >= 1)
        try joiner.send(text: "I am in")
        #expect(try joiner.next(type: "message")["text"] as? String == "I am in")
    }

    /// Was: rooms and who listed everything, over the outbound budget.
    @Test func listingsStopAtAThousandEntries() throws {
        let server = try TestServer {
            $0.chat.rateLimit = 0
            $0.chat.maxRoomsPerClient = 64
        }
        defer { server.stop() }
        var clients: [ChatTestClient] = []
        for group in 0..<21 {
            let query = (0..<60).map { "room=g\(group)-r\($0)" }.joined(separator: "&")
            let client = try ChatTestClient(server, query: query)
            for _ in 0..<60 { _ = try client.next(type: "joined") }
            clients.append(client)
        }
        try clients[0].send(["type": "rooms", "ref": 1])
        let rooms = try clients[0].next(type: "rooms")
        #expect((rooms["rooms"] as? [Any])?.count == 1000)
        #expect(rooms["total"] as? Int == 1260)
        #expect(rooms["truncated"] as? Bool == true)
    }

    /// Was: one client sending 64 KiB of U+0001 at the request rate sent
    /// 7.4 MB/s to every member. The byte budget counts escaped text.
    @Test func escapedTextCountsAgainstTheByteBudget() throws {
        let server = try TestServer()
        defer { server.stop() }
        let sender = try ChatTestClient(server, query: "room=r")
        _ = try sender.next(type: "joined")
        let controls = String(repeating: "\u{1}", count: 65536)
        var codes: [String] = []
        for _ in 1...3 {
            try sender.send(text: controls)
            let reply = try sender.next(timeout: 10)
            codes.append(reply["type"] as? String == "error" ? reply["code"] as? String ?? "?" : "sent")
        }
        #expect(codes.first == "sent")
        #expect(codes.contains("rate_limited"))
    }

    /// Was: one message at --max-message-size 1048576 closed its sender and
    /// every member, as the event exceeded the default outbound budget.
    @Test func aMessageAtTheSizeLimitReachesEveryMember() throws {
        let server = try TestServer {
            $0.maxMessageSize = 1 << 20
            $0.chat.rateLimit = 0
        }
        defer { server.stop() }
        let members = try (0..<3).map { _ in try ChatTestClient(server, query: "room=big") }
        for member in members { _ = try member.next(type: "joined") }
        let text = String(repeating: "\u{1}", count: (1 << 20) - 16)
        try members[0].send(text: text)
        for member in members {
            #expect((try member.next(type: "message", timeout: 10)["text"] as? String)?.utf8.count == text.utf8.count)
        }
    }

    /// A peer address may hold `--max-connections-per-ip` connections.
    @Test func oneAddressHoldsAtMostItsShare() throws {
        let server = try TestServer { $0.maxConnectionsPerAddress = 3 }
        defer { server.stop() }
        let held = try (0..<3).map { _ in try server.connect("/") }
        #expect(throws: ClientError.self) { try server.connect("/") }
        #expect(try HTTPClient.get("/health", port: server.port).status == 503)
        try held[0].close()
        let deadline = MonotonicClock.seconds() + 3
        var status = 0
        while status != 200, MonotonicClock.seconds() < deadline {
            status = try HTTPClient.get("/health", port: server.port).status
            if status != 200 { usleep(20_000) }
        }
        #expect(status == 200, "a place is free again once a connection ends")
    }

    /// While `--max-handshakes` connections sit in their handshake, the
    /// server accepts no more; once one is dropped, the next proceeds.
    @Test func connectionsStillInTheirHandshakeAreCapped() throws {
        let server = try TestServer {
            $0.maxHandshakes = 2
            $0.handshakeTimeout = 0.6
        }
        defer { server.stop() }
        let idle = try (0..<2).map { _ in try HTTPClient.connected(port: server.port) }
        defer { idle.forEach { close($0) } }
        Thread.sleep(forTimeInterval: 0.1)
        let started = MonotonicClock.seconds()
        let client = try server.connect("/")
        #expect(MonotonicClock.seconds() - started >= 0.3, "accepted while two handshakes were pending")
        try client.close()
    }

    /// Was: a fragmented message never finished pinned up to the message
    /// limit for as long as its sender pinged. Now it has --message-timeout.
    @Test(arguments: ["/", "/echo"])
    func aMessageLeftUnfinishedIsClosedAtTheMessageTimeout(_ path: String) throws {
        let server = try TestServer { $0.messageTimeout = 0.5 }
        defer { server.stop() }
        let client = try server.connect(path)
        try client.sendRaw(FrameEncoder.frame(opcode: .text, fin: false, payload: Array("half".utf8), mask: MaskKey(1, 2, 3, 4)))
        let started = MonotonicClock.seconds()
        var close: ClientEvent?
        while close == nil, let event = try client.next(timeout: 3) {
            if case .closed = event { close = event }
            if case .ping = event { try client.ping() }
        }
        #expect(close == .closed(.policyViolation, reason: "message not finished in time"))
        #expect(MonotonicClock.seconds() - started < 2)
    }

    @Test func theEchoEndpointCanBeTurnedOff() throws {
        let server = try TestServer { $0.echo = .off }
        defer { server.stop() }
        #expect(throws: ClientError.self) { try server.connect("/echo") }
    }
}

extension HardeningTests {
    /// Writes `burst` repeatedly without reading until the socket stops
    /// taking bytes for 0.5 s (the server stopped reading), `limit` bytes
    /// went out, or `seconds` passed; returns the bytes written.
    static func sendUntilBlocked(_ burst: [UInt8], on fd: Int32, upTo limit: Int, seconds: Double) throws -> Int {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let deadline = MonotonicClock.seconds() + seconds
        var sent = 0
        var offset = 0
        var lastProgress = MonotonicClock.seconds()
        while sent < limit, MonotonicClock.seconds() < deadline, MonotonicClock.seconds() - lastProgress < 0.5 {
            let written = burst.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written > 0 {
                sent += written
                offset = (offset + written) % burst.count
                lastProgress = MonotonicClock.seconds()
            } else {
                usleep(1000)
            }
        }
        return sent
    }
}
