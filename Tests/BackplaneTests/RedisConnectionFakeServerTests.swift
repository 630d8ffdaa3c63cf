import Glibc
import RESP
import SystemKit
import TestSupport
import Testing
@testable import WSServer

/// The failures a real Redis does not produce on demand, against a fake:
/// silence, garbage, unsolicited replies, replies cut into pieces, a
/// closed port, a full accept backlog. Every pending completion fails once, with the reason.
@Suite("RedisConnection against a fake server", .timeLimit(.minutes(1)))
struct RedisConnectionFakeServerTests {
    /// Connected (the kernel completes the handshake) but never answered.
    @Test func replyTimeoutClosesTheConnection() throws {
        let fake = try FakeRedisServer()
        let client = try RedisTestClient(port: fake.port) { $0.replyTimeout = 0.2 }
        let log = CompletionLog()
        client.connection.send(RESPCommand("PING"), completion: log.completion(0))
        client.connection.send(RESPCommand("PING"), completion: log.completion(1))
        let started = MonotonicClock.nanoseconds()
        #expect(client.waitUntilClosed())
        let elapsed = Double(MonotonicClock.nanoseconds() - started) / 1e9
        #expect(elapsed >= 0.19 && elapsed < 1.5, "closed after \(elapsed) s")
        #expect(log.calledOnce && log.failures == [.replyTimedOut, .replyTimedOut])
        #expect(client.closeReasons == [.replyTimedOut])
    }

    @Test func garbageIsAProtocolViolation() throws {
        let fake = try FakeRedisServer()
        let client = try RedisTestClient(port: fake.port)
        let log = CompletionLog()
        for index in 0..<3 {
            client.connection.send(RESPCommand("PING"), completion: log.completion(index))
        }
        try fake.accept()
        #expect(client.waitUntilWritten())
        _ = try fake.read(atLeast: 3 * RESPCommand("PING").encodedCount)
        fake.write("+PONG\r\n!oops\r\n")
        #expect(client.waitUntilClosed())
        #expect(log.result(0) == .success(.simpleString("PONG")))
        let violation = RedisError.protocolViolation(.unknownType(UInt8(ascii: "!")))
        #expect(log.calledOnce && log.completedCount == 3 && log.failures == [violation, violation])
        #expect(client.closeReasons == [violation])
    }

    @Test func aReplyNobodyAskedForClosesTheConnection() throws {
        let fake = try FakeRedisServer()
        let client = try RedisTestClient(port: fake.port)
        try fake.accept()
        fake.write("+OK\r\n")
        #expect(client.waitUntilClosed())
        #expect(client.closeReasons == [.unexpectedReply])
    }

    /// A reply cut anywhere by TCP completes only once all of it is there.
    @Test func replyArrivingInPieces() throws {
        let fake = try FakeRedisServer()
        let client = try RedisTestClient(port: fake.port)
        var result: Result<RESPValue, RedisError>?
        client.connection.send(RESPCommand("GET", "k")) { result = $0 }
        try fake.accept()
        #expect(client.waitUntilWritten())
        _ = try fake.read(atLeast: RESPCommand("GET", "k").encodedCount)
        for piece in ["$1", "1\r", "\nhello", " worl", "d\r", "\n"] {
            #expect(result == nil)
            fake.write(piece)
            client.driver.run(timeout: 0.05) { false }
        }
        #expect(result == .success(.bulk("hello world")))
    }

    @Test func serverClosingIsReportedOnce() throws {
        let fake = try FakeRedisServer()
        let client = try RedisTestClient(port: fake.port)
        let log = CompletionLog()
        client.connection.send(RESPCommand("PING"), completion: log.completion(0))
        try fake.accept()
        #expect(client.waitUntilWritten())
        _ = try fake.read(atLeast: 1)
        fake.closeClient()
        #expect(client.waitUntilClosed())
        #expect(log.failures == [.closedByServer] && log.calledOnce)
        #expect(client.closeReasons == [.closedByServer])
    }

    /// Nothing listens: the connect fails with ECONNREFUSED well within its timeout.
    @Test func connectToAClosedPort() throws {
        let port = try RedisServerProcess.freePort()
        let endpoint = try RedisEndpoint.resolve(host: "127.0.0.1", port: port)
        var options = RedisConnection.Options()
        options.connectTimeout = 1
        let started = MonotonicClock.nanoseconds()
        let connection: RedisConnection
        do {
            connection = try RedisConnection(endpoint: endpoint, options: options, now: started)
        } catch {
            // Refused before connect(2) returned: as good as refused later.
            #expect(error == .connectFailed(ECONNREFUSED))
            return
        }
        var reasons: [RedisError] = []
        connection.onClose = { reasons.append($0) }
        let log = CompletionLog()
        connection.send(RESPCommand("PING"), completion: log.completion(0))
        let driver = PollDriver()
        driver.add(connection)
        #expect(driver.run(timeout: 2) { connection.state == .closed })
        #expect(reasons == [.connectFailed(ECONNREFUSED)])
        #expect(log.failures == [.connectFailed(ECONNREFUSED)] && log.calledOnce)
        #expect(Double(MonotonicClock.nanoseconds() - started) / 1e9 < 1)
    }

    /// With the accept backlog full the kernel drops the SYN: the connect
    /// hangs and the connect timeout ends it.
    @Test func connectTimeout() throws {
        let fake = try FakeRedisServer(backlog: 0)
        var fillers: [Int32] = []
        defer { fillers.forEach { close($0) } }
        for _ in 0..<4 {
            fillers.append(try Self.connectWithoutWaiting(port: fake.port))
        }
        let client = try RedisTestClient(port: fake.port) { $0.connectTimeout = 0.3 }
        let started = MonotonicClock.nanoseconds()
        #expect(client.waitUntilClosed(timeout: 3))
        let elapsed = Double(MonotonicClock.nanoseconds() - started) / 1e9
        #expect(client.closeReasons == [.connectTimedOut])
        #expect(elapsed >= 0.29 && elapsed < 1.5, "closed after \(elapsed) s")
    }

    private static func connectWithoutWaiting(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return fd
    }
}
