import NIOCore
import NIOHTTP1
import NIOWebSocket

/// The pipeline of one accepted connection: HTTP/1 with the WebSocket
/// upgrader; after the upgrade, the frame aggregator and the chat or echo
/// handler. Requests that are not upgraded reach `PlainHTTPHandler`.
enum PeerPipeline {
    static let maxMessageSize = 16 << 20
    /// The plain-HTTP handler's name, by which the upgrade removes it.
    private static let plainName = "plain-http"

    /// Which handler a request target gets; nil for every other path.
    enum Route {
        case chat
        case echo

        init?(uri: String) {
            switch uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" {
            case "/": self = .chat
            case "/echo": self = .echo
            default: return nil
            }
        }
    }

    static func configure(_ channel: Channel, rooms: ChatRooms) throws {
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: maxMessageSize,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(Route(uri: head.uri) == nil ? nil : HTTPHeaders())
            },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    try addWebSocketHandlers(channel, route: Route(uri: head.uri) ?? .chat, rooms: rooms)
                }
            })
        let upgrade: NIOHTTPServerUpgradeConfiguration = (
            upgraders: [upgrader],
            completionHandler: { context in context.pipeline.syncOperations.removeHandler(name: plainName, promise: nil) }
        )
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withServerUpgrade: upgrade)
        try channel.pipeline.syncOperations.addHandler(PlainHTTPHandler(), name: plainName)
    }

    private static func addWebSocketHandlers(_ channel: Channel, route: Route, rooms: ChatRooms) throws {
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(
            NIOWebSocketFrameAggregator(
                minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16, maxAccumulatedFrameSize: maxMessageSize))
        switch route {
        case .chat: try operations.addHandler(ChatHandler(rooms: rooms))
        case .echo: try operations.addHandler(EchoHandler())
        }
    }
}
