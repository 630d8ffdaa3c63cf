// swift-tools-version:6.0
import PackageDescription

/// chat-server: an RFC 6455 WebSocket chat and broadcast server for Linux.
/// No package dependencies: the toolchain plus OpenSSL's libcrypto, zlib and
/// the Linux epoll family through system-library shims.
let package = Package(
    name: "chat-server",
    products: [
        .executable(name: "chat-server", targets: ["chat-server"]),
        .executable(name: "ws-client", targets: ["ws-client"]),
        .executable(name: "ws-bench", targets: ["ws-bench"]),
        .library(name: "WSProtocol", targets: ["WSProtocol"]),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(name: "CEpoll"),
        .systemLibrary(name: "CPseudoTerminal"),
        .target(name: "WSProtocol", dependencies: ["COpenSSL", "CZlib"]),
        .target(name: "WSServer", dependencies: ["WSProtocol", "CEpoll"]),
        .target(name: "WSClient", dependencies: ["WSProtocol", "CEpoll"]),
        .executableTarget(name: "chat-server", dependencies: ["WSServer"]),
        .executableTarget(name: "ws-client", dependencies: ["WSClient", "WSProtocol"]),
        .executableTarget(name: "ws-bench", dependencies: ["WSClient", "WSProtocol", "CEpoll"]),
        // Helpers the test targets share: an in-process server, a seeded generator.
        .target(name: "TestSupport", dependencies: ["WSServer", "WSClient"], path: "Tests/TestSupport"),
        .testTarget(name: "WSProtocolTests", dependencies: ["WSProtocol", "TestSupport"]),
        .testTarget(name: "WSServerTests", dependencies: ["WSServer"]),
        .testTarget(name: "EndToEndTests", dependencies: ["WSServer", "WSClient", "chat-server", "TestSupport"]),
        .testTarget(name: "BrowserTests", dependencies: ["WSServer", "WSClient", "TestSupport"]),
        // Depends on the ws-bench executable to unit-test its types through
        // `@testable import ws_bench` and to drive it against an in-process server.
        .testTarget(name: "BenchTests", dependencies: ["ws-bench", "WSServer", "WSClient", "TestSupport"]),
        // Depends on the ws-client executable so it is built first: the tests
        // run the binary (in a pseudo-terminal and through pipes) and also
        // unit-test its types through `@testable import ws_client`.
        .testTarget(
            name: "ClientTests", dependencies: ["ws-client", "WSServer", "WSClient", "WSProtocol", "CPseudoTerminal", "TestSupport"]),
    ]
)
