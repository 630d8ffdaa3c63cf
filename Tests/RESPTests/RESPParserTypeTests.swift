import RESP
import TestSupport
import Testing

/// Each RESP2 type from the byte examples of the Redis protocol
/// specification, fed whole, byte by byte and cut at every point.
@Suite("RESPParser types")
struct RESPParserTypeTests {
    @Test func simpleStrings() {
        expectParse("+OK\r\n", gives: ParseOutcome([.simpleString("OK")]))
        expectParse("+\r\n", gives: ParseOutcome([.simpleString("")]))
        expectParse("+hello world\r\n", gives: ParseOutcome([.simpleString("hello world")]))
    }

    @Test func errors() {
        expectParse("-Error message\r\n", gives: ParseOutcome([.error("Error message")]))
        expectParse(
            "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
            gives: ParseOutcome([.error("WRONGTYPE Operation against a key holding the wrong kind of value")]))
    }

    @Test func integers() {
        expectParse(":0\r\n", gives: ParseOutcome([.integer(0)]))
        expectParse(":1000\r\n", gives: ParseOutcome([.integer(1000)]))
        expectParse(":-1\r\n", gives: ParseOutcome([.integer(-1)]))
        expectParse(":9223372036854775807\r\n", gives: ParseOutcome([.integer(.max)]))
        expectParse(":-9223372036854775808\r\n", gives: ParseOutcome([.integer(.min)]))
        expectParse(":007\r\n", gives: ParseOutcome([.integer(7)]))
    }

    @Test func bulkStrings() {
        expectParse("$5\r\nhello\r\n", gives: ParseOutcome([.bulk("hello")]))
        expectParse("$0\r\n\r\n", gives: ParseOutcome([.bulkString([])]))
        expectParse("$-1\r\n", gives: ParseOutcome([.bulkString(nil)]))
    }

    /// Bulk strings are binary safe: CR, LF, NUL and 0xFF inside the payload are data.
    @Test func bulkStringsAreBinarySafe() {
        let payload: [UInt8] = [13, 10, 0, 255, 13, 10, 36, 42]
        expectParse(Array("$8\r\n".utf8) + payload + [13, 10], gives: ParseOutcome([.bulkString(payload)]))
    }

    @Test func arrays() {
        expectParse("*0\r\n", gives: ParseOutcome([.array([])]))
        expectParse("*-1\r\n", gives: ParseOutcome([.array(nil)]))
        expectParse("*2\r\n$5\r\nhello\r\n$5\r\nworld\r\n", gives: ParseOutcome([.array([.bulk("hello"), .bulk("world")])]))
        expectParse("*3\r\n:1\r\n:2\r\n:3\r\n", gives: ParseOutcome([.array([.integer(1), .integer(2), .integer(3)])]))
        expectParse(
            "*5\r\n:1\r\n:2\r\n:3\r\n:4\r\n$5\r\nhello\r\n",
            gives: ParseOutcome([.array([.integer(1), .integer(2), .integer(3), .integer(4), .bulk("hello")])]))
    }

    @Test func nestedArraysAndNullElements() {
        expectParse(
            "*2\r\n*3\r\n:1\r\n:2\r\n:3\r\n*2\r\n+Hello\r\n-World\r\n",
            gives: ParseOutcome([.array([.array([.integer(1), .integer(2), .integer(3)]), .array([.simpleString("Hello"), .error("World")])])]))
        expectParse(
            "*3\r\n$5\r\nhello\r\n$-1\r\n$5\r\nworld\r\n",
            gives: ParseOutcome([.array([.bulk("hello"), .bulkString(nil), .bulk("world")])]))
        expectParse("*2\r\n*0\r\n*-1\r\n", gives: ParseOutcome([.array([.array([]), .array(nil)])]))
    }

    /// A pub/sub push as Redis sends it in RESP2.
    @Test func messagePush() {
        expectParse(
            "*3\r\n$7\r\nmessage\r\n$6\r\nsecond\r\n$5\r\nHello\r\n",
            gives: ParseOutcome([.array([.bulk("message"), .bulk("second"), .bulk("Hello")])]))
    }

    @Test func pipelinedRepliesComeOutOneByOne() {
        expectParse(
            "+OK\r\n$3\r\nbar\r\n:2\r\n*1\r\n$-1\r\n-ERR no\r\n",
            gives: ParseOutcome([.simpleString("OK"), .bulk("bar"), .integer(2), .array([.bulkString(nil)]), .error("ERR no")]))
    }

    /// `next` stops after the first complete value and leaves the rest of the input alone.
    @Test func nextReadsNoFurtherThanOneValue() throws {
        var parser = RESPParser()
        let bytes = Array(":1\r\n:2\r\n".utf8)
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var input = buffer
            #expect(try parser.next(&input) == .integer(1))
            #expect(input.count == 4)
            #expect(try parser.next(&input) == .integer(2))
            #expect(input.isEmpty)
            #expect(try parser.next(&input) == nil)
        }
    }

    /// A 1 MiB payload arriving in 1000-byte reads is the same as arriving whole.
    @Test func largeBulkInChunks() {
        var generator = SeededSplitMix(seed: 7)
        let payload = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let bytes = Array("$\(payload.count)\r\n".utf8) + payload + [13, 10]
        let chunks = stride(from: 0, to: bytes.count, by: 1000).map { $0..<min($0 + 1000, bytes.count) }
        #expect(ParseOutcome(feeding: bytes, in: chunks) == ParseOutcome([.bulkString(payload)]))
        #expect(ParseOutcome(feeding: bytes, in: [0..<bytes.count]) == ParseOutcome([.bulkString(payload)]))
    }

    @Test func accessors() {
        #expect(RESPValue.bulk("a").text == "a")
        #expect(RESPValue.simpleString("OK").bytes == Array("OK".utf8))
        #expect(RESPValue.integer(3).integer == 3)
        #expect(RESPValue.array([.integer(1)]).elements == [.integer(1)])
        #expect(RESPValue.bulkString(nil).isNull && RESPValue.array(nil).isNull && !RESPValue.bulk("").isNull)
        #expect(RESPValue.error("E").text == nil)
    }
}
