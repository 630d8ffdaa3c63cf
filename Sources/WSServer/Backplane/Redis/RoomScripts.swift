import ChatWire

/// The Lua scripts that change a room atomically (Centrifugo's approach:
/// epoch, offset, stream append and publish in one script). Each takes the
/// room's keys in `RoomKeys.scriptKeys` order: epoch, seq, log, members,
/// this node's members. Times come from Redis (`TIME`) where needed, so
/// nodes' clocks never have to agree.
///
/// Channel messages (parsed by `ChannelMessage`): `M epoch seq\nbody`,
/// `J epoch seq count announce\nmember`, `L count\nmember`,
/// `N count\nmember`, `K epoch seq`.
enum RoomScripts {
    /// Reads the epoch, creating the room's numbering if it has none.
    private static let ensureEpoch = """
        local epoch = redis.call('GET', KEYS[1])
        if not epoch then
          epoch = ARGV[1]
          redis.call('SET', KEYS[1], epoch)
          redis.call('SET', KEYS[2], 0)
          redis.call('DEL', KEYS[3])
        end
        """

    /// A room with members never expires; an empty one keeps its numbering
    /// and history for the TTL, or is forgotten at once without messages.
    private static let keepAliveOrExpire = """
        local function keep(ttl)
          if redis.call('HLEN', KEYS[4]) > 0 then
            redis.call('PERSIST', KEYS[1]); redis.call('PERSIST', KEYS[2]); redis.call('PERSIST', KEYS[3])
          elseif tonumber(redis.call('GET', KEYS[2]) or '0') == 0 then
            redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
          else
            redis.call('EXPIRE', KEYS[1], ttl); redis.call('EXPIRE', KEYS[2], ttl); redis.call('EXPIRE', KEYS[3], ttl)
          end
        end
        """

    /// ARGV: candidate epoch, body, history size, ttl, channel.
    /// Returns {seq, epoch}.
    static let publish = RedisScript(name: "publish", source: ensureEpoch + "\n" + keepAliveOrExpire + "\n" + """
        local seq = redis.call('INCR', KEYS[2])
        redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[3], seq .. '-0', 'b', ARGV[2])
        keep(ARGV[4])
        redis.call('PUBLISH', ARGV[5], 'M ' .. epoch .. ' ' .. seq .. '\\n' .. ARGV[2])
        return {seq, epoch}
        """)

    /// ARGV: candidate epoch, member id, member JSON, since ('' for none),
    /// client's epoch ('' for none), announce ('1'/'0'), channel,
    /// history wanted ('1'/'0').
    /// Returns {epoch, seq, members, added (1/0), recovered ('', '1', '0'), id1, body1, ...}.
    static let join = RedisScript(name: "join", source: ensureEpoch + "\n" + keepAliveOrExpire + "\n" + """
        local seq = tonumber(redis.call('GET', KEYS[2]) or '0')
        local added = redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
        redis.call('SADD', KEYS[5], ARGV[2])
        local count = redis.call('HLEN', KEYS[4])
        keep(0)
        local announce = (ARGV[6] == '1' and added == 1) and '1' or '0'
        redis.call('PUBLISH', ARGV[7], 'J ' .. epoch .. ' ' .. seq .. ' ' .. count .. ' ' .. announce .. '\\n' .. ARGV[3])
        local reply = {epoch, seq, count, added, ''}
        if ARGV[8] ~= '1' then return reply end
        local entries
        if ARGV[4] ~= '' then
          local since = tonumber(ARGV[4])
          local ok = (ARGV[5] == '' or ARGV[5] == epoch) and since <= seq
          if ok and since < seq then
            local first = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', 1)
            ok = #first > 0 and tonumber(string.match(first[1][1], '^(%d+)')) <= since + 1
          end
          if ok then
            reply[5] = '1'
            entries = redis.call('XRANGE', KEYS[3], '(' .. ARGV[4] .. '-0', '+')
          else
            reply[5] = '0'
          end
        end
        entries = entries or redis.call('XRANGE', KEYS[3], '-', '+')
        for _, entry in ipairs(entries) do
          reply[#reply + 1] = string.match(entry[1], '^(%d+)')
          reply[#reply + 1] = entry[2][2]
        end
        return reply
        """)

    /// ARGV: member id, member JSON, ttl, channel. Returns 1 if it was a member.
    static let leave = RedisScript(name: "leave", source: keepAliveOrExpire + "\n" + """
        redis.call('SREM', KEYS[5], ARGV[1])
        if redis.call('HDEL', KEYS[4], ARGV[1]) == 0 then return 0 end
        local count = redis.call('HLEN', KEYS[4])
        keep(ARGV[3])
        redis.call('PUBLISH', ARGV[4], 'L ' .. (count + 1) .. '\\n' .. ARGV[2])
        return 1
        """)

