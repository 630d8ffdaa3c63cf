import TestSupport

/// Files in a fresh temporary directory, removed with it when the test ends.
final class TemporaryFiles {
    let directory: String

    init() throws {
        directory = try Files.makeTemporaryDirectory()
    }

    /// Writes `bytes` to a new file and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) -> String {
        let path = directory + "/" + name
        try? Files.write(bytes, to: path)
        return path
    }

    func file(_ name: String, _ text: String) -> String { file(name, Array(text.utf8)) }

    deinit { Files.removeTree(directory) }
}
