/// The client's side of the opening handshake (RFC 6455 section 4.1): the
/// request to send and the checks on the server's answer.
public struct ClientHandshake: Sendable {
    public let host: String
    public let port: Int
    /// The request-target: path and query, already percent-encoded.
    public let path: String
    public let origin: String?
    /// Written after the handshake's own fields (`Sec-WebSocket-Protocol` offers, tokens, ...).
    public let extraHeaders: HTTPHeaders
    /// The permessage-deflate offer sent in `Sec-WebSocket-Extensions`, if any.
    public let deflateOffer: DeflateOffer?
    /// `Sec-WebSocket-Key`: "a nonce consisting of a randomly selected
    /// 16-byte value that has been base64-encoded", chosen anew per connection.
    public let key: String
    /// The `Sec-WebSocket-Accept` a server that read `key` must send.
    public let expectedAccept: String

    public init(
        host: String, port: Int = 80, path: String = "/", origin: String? = nil,
        extraHeaders: HTTPHeaders = [:], deflateOffer: DeflateOffer? = nil,
        key: String = Base64.encode(SecureRandom.bytes(16))
    ) {
        self.host = host
        self.port = port
        self.path = path.isEmpty ? "/" : path
        self.origin = origin
        self.extraHeaders = extraHeaders
        self.deflateOffer = deflateOffer
        self.key = key
        expectedAccept = ServerHandshake.acceptValue(forKey: key)
    }

    /// `Host`: an IPv6 literal in brackets, the port only when it is not
    /// ws's default 80 (RFC 6455 section 4.1, RFC 9110 section 7.2).
    public var hostField: String {
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    /// The whole request head, ending with the empty line.
    public var requestBytes: [UInt8] {
        var out: [UInt8] = []
        let extraCount = extraHeaders.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        out.reserveCapacity(192 + path.utf8.count + extraCount)
        out.append(contentsOf: "GET ".utf8)
        HTTPHeadWriter.appendText(path, to: &out)
        out.append(contentsOf: " HTTP/1.1\r\n".utf8)
        HTTPHeadWriter.appendField("Host", hostField, to: &out)
        out.append(contentsOf: "Upgrade: websocket\r\nConnection: Upgrade\r\n".utf8)
        HTTPHeadWriter.appendField("Sec-WebSocket-Key", key, to: &out)
        out.append(contentsOf: "Sec-WebSocket-Version: 13\r\n".utf8)
        if let origin { HTTPHeadWriter.appendField("Origin", origin, to: &out) }
        if let deflateOffer { HTTPHeadWriter.appendField("Sec-WebSocket-Extensions", deflateOffer.element.headerValue, to: &out) }
        for field in extraHeaders { HTTPHeadWriter.appendField(field.name, field.value, to: &out) }
        HTTPHeadWriter.appendLineEnd(to: &out)
        return out
    }

    /// The checks of section 4.1 on the server's response; each failure is
    /// one where "the client MUST _Fail the WebSocket Connection_". Returns
    /// the permessage-deflate configuration the server accepted, if any.
    @discardableResult
    public func validate(_ response: HTTPResponseHead) throws(ClientHandshakeError) -> DeflateParameters? {
        let headers = response.headers
        guard response.status.code == 101 else { throw .unexpectedStatus(response.status) }
        // "If the response lacks an |Upgrade| header field or the |Upgrade|
        // header field contains a value that is not an ASCII case-insensitive
        // match for the value "websocket"".
        guard headers.count(of: "Upgrade") == 1, let upgrade = headers.first("Upgrade"),
              ASCII.equalsIgnoringCase(upgrade, "websocket")
        else { throw .missingUpgrade(received: headers.first("Upgrade")) }
        // "... doesn't contain a token that is an ASCII case-insensitive match for the value "Upgrade"".
        guard headers.containsToken("upgrade", in: "Connection") else {
            throw .missingConnectionUpgrade(received: headers.first("Connection"))
        }
        try checkAccept(headers)
        try checkSubprotocol(headers)
        return try checkExtensions(headers)
    }

    /// "If the response lacks a |Sec-WebSocket-Accept| header field or the
    /// |Sec-WebSocket-Accept| contains a value other than the base64-encoded
    /// SHA-1 of the concatenation of the |Sec-WebSocket-Key| ... with the string
    /// "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"".
    private func checkAccept(_ headers: HTTPHeaders) throws(ClientHandshakeError) {
        let values = headers.values("Sec-WebSocket-Accept")
        guard let received = values.first else { throw .missingAccept }
        guard values.count == 1, received == expectedAccept else {
            throw .wrongAccept(expected: expectedAccept, received: values.joined(separator: ", "))
        }
    }

    /// "If the response includes a |Sec-WebSocket-Extensions| header field
    /// and this header field indicates the use of an extension that was not
    /// present in the client's handshake". The one extension this client
    /// implements is permessage-deflate, answered once to `deflateOffer`; any
    /// other fails, even one offered in `extraHeaders`: its frames could not be read.
    private func checkExtensions(_ headers: HTTPHeaders) throws(ClientHandshakeError) -> DeflateParameters? {
        let extensions = ExtensionElement.elements(of: headers.values("Sec-WebSocket-Extensions"))
        guard let answer = extensions.first else { return nil }
        guard let deflateOffer, extensions.count == 1, let element = ExtensionElement(parsing: answer),
              element.name == DeflateParameters.extensionName
        else { throw .unexpectedExtensions(extensions.joined(separator: ", ")) }
        guard let parameters = DeflateParameters(answer: element, to: deflateOffer) else {
            throw .unacceptableDeflateAnswer(answer)
        }
        return parameters
    }

    /// "... the use of a subprotocol that was not present in the client's handshake".
    private func checkSubprotocol(_ headers: HTTPHeaders) throws(ClientHandshakeError) {
        let chosen = headers.elements("Sec-WebSocket-Protocol")
        if chosen.isEmpty { return }
        guard chosen.count == 1, extraHeaders.elements("Sec-WebSocket-Protocol").contains(chosen[0]) else {
            throw .unexpectedSubprotocol(chosen.joined(separator: ", "))
        }
    }
}
