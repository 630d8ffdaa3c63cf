/// What `ws-client --help` prints.
enum HelpText {
    static let usage = """
    ws-client: chat from a terminal with chat-server, or talk to any WebSocket server

    Usage: ws-client [options] [URL]        URL defaults to \(ClientOptions.defaultURL)
                                            (ws://HOST[:PORT][/PATH], or wss:// for TLS)

    On a terminal (interactive mode): a chat prompt with line editing and
    history. Lines are messages to the room in the prompt; /help lists the
    commands (/join, /leave, /switch, /nick, /rooms, /who, /broadcast, /quit).
    Keys: Left/Right, Home/End (Ctrl-A/E), Backspace/Delete, Up/Down for the
    history, Ctrl-U/K/W to erase, Ctrl-C or Ctrl-D (empty line) to quit.
    If the connection drops, it reconnects (0.5 s backoff doubling to 30 s,
    jittered), rejoins every room where it stopped (since + epoch) and shows
    what was missed meanwhile, or says plainly what could not be recovered.
    It does not reconnect after /quit, a 1000 close, a 1008 close for rate
    limit, origin, expired token or operator disconnect (a 1008 slow
    consumer is retried), or a refused token (401); it says which.
    Names marked ✓ are users the server verified by token; others are guests.
    Both modes offer permessage-deflate; messages compress when the server
    accepts (256 bytes or more).

    With stdin not a terminal, or --json (pipe mode), for scripts and any
    WebSocket server (ws://HOST:PORT/echo included):
      - each stdin line (without its \\n) is sent as one text frame, as is
        (a line that is not UTF-8 cannot be one: it is skipped, with a warning);
      - each message received is printed as one line: text as is, binary as
        "[binary base64] " followed by its base64 (when stdout is a terminal,
        control, escape and bidi characters are neutralised);
      - at the end of stdin it closes (1000) and keeps printing until the
        server's close frame.
      Exit status: 0 after a clean close, 1 when the connection fails or the
      server closes with another code than 1000, 2 on usage errors.

    Options:
      --room ROOM   join ROOM on connect; repeatable (interactive default: lobby;
                    in pipe mode added to the URL as room=ROOM)
      --name NAME   nickname (sent as name=NAME in the URL)
      --token T     bearer token, sent as "Authorization: Bearer T" in the
                    upgrade request, never in the URL and never printed
                    (also CHAT_TOKEN, which other users cannot see in ps;
                    a token=T in the URL moves to the header too)
      --ca-file F   wss://: trust the CA certificates in PEM file F instead of
                    the system's (the certificate must still name the host)
      --insecure    wss://: accept any certificate, unchecked (a loud warning
                    says so: anyone on the path could read and change the chat)
      --no-color    plain text output (also when NO_COLOR is set or TERM=dumb)
      --json        pipe mode even on a terminal: type raw frames, see raw frames
      -h, --help    this text
    """
}
