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
}
