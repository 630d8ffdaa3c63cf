// swift-tools-version:6.0
import PackageDescription

/// chat-server: an RFC 6455 WebSocket chat and broadcast server for Linux.
/// No package dependencies: the toolchain plus OpenSSL's libcrypto and
/// libssl, zlib and the Linux epoll family through system-library shims.
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
        // What the programs share below the protocol: the monotonic clock,
        // the epoll set, and the reading of their arguments.
        .target(name: "SystemKit", dependencies: ["CEpoll"]),
        // Non-blocking TLS sessions over libssl, for the server (wss://,
        // https://) and the client (wss://).
        .target(name: "TLS", dependencies: ["COpenSSL"]),
        // The chat protocol's JSON, requests, events and name rules, shared
        // by the server, ws-client and ws-bench.
        .target(name: "ChatWire", dependencies: ["WSProtocol"]),
        // RESP2 and redis:// URLs for the Redis backplane: sans-I/O, no Glibc.
        .target(name: "RESP"),
        // The browser page's files (Sources/WSServer/Page) become string constants at build time.
        .target(name: "WSServer", dependencies: ["WSProtocol", "ChatWire", "RESP", "CEpoll", "SystemKit", "TLS"], plugins: ["EmbedPage"]),
        .executableTarget(name: "page-embedder"),
        .plugin(name: "EmbedPage", capability: .buildTool(), dependencies: ["page-embedder"]),
        .target(name: "WSClient", dependencies: ["WSProtocol", "CEpoll", "SystemKit", "TLS"]),
        .executableTarget(name: "chat-server", dependencies: ["WSServer", "RESP", "SystemKit"], plugins: ["StampVersion"]),
        .plugin(name: "StampVersion", capability: .buildTool()),
        // The terminal client's logic; the ws-client executable is its main.swift.
        .target(name: "ChatClient", dependencies: ["ChatWire", "SystemKit", "WSClient", "WSProtocol"]),
        .executableTarget(name: "ws-client", dependencies: ["ChatClient"]),
        // The load generator's logic; the ws-bench executable is its main.swift.
        .target(name: "BenchKit", dependencies: ["ChatWire", "WSClient", "WSProtocol", "CEpoll", "SystemKit", "TLS"]),
        .executableTarget(name: "ws-bench", dependencies: ["BenchKit"]),
        // Helpers the test targets share: an in-process server, a seeded generator.
        .target(name: "TestSupport", dependencies: ["WSServer", "WSClient", "SystemKit", "CPseudoTerminal"], path: "Tests/TestSupport"),
        .testTarget(name: "WSProtocolTests", dependencies: ["WSProtocol", "TestSupport"]),
        .testTarget(name: "ChatWireTests", dependencies: ["ChatWire"]),
        .testTarget(name: "SystemKitTests", dependencies: ["SystemKit"]),
        .testTarget(name: "WSServerTests", dependencies: ["WSServer", "ChatWire", "TestSupport"]),
        .testTarget(name: "RESPTests", dependencies: ["RESP", "TestSupport"]),
        // Drives RedisConnection and the Redis backplane against a redis-server it starts.
        .testTarget(name: "BackplaneTests", dependencies: ["WSServer", "ChatWire", "WSProtocol", "RESP", "SystemKit", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["WSServer", "ChatWire", "WSClient", "chat-server", "SystemKit", "TestSupport", "TLS"]),
        .testTarget(name: "BrowserTests", dependencies: ["WSServer", "ChatWire", "WSClient", "SystemKit", "TestSupport"]),
        // Unit-tests BenchKit and drives its load generator against an in-process server.
        .testTarget(name: "BenchTests", dependencies: ["BenchKit", "ChatWire", "WSServer", "WSProtocol", "SystemKit", "TestSupport"]),
        // Unit-tests ChatClient, and depends on the ws-client executable so it
        // is built first: the tests also run the binary (in a pseudo-terminal
        // and through pipes).
        .testTarget(
            name: "ClientTests",
            dependencies: ["ChatClient", "ws-client", "WSServer", "ChatWire", "WSClient", "WSProtocol", "CPseudoTerminal", "SystemKit", "TestSupport"]),
    ]
)
