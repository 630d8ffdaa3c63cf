import RESP
import Testing
@testable import WSServer

/// The pieces that decide how replies are matched, without a socket.
@Suite("Redis reply matching")
struct RedisReplyMatchingTests {
    @Test func commandKinds() {
        #expect(RedisCommandKind(RESPCommand("GET", "k")) == .regular)
        #expect(RedisCommandKind(RESPCommand("ping")) == .anyMode)
        #expect(RedisCommandKind(RESPCommand("QUIT")) == .anyMode)
        #expect(RedisCommandKind(RESPCommand("subscribe", "a", "b")) == .subscribe(confirmations: 2))
        #expect(RedisCommandKind(RESPCommand("PSUBSCRIBE", "a*")) == .subscribe(confirmations: 1))
        #expect(RedisCommandKind(RESPCommand("UNSUBSCRIBE", "a", "b", "c")) == .unsubscribe(confirmations: 3))
        #expect(RedisCommandKind(RESPCommand("PUNSUBSCRIBE", "a*")) == .unsubscribe(confirmations: 1))
        #expect(RedisCommandKind(RESPCommand("CLIENT", "KILL", "TYPE", "pubsub")) == .regular)
        for command in [RESPCommand("UNSUBSCRIBE"), RESPCommand("SUBSCRIBE"), RESPCommand("MONITOR"), RESPCommand("RESET"),
                        RESPCommand("HELLO", 3), RESPCommand("Client", "Reply", "SKIP"), RESPCommand("SSUBSCRIBE", "a")] {
            guard case .refused = RedisCommandKind(command) else {
                Issue.record("\(command.name) not refused")
                continue
            }
        }
    }

    @Test func messagePushes() {
        let message = RESPValue.array([.bulk("message"), .bulk("ch"), .bulkString([0, 255])])
        #expect(RedisMessage(push: message) == RedisMessage(channel: Array("ch".utf8), payload: [0, 255]))
        let pattern = RESPValue.array([.bulk("pmessage"), .bulk("c*"), .bulk("ch"), .bulk("x")])
        #expect(RedisMessage(push: pattern) == RedisMessage(channel: Array("ch".utf8), payload: Array("x".utf8), pattern: Array("c*".utf8)))
        let notMessages: [RESPValue] = [
            .array([.bulk("subscribe"), .bulk("ch"), .integer(1)]), .array([.bulk("pong"), .bulk("")]),
            .array([.bulk("message"), .bulk("ch")]), .array([.bulk("message"), .integer(1), .bulk("x")]),
            .array([.simpleString("message"), .bulk("ch"), .bulk("x")]), .array(nil), .array([]), .bulk("message"),
        ]
        for value in notMessages {
            #expect(RedisMessage(push: value) == nil, "\(value)")
        }
    }

    /// FIFO order survives compaction of the consumed prefix.
    @Test func replyQueueOrder() {
        var queue = RedisReplyQueue()
        var order: [Int] = []
        var next = 0
        for round in 0..<3000 {
            for _ in 0..<(round % 3 + 1) {
                let index = next
                queue.append(.init(recipient: .command { _ in order.append(index) }, timeout: 0))
                next += 1
            }
            guard case .command(let completion) = queue.removeFirst().recipient else { continue }
            completion(.success(.integer(0)))
        }
        #expect(order == Array(0..<3000))
        #expect(queue.count == next - 3000)
        #expect(queue.removeAll().count == next - 3000 && queue.isEmpty)
    }

    @Test func serverErrorCodes() {
        #expect(RedisError.server("NOSCRIPT No matching script. Please use EVAL.").serverErrorCode == "NOSCRIPT")
        #expect(RedisError.server("ERR").serverErrorCode == "ERR")
        #expect(RedisError.replyTimedOut.serverErrorCode == nil)
    }
}
