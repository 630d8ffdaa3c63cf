import Glibc
import Testing
import WSServer

@Suite("SecretFile: the token secret and the API key")
struct SecretFileTests {
    let files: TemporaryFiles
    let secret32 = String(repeating: "s", count: 31) + "!"

    init() throws { files = try TemporaryFiles() }

    private func load(_ path: String, _ kind: SecretFile.Kind = .tokenSecret) -> Result<[UInt8], SecretFileError> {
        Result { () throws(SecretFileError) in try SecretFile.load(path, kind: kind) }
    }

    @Test("the bytes without one trailing \\n or \\r\\n")
    func newline() {
        #expect(load(files.file("plain", secret32)) == .success(Array(secret32.utf8)))
        #expect(load(files.file("lf", secret32 + "\n")) == .success(Array(secret32.utf8)))
        #expect(load(files.file("crlf", secret32 + "\r\n")) == .success(Array(secret32.utf8)))
        #expect(load(files.file("two", secret32 + "\n\n")) == .success(Array((secret32 + "\n").utf8)))
        #expect(load(files.file("lfcr", secret32 + "\n\r")) == .success(Array((secret32 + "\n\r").utf8)))
    }

    @Test("any bytes make a token secret, as long as there are 32")
    func binary() {
        let bytes = Array(UInt8(0)...UInt8(31)) + [0xFF]
        #expect(load(files.file("binary", bytes)) == .success(bytes))
    }

    @Test("a token secret under 32 bytes is refused, naming the file and the rule, not the content")
    func tooShort() throws {
        let path = files.file("short", "QZXshort-secret-31-bytes-long..\n")
        let error = try #require(load(path).failure)
        #expect(error.problem == .tooShort(31))
        #expect(error.description.contains(path))
        #expect(error.description.contains("31 bytes") && error.description.contains("at least 32"))
        #expect(!error.description.contains("QZX"))
        #expect(load(files.file("empty", "")).failure?.problem == .tooShort(0))
        #expect(load(files.file("newline", "\n")).failure?.problem == .tooShort(0))
    }

    @Test("a missing file or a directory is refused with the errno text")
    func unreadable() throws {
        let missing = try #require(load(files.directory + "/absent").failure)
        #expect(missing.problem == .unreadable(ENOENT))
        #expect(missing.description == "cannot read secret file '\(files.directory)/absent': No such file or directory")
        let directory = try #require(load(files.directory, .apiKey).failure)
        #expect(directory.description == "cannot read API key file '\(files.directory)': Is a directory")
    }

    @Test("a file over 4096 bytes is refused")
    func tooLong() {
        let path = files.file("long", String(repeating: "k", count: 4097))
        #expect(load(path).failure?.problem == .tooLong)
        #expect(load(files.file("limit", String(repeating: "k", count: 4096))).success?.count == 4096)
        #expect(load(files.file("limit-lf", String(repeating: "k", count: 4096) + "\n")).failure?.problem == .tooLong)
    }

    @Test("an API key needs 16 bytes that a Bearer credential can carry")
    func apiKey() throws {
        #expect(load(files.file("key16", "0123456789abcdef\n"), .apiKey) == .success(Array("0123456789abcdef".utf8)))
        #expect(load(files.file("key-b64", "AbC+/9-._~xyz123=="), .apiKey).success != nil)
        #expect(load(files.file("key15", "0123456789abcde"), .apiKey).failure?.problem == .tooShort(15))
        let spaced = try #require(load(files.file("spaced", "QZX key with spaces"), .apiKey).failure)
        #expect(spaced.problem == .notB64Token)
        #expect(spaced.description.contains("API key file") && !spaced.description.contains("QZX"))
        #expect(load(files.file("inner-eq", "0123456789=abcdef"), .apiKey).failure?.problem == .notB64Token)
    }
}
