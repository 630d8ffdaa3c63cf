import RESP
import SystemKit
import Testing
@testable import WSServer

/// A `RedisConnection` on 127.0.0.1 with a driver, recording what its
/// callbacks report, plus `call` for a blocking round trip in tests.
final class RedisTestClient {
    let connection: RedisConnection
    let driver: PollDriver
    private(set) var closeReasons: [RedisError] = []
    private(set) var messages: [RedisMessage] = []

    init(port: Int, driver: PollDriver = PollDriver(), _ configure: (inout RedisConnection.Options) -> Void = { _ in }) throws {
        var options = RedisConnection.Options()
        configure(&options)
        let endpoint = try RedisEndpoint.resolve(host: "127.0.0.1", port: port)
        connection = try RedisConnection(endpoint: endpoint, options: options, now: MonotonicClock.nanoseconds())
        self.driver = driver
        driver.add(connection)
        connection.onClose = { [unowned self] reason in closeReasons.append(reason) }
        connection.onMessage = { [unowned self] message in messages.append(message) }
    }

    /// Sends `command` and drives until its completion runs (at most 10 s).
    func call(_ command: RESPCommand, timeout: Double? = nil) -> Result<RESPValue, RedisError>? {
        var result: Result<RESPValue, RedisError>?
        connection.send(command, timeout: timeout) { result = $0 }
        driver.run { result != nil }
        return result
    }

    /// The reply value of a command expected to succeed.
    func value(_ command: RESPCommand, sourceLocation: SourceLocation = #_sourceLocation) throws -> RESPValue {
        let result = try #require(call(command), "no reply to \(command.name)", sourceLocation: sourceLocation)
        return try result.get()
    }

    /// Drives until `count` messages have arrived in all.
    func waitForMessages(_ count: Int, timeout: Double = 10) -> Bool {
        driver.run(timeout: timeout) { messages.count >= count }
    }

    /// Drives until the connect completed and everything queued is written.
    func waitUntilWritten(timeout: Double = 10) -> Bool {
        driver.run(timeout: timeout) { connection.state == .open && connection.unwrittenByteCount == 0 }
    }

    func waitUntilClosed(timeout: Double = 10) -> Bool {
        driver.run(timeout: timeout) { connection.state == .closed }
    }
}
