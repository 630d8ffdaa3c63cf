import NIOCore
import NIOWebSocket

/// Control frames, the same for chat and echo: a ping gets its pong, a
/// close gets a close with the peer's code, then the connection closes.
final class CloseReplier {
    private var closing = false

    func control(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        switch frame.opcode {
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            context.writeAndFlush(NIOAny(pong), promise: nil)
        case .connectionClose:
            guard !closing else { return }
            closing = true
            var payload = frame.unmaskedData
            let code = payload.readSlice(length: 2) ?? ByteBuffer()
            let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: code)
            let channel = context.channel
            context.writeAndFlush(NIOAny(close)).whenComplete { _ in channel.close(promise: nil) }
        default:
            break
        }
    }
}
