/// `ws-bench --help`: every flag and every figure of the report.
enum HelpText {
    static let usage = """
    ws-bench: WebSocket load generator for chat-server (or any server that speaks its protocol)

    Usage: ws-bench SCENARIO [options]        SCENARIO = fanout | rooms | echo | connect

    Scenarios:
      fanout   N clients join one room; the first S send; every message goes to all N
      rooms    N clients spread over K rooms (client i joins <room>-<i mod K>); every client sends
      echo     M connections to /echo, each keeps --window messages in flight
      connect  open C connections (at most P handshakes at once), then hold them idle --hold s

    Common options:
      --host H            server name or address (default 127.0.0.1). Measure your own deployment;
                          never point it at a server you do not run.
      --port P[,P2...]    server port (default 8765, chat-server's default; wsload's is 8080);
                          several (at most 64): connection i goes to the (i mod count)-th, to load
                          server nodes that share rooms; the report counts connections per port
      --path PATH         request path (default /, echo: /echo)
      -n, --clients N     connections (fanout/rooms 1000, echo 64, connect 10000)
          --connections N same as --clients
      --duration S        measured seconds (default 10); connect: the longest the connect phase may last
      --warmup S          seconds of traffic before the window, not counted (default 2)
      --drain S           after the window, the longest wait for deliveries still under way;
                          ends early once all have arrived (default 2)
      --concurrency P     most handshakes in flight at once (default 256)
      --setup-timeout S   longest time to connect and join everybody (default 30)
      --close-wait S      longest time for the closing handshakes at the end (default 1)
      --deflate           offer permessage-deflate (RFC 7692) and inflate what the server sends
                          compressed; messages go out uncompressed (see the deflate line).
                          A delivery whose compressed bytes equal a recent one's reuses its
                          text: the server compresses a room message once for all members,
                          and real clients inflate on their own CPUs, not on ws-bench's
      --inflate-each      with --deflate: inflate every delivery, identical ones too
      --tls               wss://: a TLS session on every connection, its handshake inside the
                          handshake time; the server's certificate must chain to a system CA
                          and name --host
      --ca-file FILE      with --tls: trust the CA certificates in FILE (PEM) instead of the system's
      --insecure          with --tls: accept any certificate for any name (self-signed test
                          servers); says so loudly on stderr
      --json              print one JSON object with every figure as the last line of output
                          (wsload's key names: deliveries_per_s, round_trips_per_s, latency_us, ...)
      -h, --help          show this help

    Traffic options:
      --rate R|max        fanout/echo: total msgs/s; rooms: msgs/s per client (default: rooms 1,
                          fanout and echo max). max = closed loop: each sender keeps --window
                          messages that have not come back to it in flight
      --window W          messages in flight per sender with --rate max (default 16)
      --size B            text length in bytes, latency marker (~30 bytes) included (default 64)
      --payload KIND      what follows the marker: letters (a-z, default) or json (JSON-like records:
                          ids, names, tags, sentences; inside a request escaped, and --size counts
                          the escapes); e.g. --payload json --size 1024 for 1 KiB JSON messages
      --senders S         fanout: the first S members send (default 1)
      --rooms K           rooms: number of rooms (default 100)
      --room NAME         fanout: the room's name; rooms: prefix of the room names (default bench);
                          room names are 1-64 characters of A-Z a-z 0-9 _ . -
      --stall-timeout S   with --rate max, a sender none of whose messages came back for S s
                          gets a fresh window and a stall is counted (default 5)

    Connect options:
      --hold S            seconds to keep the connections open and idle, pings answered (default 5)
      --join ROOM         join ROOM after each handshake

    Protocol: {"type":"join","room":R} and wait for "type":"joined"; then
    {"type":"message","room":R,"text":TEXT}, delivered to every member, sender included.
    TEXT starts with a marker @T<sender>:<seq>:<monotonic ns>@ padded to --size (--payload);
    every message received is scanned for markers. Echo sends TEXT as the whole payload.

    Phases: setup (connect, join) -> warmup -> window -> drain -> close; connect: setup -> hold -> close.

    Figures:
      setup           handshakes that got a valid 101, connections ready (joined where the
                      scenario joins), failures by cause: refused, addrnotavail, emfile,
                      timeout, reset, eof, handshake, protocol, other
      window          the warmup left out, the window measured, how long the drain took
      sent            messages whose send time fell in the window
      expected        for each of them, the members of its room when it was sent (echo: 1)
      received        deliveries of those messages, including any during the drain
      completeness    received / expected
      deliveries/s    deliveries that arrived inside the window, whenever sent, per second of
                      window (echo: round trips/s): the throughput actually seen
      latency         arrival time minus the send time in the marker, for messages sent in the
                      window: p50 p90 p99 p99.9 max (log-linear histogram, < 1% error)
      pacing          paced modes: how late sends went compared with the schedule
      handshakes/s    handshakes completed between the first connect and the last 101
      open/joined     connect: connections still open (and joined) at the end of the hold
      received line   all messages read, those without a marker (welcome, presence, ...), bytes
      deflate line    --deflate: connections whose server accepted it, messages that came
                      compressed, how many of those went through zlib, and the message
                      payloads' bytes inflated and as they were on the wire (JSON:
                      deflate_connections, compressed_msgs_rx, inflated_msgs_rx, msg_bytes_rx,
                      msg_wire_bytes_rx, the last two equal without compression)
      errors line     disconnects (connections lost after they were ready), stalls, markers
                      from unknown senders (foreign) or with impossible times (bad)
      generator       busy = share of the window spent outside epoll_wait; cpu = getrusage;
                      waited for a CPU = run-queue time. Busy > 90% means the figures may be
                      bound by ws-bench rather than the server: pin the server and ws-bench
                      to different cores (taskset) and compare.

    Exit status: 0 ok, 1 nothing measured, 2 usage or setup error,
                 3 some connections failed or were lost (the figures are still printed).
    """
}
