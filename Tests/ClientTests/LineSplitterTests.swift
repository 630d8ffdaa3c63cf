import ChatClient
import Testing
import WSClient

/// Pipe mode's input lines and output lines.
@Suite("Pipe mode pieces")
struct LineSplitterTests {
    @Test func splitsAcrossChunks() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("ab".utf8)) == [])
        #expect(splitter.append(Array("c\nd\r\n\ne".utf8)) == [Array("abc".utf8), Array("d\r".utf8), []])
        #expect(splitter.append(Array("f".utf8)) == [])
        #expect(splitter.finish() == Array("ef".utf8))
        #expect(splitter.finish() == nil)
    }

    @Test func printsTextAsIsAndBinaryAsBase64() {
        #expect(PipeMode.printed(.text("a\u{1B}b")) == Array("a\u{1B}b\n".utf8))
        #expect(PipeMode.printed(.binary([0, 1, 2, 255])) == Array("[binary base64] AAEC/w==\n".utf8))
        #expect(PipeMode.printed(.ping([])) == [])
    }

    @Test func neutralisesTextForATerminalOnly() {
        let hostile = "a\u{1B}]0;owned\u{07}b\u{9B}2Jc\u{9D}d\u{202E}e\nf"
        #expect(PipeMode.printed(.text(hostile), toTerminal: true) == Array("a^[]0;owned^Gb\u{FFFD}2Jc\u{FFFD}d\u{FFFD}e^Jf\n".utf8))
        #expect(PipeMode.printed(.text(hostile), toTerminal: false) == Array((hostile + "\n").utf8))
        #expect(PipeMode.printed(.binary([0x1B]), toTerminal: true) == Array("[binary base64] Gw==\n".utf8))
    }
}
