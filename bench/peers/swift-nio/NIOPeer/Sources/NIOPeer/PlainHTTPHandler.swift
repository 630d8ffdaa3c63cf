import NIOCore
import NIOHTTP1

/// Answers requests that were not upgraded: 426 on the WebSocket paths,
/// 404 elsewhere, then closes.
final class PlainHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var status = HTTPResponseStatus.notFound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = PeerPipeline.Route(uri: head.uri) == nil ? .notFound : .upgradeRequired
        case .body:
            break
        case .end:
            let headers = HTTPHeaders([("Content-Length", "0"), ("Connection", "close")])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
