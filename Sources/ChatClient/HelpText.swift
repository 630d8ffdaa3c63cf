/// What `ws-client --help` prints.
enum HelpText {
    static let usage = """
    ws-client: chat from a terminal with chat-server, or talk to any WebSocket server

    Usage: ws-client [options] [URL]        URL defaults to \(ClientOptions.defaultURL)

    On a terminal (interactive mode): a chat prompt with line editing and
    history. Lines are messages to the room in the prompt; /help lists the
    commands (/join, /leave, /switch, /nick, /rooms, /who, /broadcast, /quit).
    Keys: Left/Right, Home/End (Ctrl-A/E), Backspace/Delete, Up/Down for the
    history, Ctrl-U/K/W to erase, Ctrl-C or Ctrl-D (empty line) to quit.
    If the connection drops (anything but a 1000 or 1008 close), it
    reconnects (0.5 s backoff doubling to 30 s, jittered), rejoins every
    room and shows what was missed meanwhile, or says what could not be.

    With stdin not a terminal, or --json (pipe mode), for scripts and any
    WebSocket server (ws://HOST:PORT/echo included):
      - each stdin line (without its \\n) is sent as one text frame, as is
        (a line that is not UTF-8 cannot be one: it is skipped, with a warning);
      - each message received is printed as one line: text as is, binary as
        "[binary base64] " followed by its base64;
      - at the end of stdin it closes (1000) and keeps printing until the
        server's close frame.
      Exit status: 0 after a clean close, 1 when the connection fails or the
      server closes with another code than 1000, 2 on usage errors.

    Options:
      --room ROOM   join ROOM on connect; repeatable (interactive default: lobby;
                    in pipe mode added to the URL as room=ROOM)
      --name NAME   nickname (sent as name=NAME in the URL)
      --no-color    plain text output (also when NO_COLOR is set or TERM=dumb)
      --json        pipe mode even on a terminal: type raw frames, see raw frames
      -h, --help    this text
    """
}
