import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// `NIOPeer --host H --port P [--threads N]`: chat on `/`, echo on `/echo`.
let arguments = PeerArguments(CommandLine.arguments.dropFirst())
let group = MultiThreadedEventLoopGroup(numberOfThreads: arguments.threads)
let rooms = ChatRooms()

let bootstrap = ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 1024)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try PeerPipeline.configure(channel, rooms: rooms)
        }
    }

let server = try bootstrap.bind(host: arguments.host, port: arguments.port).wait()
print("swift-nio peer on ws://\(arguments.host):\(arguments.port)/ with \(arguments.threads) event loop(s)")
try server.closeFuture.wait()
