import RESP
import Testing

/// Every bound in `RESPLimits`: a value at the limit passes, one byte or
/// element more fails with the limit named, before the excess is buffered.
@Suite("RESPParser limits")
struct RESPParserLimitTests {
    @Test func lineLength() {
        let limits = RESPLimits(maxLineLength: 4)
        expectParse("+abcd\r\n", limits: limits, gives: ParseOutcome([.simpleString("abcd")]))
        expectParse("+abcde\r\n", limits: limits, gives: ParseOutcome([], error: .lineTooLong(limit: 4)))
        expectParse("-abcde\r\n", limits: limits, gives: ParseOutcome([], error: .lineTooLong(limit: 4)))
        // A number with endless leading zeros is stopped by the line limit, not read forever.
        expectParse(":00000000\r\n", limits: limits, gives: ParseOutcome([], error: .lineTooLong(limit: 4)))
    }

    @Test func bulkLength() {
        let limits = RESPLimits(maxBulkLength: 3)
        expectParse("$3\r\nabc\r\n", limits: limits, gives: ParseOutcome([.bulk("abc")]))
        // Refused at the length line: the payload is never waited for.
        expectParse("$4\r\n", limits: limits, gives: ParseOutcome([], error: .bulkTooLong(length: 4, limit: 3)))
        expectParse("$9223372036854775807\r\n", limits: limits,
                    gives: ParseOutcome([], error: .bulkTooLong(length: .max, limit: 3)))
    }

    @Test func arrayElements() {
        let limits = RESPLimits(maxArrayElements: 2)
        expectParse("*2\r\n:1\r\n:2\r\n", limits: limits, gives: ParseOutcome([.array([.integer(1), .integer(2)])]))
        expectParse("*3\r\n", limits: limits, gives: ParseOutcome([], error: .tooManyElements(count: 3, limit: 2)))
        expectParse("*1\r\n*3\r\n", limits: limits, gives: ParseOutcome([], error: .tooManyElements(count: 3, limit: 2)))
    }

    @Test func nestingDepth() {
        let limits = RESPLimits(maxDepth: 2)
        expectParse("*1\r\n*1\r\n:1\r\n", limits: limits, gives: ParseOutcome([.array([.array([.integer(1)])])]))
        expectParse("*1\r\n*1\r\n*1\r\n", limits: limits, gives: ParseOutcome([], error: .nestingTooDeep(limit: 2)))
        expectParse("*1\r\n*1\r\n*0\r\n", limits: limits, gives: ParseOutcome([], error: .nestingTooDeep(limit: 2)))
    }

    /// The default depth holds against a deep stream without recursion trouble.
    @Test func defaultDepthStopsADeepStream() {
        let bytes = Array(String(repeating: "*1\r\n", count: 10_000).utf8)
        let limit = RESPLimits().maxDepth
        expectParse(bytes, gives: ParseOutcome([], error: .nestingTooDeep(limit: limit)))
    }

    /// The whole-value bound covers what the per-part bounds let through: many elements, each small.
    @Test func valueBytes() {
        let limits = RESPLimits(maxValueBytes: 16)
        // 4 + 4 + 4 + 4 bytes: exactly at the limit.
        expectParse("*3\r\n:1\r\n:2\r\n:3\r\n", limits: limits, gives: ParseOutcome([.array([.integer(1), .integer(2), .integer(3)])]))
        expectParse("*4\r\n:1\r\n:2\r\n:3\r\n:4\r\n", limits: limits, gives: ParseOutcome([], error: .valueTooLarge(limit: 16)))
        // A bulk string that cannot fit is refused at its length line.
        expectParse("*1\r\n$9\r\n", limits: limits, gives: ParseOutcome([], error: .valueTooLarge(limit: 16)))
        // The bound is per top-level value: two values of 16 bytes each pass.
        let two = "*3\r\n:1\r\n:2\r\n:3\r\n*3\r\n:4\r\n:5\r\n:6\r\n"
        #expect(ParseOutcome(feeding: Array(two.utf8), in: [0..<two.utf8.count], limits: limits).values.count == 2)
    }

    @Test func defaultsAreBounded() {
        let limits = RESPLimits()
        #expect(limits.maxBulkLength == 32 << 20)
        #expect(limits.maxArrayElements == 1 << 20)
        #expect(limits.maxDepth == 16)
        #expect(limits.maxLineLength == 64 << 10)
        #expect(limits.maxValueBytes == 64 << 20)
    }
}
