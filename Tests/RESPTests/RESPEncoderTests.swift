import RESP
import Testing

/// Commands as Redis reads them: arrays of bulk strings, lengths in bytes.
@Suite("RESP encoder")
struct RESPEncoderTests {
    private func text(_ command: RESPCommand) -> String {
        String(decoding: command.encoded, as: UTF8.self)
    }

    @Test func stringArguments() {
        #expect(text(RESPCommand("SET", "key", "value")) == "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n")
        #expect(text(RESPCommand("PING")) == "*1\r\n$4\r\nPING\r\n")
        #expect(text(RESPCommand("ECHO", "")) == "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n")
    }

    /// Lengths count UTF-8 bytes, not characters.
    @Test func lengthsAreBytes() {
        #expect(text(RESPCommand("SET", "é", "日本")) == "*3\r\n$3\r\nSET\r\n$2\r\né\r\n$6\r\n日本\r\n")
    }

    @Test func byteArgumentsAreBinarySafe() {
        let payload: [UInt8] = [0, 13, 10, 255]
        #expect(RESPCommand("SET", "k", .bytes(payload)).encoded == Array("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\n".utf8) + payload + [13, 10])
    }

    @Test func integerArgumentsAreDecimalBulkStrings() {
        #expect(text(RESPCommand("EXPIRE", "k", 60)) == "*3\r\n$6\r\nEXPIRE\r\n$1\r\nk\r\n$2\r\n60\r\n")
        #expect(text(RESPCommand("X", .integer(0), .integer(-7))) == "*3\r\n$1\r\nX\r\n$1\r\n0\r\n$2\r\n-7\r\n")
        #expect(text(RESPCommand("X", .integer(.min))) == "*2\r\n$1\r\nX\r\n$20\r\n-9223372036854775808\r\n")
        #expect(text(RESPCommand("X", .integer(.max))) == "*2\r\n$1\r\nX\r\n$19\r\n9223372036854775807\r\n")
    }

    @Test func interpolatedArguments() {
        let room = "lobby"
        #expect(text(RESPCommand("PUBLISH", "room:\(room)", "hi")) == "*3\r\n$7\r\nPUBLISH\r\n$10\r\nroom:lobby\r\n$2\r\nhi\r\n")
    }

    /// `encode(into:)` appends after what the buffer holds: several commands share one write.
    @Test func encodeAppends() {
        var buffer = Array("*1\r\n$4\r\nPING\r\n".utf8)
        RESPCommand("GET", "a").encode(into: &buffer)
        RESPCommand("GET", "b").encode(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$3\r\nGET\r\n$1\r\nb\r\n")
    }

    @Test func encodedCountIsExact() {
        let commands = [
            RESPCommand("PING"), RESPCommand("SET", "key", .bytes(Array(repeating: 7, count: 1000)), "EX", 10),
            RESPCommand("SUBSCRIBE", arguments: (0..<150).map { .string("channel:\($0)") }),
            RESPCommand("X", .integer(.min), .integer(9), .integer(10), .integer(-99_999)),
        ]
        for command in commands {
            #expect(command.encodedCount == command.encoded.count)
        }
    }

    @Test func commandNameIsUppercased() {
        #expect(RESPCommand("subscribe", "a").name == "SUBSCRIBE")
        #expect(RESPCommand("evalSha").name == "EVALSHA")
    }

    /// Replies encoded as a server would, then parsed back, are the same values.
    @Test func repliesRoundTrip() {
        let values: [RESPValue] = [
            .simpleString("OK"), .error("ERR x"), .integer(-42), .bulkString(nil), .bulkString([0, 13, 10]), .array(nil),
            .array([.array([]), .bulk("a"), .integer(.min), .array([.bulkString(nil), .simpleString("")])]),
        ]
        let bytes = values.flatMap(\.encoded)
        expectParse(bytes, gives: ParseOutcome(values))
        #expect(String(decoding: RESPValue.array([.bulk("a"), .integer(1)]).encoded, as: UTF8.self) == "*2\r\n$1\r\na\r\n:1\r\n")
    }
}
