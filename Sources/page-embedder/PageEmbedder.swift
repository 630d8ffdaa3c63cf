import Glibc

/// The build tool behind the EmbedPage plugin:
/// `page-embedder OUTPUT.swift FILE...` writes an enum named after OUTPUT
/// with one string constant per FILE (`chat-input.js` becomes `chatInputJS`),
/// holding the file's text exactly. Files must be UTF-8; anything else
/// fails the build with a message naming the file.
@main
enum PageEmbedder {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let output = arguments.first, arguments.count > 1 else {
            fail("usage: page-embedder OUTPUT.swift FILE...")
        }
        var source = SwiftSource(typeName: SwiftSource.baseName(of: output, droppingExtension: true))
        for path in arguments.dropFirst() {
            guard let bytes = read(path) else { fail("cannot read \(path)") }
            guard let text = String(validating: bytes, as: UTF8.self) else { fail("\(path) is not UTF-8") }
            guard let name = SwiftSource.constantName(forFile: SwiftSource.baseName(of: path, droppingExtension: false)) else {
                fail("\(path): the file name gives no Swift identifier")
            }
            source.add(name: name, text: text)
        }
        guard write(Array(source.text.utf8), to: output) else { fail("cannot write \(output)") }
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes += chunk[..<count]
            if count < chunk.count { return ferror(file) == 0 ? bytes : nil }
        }
    }

    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        let written = fwrite(bytes, 1, bytes.count, file)
        return fclose(file) == 0 && written == bytes.count
    }

    static func fail(_ message: String) -> Never {
        let line = Array("page-embedder: \(message)\n".utf8)
        _ = Glibc.write(STDERR_FILENO, line, line.count)
        exit(1)
    }
}
