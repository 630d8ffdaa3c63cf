import Foundation
import NIOCore
import NIOFoundationCompat
import NIOWebSocket

/// `/`: JSON requests in, replies and room messages out. A room message is
/// encoded once into one frame that every member's channel writes; members
/// on another event loop are written by one task per loop.
final class ChatHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let rooms: ChatRooms
    private let closer = CloseReplier()
    private let decoder = JSONDecoder()
    private let encoder = JSONEncoder()
    private var id = ""
    private var joined: Set<String> = []

    init(rooms: ChatRooms) {
        self.rooms = rooms
    }

    func handlerAdded(context: ChannelHandlerContext) {
        id = rooms.nextID()
        reply(ChatReply(type: "welcome", id: id), context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary: handle(frame.unmaskedData, context: context)
        default: closer.control(frame, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        rooms.leave(joined, context.channel)
        joined = []
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func handle(_ payload: ByteBuffer, context: ChannelHandlerContext) {
        guard let request = try? decoder.decode(ChatRequest.self, from: payload) else {
            return reply(ChatReply(type: "error", error: "invalid json"), context: context)
        }
        switch (request.type, request.room, request.text) {
        case ("join", let room?, _):
            joined.insert(room)
            reply(ChatReply(type: "joined", room: room, members: rooms.join(room, context.channel)), context: context)
        case ("join", nil, _):
            reply(ChatReply(type: "error", error: "missing room"), context: context)
        case ("message", let room?, let text?):
            publish(text, to: room, context: context)
        case ("message", _, _):
            reply(ChatReply(type: "error", error: "missing room or text"), context: context)
        default:
            reply(ChatReply(type: "error", error: "unknown type"), context: context)
        }
    }

    private func publish(_ text: String, to room: String, context: ChannelHandlerContext) {
        guard joined.contains(room) else {
            return reply(ChatReply(type: "error", error: "not a member of room"), context: context)
        }
        let delivery = ChatDelivery(room: room, from: id, text: text, ts: Int64(Date().timeIntervalSince1970 * 1000))
        guard let payload = try? encoder.encodeAsByteBuffer(delivery, allocator: context.channel.allocator) else { return }
        let frame = WebSocketFrame(fin: true, opcode: .text, data: payload)
        var elsewhere: [ObjectIdentifier: (EventLoop, [Channel])] = [:]
        for member in rooms.members(of: room) {
            if member.eventLoop === context.eventLoop {
                member.writeAndFlush(frame, promise: nil)
            } else {
                elsewhere[ObjectIdentifier(member.eventLoop), default: (member.eventLoop, [])].1.append(member)
            }
        }
        for (loop, members) in elsewhere.values {
            loop.execute { for member in members { member.writeAndFlush(frame, promise: nil) } }
        }
    }

    private func reply(_ message: ChatReply, context: ChannelHandlerContext) {
        guard let payload = try? encoder.encodeAsByteBuffer(message, allocator: context.channel.allocator) else { return }
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: payload)), promise: nil)
    }
}
