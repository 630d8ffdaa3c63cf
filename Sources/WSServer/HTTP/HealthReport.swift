import ChatWire
import WSProtocol

/// The `/health` body: `{"status":"healthy","connections":N,"rooms":M,"uptime_s":T}`,
/// or with a backplane that cannot be reached, `503` and
/// `{"status":"degraded","backplane":"why",...}` (a load balancer takes the
/// node out; its clients stay connected and are told `unavailable`).
struct HealthReport {
    let metrics: ServerMetrics

    var problem: String? { metrics.backplane?.problem }

    var json: String {
        let connections = metrics.openConnections.load(ordering: .relaxed)
        let rooms = metrics.backplane?.roomCount ?? metrics.rooms.load(ordering: .relaxed)
        var writer = JSONWriter(capacity: 160)
        writer.beginObject()
        writer.field("status", problem == nil ? "healthy" : "degraded")
        writer.field("backplane", optional: problem)
        writer.field("connections", connections)
        writer.field("rooms", rooms)
        writer.field("uptime_s", ProcessInfo.uptimeSeconds)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    var response: HTTPResponse {
        HTTPResponse(
            status: problem == nil ? .ok : .serviceUnavailable,
            headers: ["Content-Type": "application/json", "Cache-Control": "no-store"], body: Array(json.utf8))
    }
}
