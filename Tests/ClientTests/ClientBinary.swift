import Foundation

/// Where the ws-client executable is: beside the test bundle in the build
/// folder (the test target depends on it, so it is built first).
enum ClientBinary {
    static var path: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = bundle.appendingPathComponent("ws-client").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return FileManager.default.currentDirectoryPath + "/.build/debug/ws-client"
    }
}
