import ChatClient
import Testing

/// Raw terminal bytes to keys, across arbitrary read boundaries.
@Suite("KeyDecoder")
struct KeyDecoderTests {
    @Test func decodesTextControlsAndArrows() {
        var decoder = KeyDecoder()
        let keys = decoder.keys(from: Array("hi\u{1B}[D\u{1B}[C\u{1B}[A\u{1B}[B\u{1B}OH\u{1B}[4~\u{1B}[3~\u{7F}\r\u{03}\u{04}".utf8))
        #expect(keys == [
            .character("h"), .character("i"), .left, .right, .up, .down, .home, .end, .delete, .backspace, .enter,
            .interrupt, .endOfInput,
        ])
    }

    @Test func keepsASequenceCutBetweenReads() {
        var decoder = KeyDecoder()
        #expect(decoder.keys(from: [0x1B]) == [])
        #expect(decoder.keys(from: [UInt8(ascii: "[")]) == [])
        #expect(decoder.keys(from: [UInt8(ascii: "1"), UInt8(ascii: "~"), UInt8(ascii: "x")]) == [.home, .character("x")])
    }

    @Test func keepsAUTF8CharacterCutBetweenReads() {
        var decoder = KeyDecoder()
        let bytes = Array("é😀".utf8)
        #expect(decoder.keys(from: bytes[..<1]) == [])
        #expect(decoder.keys(from: bytes[1..<3]) == [.character("é")])
        #expect(decoder.keys(from: bytes[3...]) == [.character("😀")])
    }

    @Test func dropsUnknownSequencesAndStrayBytes() {
        var decoder = KeyDecoder()
        #expect(decoder.keys(from: Array("\u{1B}[15~a\u{1B}[1;5Cb\u{1B}xc".utf8) + [0xFF, UInt8(ascii: "d")])
            == [.character("a"), .right, .character("b"), .character("x"), .character("c"), .character("d")])
    }

    @Test func emacsKeys() {
        var decoder = KeyDecoder()
        #expect(decoder.keys(from: [0x01, 0x05, 0x02, 0x06, 0x10, 0x0E, 0x15, 0x0B, 0x17, 0x0C, 0x09])
            == [.home, .end, .left, .right, .up, .down, .eraseToStart, .eraseToEnd, .eraseWord, .redraw, .character(" ")])
    }
}
