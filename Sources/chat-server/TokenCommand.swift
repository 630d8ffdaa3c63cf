import Glibc
import SystemKit
import WSServer

/// `chat-server token`: mints an HS256 token for the server's secret and
/// prints it with a newline, for operators and scripts (the counterpart of
/// Centrifugo's `gentoken`). Bad arguments exit 2 with a message on stderr.
enum TokenCommand {
    static func run(_ arguments: [String]) -> Int32 {
        do throws(UsageError) {
            let options = try TokenOptions.parse(arguments)
            if options.showHelp {
                emit(usage, to: 1)
                return 0
            }
            emit(try mint(options) + "\n", to: 1)
            return 0
        } catch {
            complain("chat-server: \(error.message)\nTry 'chat-server token --help'.\n")
            return 2
        }
    }

    private static func mint(_ options: TokenOptions) throws(UsageError) -> String {
        let secret: [UInt8]
        do {
            secret = try SecretFile.load(options.secretFile ?? "", kind: .tokenSecret)
        } catch {
            throw UsageError(message: "token: \(error)")
        }
        let claims: TokenClaims
        do {
            claims = try TokenMinter.claims(
                subject: options.subject ?? "", name: options.name, rooms: options.rooms,
                mayBroadcast: options.mayBroadcast, now: WallClock.milliseconds() / 1000, lifetime: options.lifetime)
        } catch {
            // The options were checked one by one; what is left is the name.
            throw UsageError(message: options.name == nil
                ? "token: --sub does not make a valid nickname to show (it is blank or breaks the nickname rules); give --name"
                : "token: --name must follow the nickname rules (1-32 characters, no control or invisible ones)")
        }
        guard let token = TokenMinter(secret: secret).mint(claims) else {
            throw UsageError(message: "token: libcrypto could not compute the signature")
        }
        return token
    }

    static let usage = """
        Usage: chat-server token --secret-file FILE --sub USER [--name NAME] [--rooms LIST] [--broadcast] [--ttl S]

        Prints an HS256 token (JWT) that a server started with the same secret
        file accepts, then a newline.

          --secret-file FILE  the server's secret, at least 32 bytes (one trailing newline ignored)
          --sub USER          the user id, 1-64 characters; events carry it as "user"
          --name NAME         the name shown in the chat (default: USER, cut to 32 characters)
          --rooms LIST        comma-separated rooms the holder may join; NAME* allows every room
                              starting with NAME, * any room, '' none (default: any room)
          --broadcast         the holder may send broadcast
          --ttl S             seconds until the token expires, 1 to 315360000 (default 3600)
          -h, --help          show this help

        Example: chat-server token --secret-file secret --sub alice --rooms 'team,proj-*' --ttl 86400

        """
}
