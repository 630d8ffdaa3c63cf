import ChatWire
import WSProtocol

/// A refused API request: its status and the JSON body
/// `{"error":{"code":C,"message":M}}`, with the chat protocol's codes.
struct APIError: Error, Sendable, Equatable {
    let status: HTTPStatus
    let code: ChatError.Code
    let message: String
    /// For a `405`: the method the endpoint takes (RFC 9110 15.5.6: the
    /// response "MUST generate an Allow header field").
    let allow: String?

    init(_ status: HTTPStatus, _ code: ChatError.Code, _ message: String, allow: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.allow = allow
    }

    var response: HTTPResponse {
        var writer = JSONWriter(capacity: 96 + message.utf8.count)
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.field("code", code.rawValue)
        writer.field("message", message)
        writer.endObject()
        writer.endObject()
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Cache-Control": "no-store"]
        if status == .unauthorized { headers.add(name: "WWW-Authenticate", value: "Bearer") }
        if let allow { headers.add(name: "Allow", value: allow) }
        return HTTPResponse(status: status, headers: headers, body: writer.bytes)
    }

    static let unauthorized = APIError(.unauthorized, .forbidden, "an API key is required: Authorization: Bearer KEY")
    static let unavailable = APIError(.serviceUnavailable, .unavailable, ChatState.unavailableMessage)
    static let tooLarge = APIError(.payloadTooLarge, .badRequest, "the body is over 1 MiB")
    static func notFound(_ path: String) -> APIError { APIError(.notFound, .badRequest, "no API endpoint at \(path)") }
}
