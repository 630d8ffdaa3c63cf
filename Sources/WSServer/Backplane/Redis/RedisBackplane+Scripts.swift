import RESP

/// Running the Lua scripts: EVALSHA, and EVAL (which loads the script) when
/// Redis answers NOSCRIPT, e.g. after `SCRIPT FLUSH`.
extension RedisBackplane {
    typealias Completion = (Result<RESPValue, RedisError>) -> Void

    /// Runs `script` on the command connection; without one, fails at once
    /// (the failure says Redis is unreachable).
    func run(_ script: RedisScript, keys: [String], arguments: [RESPArgument], completion: @escaping Completion) {
        guard command.isReady, let connection = command.connection else {
            return completion(.failure(.closedByServer))
        }
        let tail: [RESPArgument] = [.integer(Int64(keys.count))] + keys.map { .string($0) } + arguments
        connection.send(RESPCommand("EVALSHA", arguments: [.string(script.sha)] + tail)) { [unowned self] result in
            guard case .failure(let error) = result, error.serverErrorCode == "NOSCRIPT",
                  let connection = command.connection
            else { return completion(result) }
            connection.send(RESPCommand("EVAL", arguments: [.string(script.source)] + tail), completion: completion)
        }
    }

    /// Sends a plain command on the command connection (fails at once without one).
    func send(_ command: RESPCommand, completion: @escaping Completion = { _ in }) {
        guard self.command.isReady, let connection = self.command.connection else {
            return completion(.failure(.closedByServer))
        }
        connection.send(command, completion: completion)
    }
}

extension RESPValue {
    /// An integer reply, or a bulk string holding one (Lua numbers come back
    /// as integers, strings as bulk strings).
    var number: Int64? {
        if let integer { return integer }
        return text.flatMap { Int64($0) }
    }
}