    /// ARGV: member id, member JSON, channel. Returns 1 if it was a member.
    static let rename = RedisScript(name: "rename", source: """
        if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[4], ARGV[1], ARGV[2])
        redis.call('PUBLISH', ARGV[3], 'N ' .. redis.call('HLEN', KEYS[4]) .. '\\n' .. ARGV[2])
        return 1
        """)

    /// ARGV: limit. Returns {total, member JSON...}, at most `limit` members.
    static let members = RedisScript(name: "members", source: """
        local limit = tonumber(ARGV[1])
        local reply = {redis.call('HLEN', KEYS[4])}
        local cursor = '0'
        repeat
          local page = redis.call('HSCAN', KEYS[4], cursor, 'COUNT', 256)
          cursor = page[1]
          for index = 2, #page[2], 2 do
            if #reply > limit then break end
            reply[#reply + 1] = page[2][index]
          end
        until cursor == '0' or #reply > limit
        return reply
        """)

    /// ARGV: after seq, through seq. Returns {epoch or false, id1, body1, ...}.
    static let fetch = RedisScript(name: "fetch", source: """
        local reply = {redis.call('GET', KEYS[1])}
        if not reply[1] then return reply end
        for _, entry in ipairs(redis.call('XRANGE', KEYS[3], '(' .. ARGV[1] .. '-0', ARGV[2] .. '-0')) do
          reply[#reply + 1] = string.match(entry[1], '^(%d+)')
          reply[#reply + 1] = entry[2][2]
        end
        return reply
        """)

    /// ARGV: channel. Publishes where the room's log stands (after a
    /// resubscription, so the nodes' feeds can check for gaps). Returns 1
    /// if the room has a numbering.
    static let mark = RedisScript(name: "mark", source: """
        local epoch = redis.call('GET', KEYS[1])
        if not epoch then return 0 end
        redis.call('PUBLISH', ARGV[1], 'K ' .. epoch .. ' ' .. (redis.call('GET', KEYS[2]) or '0'))
        return 1
        """)

    /// Takes one member out of the room and announces it gone to the
    /// room's channel (ARGV[2]); returns 1 if it was a member.
    private static let removeMember = """
        local function remove(id)
          local member = redis.call('HGET', KEYS[4], id)
          if not member then return 0 end
          redis.call('HDEL', KEYS[4], id)
          redis.call('PUBLISH', ARGV[2], 'L ' .. (redis.call('HLEN', KEYS[4]) + 1) .. '\\n' .. member)
          return 1
        end
        """

    /// Announces a dead node's members of the room gone. KEYS[5] is the
    /// dead node's set. ARGV: ttl, channel. Returns how many were removed.
    static let evict = RedisScript(name: "evict", source: keepAliveOrExpire + "\n" + removeMember + "\n" + """
        local removed = 0
        for _, id in ipairs(redis.call('SMEMBERS', KEYS[5])) do removed = removed + remove(id) end
        redis.call('DEL', KEYS[5])
        keep(ARGV[1])
        return removed
        """)

    /// Removes this node's members of the room that are not in ARGV (after
    /// a reconnect, the node says who it really has). ARGV: ttl, channel,
    /// then the member ids it has. Returns how many were removed.
    static let prune = RedisScript(name: "prune", source: keepAliveOrExpire + "\n" + removeMember + "\n" + """
        local current = {}
        for index = 3, #ARGV do current[ARGV[index]] = true end
        local removed = 0
        for _, id in ipairs(redis.call('SMEMBERS', KEYS[5])) do
          if not current[id] then
            redis.call('SREM', KEYS[5], id)
            removed = removed + remove(id)
          end
        end
        keep(ARGV[1])
        return removed
        """)

    /// ARGV: since, limit. Returns {epoch or false, seq, id1, body1, ...}:
    /// at most `limit` messages after `since`, oldest first.
    static let history = RedisScript(name: "history", source: """
        local reply = {redis.call('GET', KEYS[1]), tonumber(redis.call('GET', KEYS[2]) or '0')}
        if not reply[1] then return reply end
        for _, entry in ipairs(redis.call('XRANGE', KEYS[3], '(' .. ARGV[1] .. '-0', '+', 'COUNT', ARGV[2])) do
          reply[#reply + 1] = string.match(entry[1], '^(%d+)')
          reply[#reply + 1] = entry[2][2]
        end
        return reply
        """)

    static let all = [publish, join, leave, rename, members, fetch, mark, evict, prune, history]
}
