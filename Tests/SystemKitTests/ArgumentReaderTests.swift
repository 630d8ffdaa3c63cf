import SystemKit
import Testing

/// `--flag VALUE`, `--flag=VALUE`, switches and words, as every program here reads them.
@Suite("ArgumentReader")
struct ArgumentReaderTests {
    /// Each argument's name and value, reading a value for the names in `taking`.
    private func read(_ arguments: [String], taking: Set<String>) -> [String] {
        var reader = ArgumentReader(arguments)
        var seen: [String] = []
        while let argument = reader.next() {
            guard taking.contains(argument.name) else {
                seen.append(argument.name)
                continue
            }
            seen.append("\(argument.name)=\(reader.value(of: argument) ?? "<none>")")
        }
        return seen
    }

    @Test func aValueFollowsOrIsJoinedWithEquals() {
        #expect(read(["--port", "80", "--host=::1"], taking: ["--port", "--host"]) == ["--port=80", "--host=::1"])
    }

    @Test func onlyTheFirstEqualsSplits() {
        #expect(read(["--name=a=b"], taking: ["--name"]) == ["--name=a=b"])
    }

    @Test func anEmptyJoinedValueIsAValue() {
        #expect(read(["--rooms=", "next"], taking: ["--rooms"]) == ["--rooms=", "next"])
    }

    @Test func aMissingValueIsNil() {
        #expect(read(["--port"], taking: ["--port"]) == ["--port=<none>"])
    }

    @Test func switchesAndWordsAreReadWhole() {
        #expect(read(["--json", "ws://h/?a=b", "-h", "fanout"], taking: []) == ["--json", "ws://h/?a=b", "-h", "fanout"])
    }

    @Test func aSwitchKeepsItsTextWithAnEquals() throws {
        var reader = ArgumentReader(["--help=x"])
        let first = reader.next()
        let argument = try #require(first)
        #expect(argument.text == "--help=x" && argument.name == "--help" && argument.inlineValue == "x")
        #expect(reader.next() == nil)
    }
}
