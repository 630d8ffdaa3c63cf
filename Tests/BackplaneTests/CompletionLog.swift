import RESP
@testable import WSServer

/// Counts how often each completion ran, to check "exactly once".
final class CompletionLog {
    private(set) var results: [Int: [Result<RESPValue, RedisError>]] = [:]

    func completion(_ index: Int) -> RedisConnection.Completion {
        { [self] result in results[index, default: []].append(result) }
    }

    var calledOnce: Bool { results.values.allSatisfy { $0.count == 1 } }
    var completedCount: Int { results.count }

    func result(_ index: Int) -> Result<RESPValue, RedisError>? { results[index]?.first }

    var failures: [RedisError] {
        results.values.compactMap { results in
            guard case .failure(let error) = results.first else { return nil }
            return error
        }
    }
}
