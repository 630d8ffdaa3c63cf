/// What one call of a head parser found.
public enum HTTPHeadParseResult<Head: Sendable>: Sendable {
    /// The head is not complete; everything offered has been taken.
    case needMoreData
    /// The head ended within this chunk after `consumed` of its bytes; the
    /// rest of the chunk (a first WebSocket frame, say) is the caller's.
    case complete(Head, consumed: Int)
}

extension HTTPHeadParseResult: Equatable where Head: Equatable {}
