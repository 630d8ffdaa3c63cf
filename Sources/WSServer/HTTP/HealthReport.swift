import WSProtocol

/// The `/health` body: `{"status":"healthy","connections":N,"rooms":M,"uptime_s":T}`.
struct HealthReport {
    let metrics: ServerMetrics

    var json: String {
        let connections = metrics.openConnections.load(ordering: .relaxed)
        let rooms = metrics.rooms.load(ordering: .relaxed)
        return #"{"status":"healthy","connections":\#(connections),"rooms":\#(rooms),"uptime_s":\#(ProcessInfo.uptimeSeconds)}"#
    }

    var response: HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
                     body: Array(json.utf8))
    }
}
