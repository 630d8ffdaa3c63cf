import RESP
import TestSupport
import Testing

/// Protocol violations: each one a typed error at the byte that breaks the
/// stream, whatever the split, and final once thrown.
@Suite("RESPParser errors")
struct RESPParserErrorTests {
    @Test func unknownTypeBytes() {
        expectParse("?x\r\n", gives: ParseOutcome([], error: .unknownType(UInt8(ascii: "?"))))
        // RESP3 types are not RESP2.
        expectParse("_\r\n", gives: ParseOutcome([], error: .unknownType(UInt8(ascii: "_"))))
        expectParse("%1\r\n", gives: ParseOutcome([], error: .unknownType(UInt8(ascii: "%"))))
        expectParse("+OK\r\n\r\n", gives: ParseOutcome([.simpleString("OK")], error: .unknownType(13)))
    }

    @Test func lineEndings() {
        expectParse("+OK\rX", gives: ParseOutcome([], error: .invalidLineEnding))
        expectParse("+O\nK\r\n", gives: ParseOutcome([], error: .invalidLineEnding))
        expectParse(":1\n", gives: ParseOutcome([], error: .invalidLineEnding))
        expectParse("$1\r\r\n", gives: ParseOutcome([], error: .invalidLineEnding))
    }

    @Test(arguments: [":\r\n", ":abc\r\n", ":+1\r\n", ":-\r\n", ":1 \r\n", ":9223372036854775808\r\n",
                      ":-9223372036854775809\r\n", ":12345678901234567890\r\n", ":--1\r\n"])
    func malformedIntegers(_ text: String) {
        expectParse(text, gives: ParseOutcome([], error: .invalidInteger))
    }

    @Test(arguments: ["$-2\r\n", "*-5\r\n", "$x\r\n", "$\r\n", "*\r\n", "$1.5\r\n", "*99999999999999999999\r\n"])
    func malformedLengths(_ text: String) {
        expectParse(text, gives: ParseOutcome([], error: .invalidLength))
    }

    @Test func bulkWithoutTerminator() {
        expectParse("$3\r\nabcX\r\n", gives: ParseOutcome([], error: .missingBulkTerminator))
        expectParse("$3\r\nabc\rX", gives: ParseOutcome([], error: .missingBulkTerminator))
        expectParse("$0\r\nX", gives: ParseOutcome([], error: .missingBulkTerminator))
    }

    @Test func anErrorInsideAnArrayStopsTheWholeArray() {
        expectParse("*2\r\n:1\r\n:x\r\n", gives: ParseOutcome([], error: .invalidInteger))
    }

    /// Once broken, the stream stays broken: valid bytes afterwards do not revive it.
    @Test func errorsAreFinal() {
        var parser = RESPParser()
        for text in ["+OK\rX", "+OK\r\n"] {
            Array(text.utf8).withUnsafeBytes { buffer in
                var input = buffer
                #expect(throws: RESPError.invalidLineEnding) { _ = try parser.next(&input) }
            }
        }
    }

    /// Random bytes and mangled replies never trap, and give one outcome however they are fed.
    @Test func arbitraryBytesNeverTrap() {
        var generator = SeededSplitMix(seed: 20_240_611)
        let valid = Array("*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n:12\r\n+OK\r\n-ERR x\r\n*-1\r\n$-1\r\n".utf8)
        let alphabet = Array("+-:$*\r\n0123456789-".utf8)
        for round in 0..<300 {
            var bytes = valid
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            } else {
                for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            }
            let whole = ParseOutcome(feeding: bytes, in: [0..<bytes.count], limits: RESPLimits(maxBulkLength: 100))
            expectParse(bytes, limits: RESPLimits(maxBulkLength: 100), gives: whole)
        }
    }
}
