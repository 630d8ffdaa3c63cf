/// The server's side of the opening handshake (RFC 6455 sections 4.2.1 and
/// 4.2.2): check the client's request, answer it with 101 or refuse it.
public enum ServerHandshake {
    /// Appended to the key before hashing (section 1.3).
    public static let magicGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The version this server speaks; anything else gets 426 (section 4.2.2).
    public static let webSocketVersion = "13"

    private static let switchingPrefix = Array(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ".utf8)

    /// `Sec-WebSocket-Accept` for `key`: "the base64-encoded SHA-1 of the
    /// concatenation of the |Sec-WebSocket-Key| (as a string, not
    /// base64-decoded) with the string "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"".
    public static func acceptValue(forKey key: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(28)
        appendAcceptValue(forKey: key, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the request asks for a WebSocket at all, so a router can
    /// serve plain GETs and hand the rest to `validate`.
    public static func isUpgradeRequest(_ head: HTTPRequestHead) -> Bool {
        head.headers.containsToken("websocket", in: "Upgrade")
    }

    /// Checks the request against section 4.2.1, in its order, and returns what the server needs.
    public static func validate(_ head: HTTPRequestHead) throws(HandshakeError) -> UpgradeRequest {
        // "An HTTP/1.1 or higher GET request".
        guard head.method == "GET" else { throw .methodNotAllowed(method: head.method) }
        guard head.version >= .http1_1 else { throw .unsupportedHTTPVersion(head.version) }
        let headers = head.headers
        // "A |Host| header field containing the server's authority."
        let host = try exactlyOne("Host", in: headers, missing: .missingHost, duplicate: .duplicateHost)
        // "An |Upgrade| header field containing the value "websocket",
        // treated as an ASCII case-insensitive value."
        guard headers.containsToken("websocket", in: "Upgrade") else { throw .missingUpgrade }
        // "A |Connection| header field that includes the token "Upgrade",
        // treated as an ASCII case-insensitive value."
        guard headers.containsToken("upgrade", in: "Connection") else { throw .missingConnectionUpgrade }
        // "A |Sec-WebSocket-Version| header field, with a value of 13."
        guard headers.count(of: "Sec-WebSocket-Version") == 1,
              headers.first("Sec-WebSocket-Version") == webSocketVersion
        else { throw .unsupportedWebSocketVersion }
        // "A |Sec-WebSocket-Key| header field with a base64-encoded value
        // that, when decoded, is 16 bytes in length."
        let key = try exactlyOne("Sec-WebSocket-Key", in: headers, missing: .missingKey, duplicate: .duplicateKey)
        guard Base64.decodedCount(key) == 16 else { throw .invalidKey }
        return UpgradeRequest(
            key: key, host: host, origin: headers.first("Origin"), path: head.path, query: head.query,
            subprotocols: headers.elements("Sec-WebSocket-Protocol"),
            extensions: ExtensionElement.elements(of: headers.values("Sec-WebSocket-Extensions")))
    }

    /// The 101 that completes the handshake (section 4.2.2), with the
    /// accepted permessage-deflate configuration in `Sec-WebSocket-Extensions`
    /// when there is one. No subprotocol is echoed: a server that names none
    /// has accepted none, and likewise for extensions.
    public static func response(for request: UpgradeRequest, deflate: DeflateParameters? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(switchingPrefix.count + 28 + 4 + (deflate == nil ? 0 : 128))
        out.append(contentsOf: switchingPrefix)
        appendAcceptValue(forKey: request.key, to: &out)
        HTTPHeadWriter.appendLineEnd(to: &out)
        if let deflate { HTTPHeadWriter.appendField("Sec-WebSocket-Extensions", deflate.element.headerValue, to: &out) }
        HTTPHeadWriter.appendLineEnd(to: &out)
        return out
    }

    /// Hashes key + GUID in a stack buffer and appends the 28 base64 bytes.
    static func appendAcceptValue(forKey key: String, to out: inout [UInt8]) {
        var digest: (UInt64, UInt64, UInt32) = (0, 0, 0)
        ASCII.withUTF8(key) { key in
            ASCII.withUTF8(magicGUID) { guid in
                withUnsafeTemporaryAllocation(byteCount: key.count + guid.count, alignment: 1) { joined in
                    joined.copyMemory(from: key)
                    UnsafeMutableRawBufferPointer(rebasing: joined[key.count...]).copyMemory(from: guid)
                    withUnsafeMutableBytes(of: &digest) { SHA1.digest(UnsafeRawBufferPointer(joined), into: $0) }
                }
            }
        }
        withUnsafeBytes(of: digest) { Base64.append(UnsafeRawBufferPointer(rebasing: $0[0..<SHA1.digestCount]), to: &out) }
    }

    private static func exactlyOne(
        _ name: String, in headers: HTTPHeaders, missing: HandshakeError, duplicate: HandshakeError
    ) throws(HandshakeError) -> String {
        switch headers.count(of: name) {
        case 0: throw missing
        case 1: return headers.first(name) ?? ""
        default: throw duplicate
        }
    }
}
