import WSProtocol

/// The HTTP API on a connection: read the body a POST announced (within the
/// handshake deadline), hand the call to the registry, and send the answer
/// it delivers back (`Delivery.Action.respond`), then close.
extension Connection {
    func callAPI(_ route: APIRoute, leftover: UnsafeMutableRawBufferPointer) {
        switch route {
        case .refused(let error):
            respond(error.response, headOnly: false)
        case .request(let request):
            loop.submit(.api(id, request))
        case .body(let kind, let length):
            apiBody = APIBody(kind: kind, expected: length)
            consumeBody(leftover)
        }
    }

    func consumeBody(_ bytes: UnsafeMutableRawBufferPointer) {
        guard var body = apiBody, !body.isSubmitted else { return }
        body.take(UnsafeRawBufferPointer(bytes))
        body.isSubmitted = body.isComplete
        apiBody = body
        guard body.isComplete else { return }
        do {
            loop.submit(.api(id, try APIRequest(body: body.bytes, kind: body.kind)))
        } catch {
            respond(error.response, headOnly: false)
        }
    }

    /// The registry's answer to this connection's API call.
    func answerAPI(_ response: HTTPResponse) {
        guard phase == .http else { return }
        respond(response, headOnly: false)
    }
}
