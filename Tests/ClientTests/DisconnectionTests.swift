import ChatClient
import Testing
import WSClient
import WSProtocol

/// Which ends of a connection call for reconnecting, and what the user is told.
@Suite("Reconnect decisions")
struct DisconnectionTests {
    @Test(arguments: [
        Disconnection.closedByServer(.policyViolation, reason: "slow consumer"),
        .closedByServer(.goingAway, reason: "server shutting down"),
        .closedByServer(.goingAway, reason: "idle timeout"),
        .closedByServer(.internalError, reason: ""),
        .lost("x"), .protocolFailure("x"),
        .refused(.serviceUnavailable, withToken: false), .refused(.serviceUnavailable, withToken: true),
    ])
    func transientEndsAreRetried(_ why: Disconnection) {
        #expect(why.allowsReconnect)
        #expect(why.finalReason == nil)
    }

    @Test(arguments: [
        ("rate limit exceeded", "the server cut us off for sending too fast"),
        ("origin not allowed", "the server does not accept this origin"),
        ("token expired", "your token expired; start again with a new one"),
        ("disconnected by server", "the server disconnected us on purpose"),
        ("", "the server refused us by policy (1008)"),
    ])
    func policyRefusalsAreNotRetriedAndSayWhy(_ reason: String, _ said: String) {
        let why = Disconnection.closedByServer(.policyViolation, reason: reason)
        #expect(!why.allowsReconnect)
        #expect(why.finalReason == said)
    }

    @Test func aNormalCloseAndRefusedCredentialsAreFinal() {
        #expect(Disconnection.closedByServer(.normalClosure, reason: "").finalReason == "the server ended the session (1000)")
        let unauthorized = HTTPStatus(code: 401, reason: "Unauthorized")
        #expect(Disconnection.refused(unauthorized, withToken: true).finalReason
            == "the server refused the token (invalid or expired)")
        #expect(Disconnection.refused(unauthorized, withToken: false).finalReason
            == "the server requires a token: pass --token TOKEN or set CHAT_TOKEN")
        #expect(!Disconnection.refused(.forbidden, withToken: false).allowsReconnect)
    }

    @Test func aRefusedUpgradeIsTellableFromOtherFailures() {
        let unauthorized = HTTPStatus(code: 401, reason: "Unauthorized")
        #expect(Disconnection(.upgradeRefused(unauthorized), withToken: true) == .refused(unauthorized, withToken: true))
        #expect(Disconnection(.timedOut, withToken: true) == .lost("timed out"))
        #expect(ClientError.upgradeRefused(unauthorized).description == "handshake failed: server answered 401 Unauthorized")
    }
}
