// The page's decisions that need neither the DOM nor the socket: plain
// functions of their arguments, which the tests also run in node
// (Tests/BrowserTests/ChatLogicTests.swift).
// The server joins the chat-*.js files, this one first, into one strict
// function (ChatPage.swift), so nothing reaches the page's global scope.

const ROOM_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30000;
// The page asks for the room list on its own at most this often, and only
// while the list is on screen; the user's Refresh asks at once.
const ROOM_LIST_EVERY_MS = 30000;

// Error codes that mean the message reached nobody, so sending it again is safe.
const NOT_DELIVERED = new Set(['unavailable', 'rate_limited']);

// 1008 close reasons the server gives, in the user's words.
const POLICY_REASONS = new Map([
  ['token expired', 'your sign-in token expired'],
  ['disconnected by server', 'the server disconnected you'],
  ['origin not allowed', 'this page\'s origin is not allowed to connect'],
  ['rate limit exceeded', 'too many messages too fast (rate limit exceeded)'],
  ['slow consumer', 'messages arrived faster than this page took them (slow consumer)'],
]);

// A fragment like `#token=T&x=1` gives the token and the fragment without
// it, which is what the address bar keeps.
function splitToken(hash) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  const token = params.get('token') || null;
  params.delete('token');
  const rest = params.toString();
  return { token: token, hash: rest ? '#' + rest : '' };
}

// The chat socket's address: the page's own host. With a token the server
// takes the name from it, so no nickname is sent.
function socketAddress(location, token, nickname) {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  let query = '';
  if (token) query = '?token=' + encodeURIComponent(token);
  else if (nickname) query = '?name=' + encodeURIComponent(nickname);
  return scheme + location.host + '/' + query;
}

// Full jitter (a uniform delay up to the capped exponential, `random` in
// [0, 1)) spreads out the clients that a server restart dropped at once.
function backoffDelay(attempt, random) {
  return random * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

// A room the page has seen is rejoined from where it left off: `since` its
// last seq, in the numbering named by `epoch` (which a v1 server never gives).
function joinRequest(room) {
  const request = { type: 'join', room: room.name };
  if (room.seen) {
    request.since = room.lastSeq;
    if (room.epoch) request.epoch = room.epoch;
  }
  return request;
}

// What a `joined` answering a join with `since` (undefined: none) means:
// fresh (no resume asked), recovered (`lost` messages missing before the
// replay), reset (v2: not fully recovered, the history is all the room
// still has) or forgotten (v1: the room's seq is below `since`, so the
// server forgot the room and its history). After `since` 0 there is no
// view to reset: a v2 server forgets an empty room that never had a
// message, so it comes back in a new epoch with `recovered: false`, and
// only what its history lacks from seq 1 on is lost.
function resumeOutcome(since, joined) {
  if (since === undefined) return { kind: 'fresh' };
  if (joined.recovered === true) return { kind: 'recovered', lost: 0 };
  if (joined.recovered === false && since > 0) return { kind: 'reset' };
  if (!(joined.seq >= since)) return { kind: 'forgotten' };
  const history = Array.isArray(joined.history) ? joined.history : [];
  const first = history.length ? Number(history[0].seq) : joined.seq + 1;
  return { kind: 'recovered', lost: Math.max(0, first - since - 1) };
}

// "12", or "1000 of 1234" for a listing the server cut short.
function countLabel(shown, listing) {
  const total = Number(listing.total);
  const cut = listing.truncated === true && Number.isFinite(total) && total > shown;
  return cut ? shown + ' of ' + total : String(shown);
}

// Whether to ask for the room list without being asked: only while it is on
// screen and the last one asked is older than ROOM_LIST_EVERY_MS (null: never).
function roomListDue(now, lastAskedAt, onScreen) {
  return onScreen && (lastAskedAt === null || now - lastAskedAt >= ROOM_LIST_EVERY_MS);
}

// The room list after a member count the page learned itself (a join, a
// presence): the entry updated, dropped at 0, or added while the list is
// complete; the server's order is kept.
function patchedRooms(listing, room, members) {
  const rooms = listing.rooms.filter((entry) => entry.room !== room || members > 0)
    .map((entry) => (entry.room === room ? { room: room, members: members } : entry));
  const known = listing.rooms.some((entry) => entry.room === room);
  if (!known && members > 0 && listing.truncated !== true) rooms.push({ room: room, members: members });
  return Object.assign({}, listing, { rooms: rooms });
}

// What a close means for the user: why, in words, whether to reconnect by
// itself, and whether the token is spent. A 1008 is a refusal: trying again
// at once would only be refused again.
function closeVerdict(code, reason) {
  if (code === 1008) {
    const why = POLICY_REASONS.get(reason) || reason || 'refused by the server\'s policy';
    return { why: why, retry: false, forgetToken: reason === 'token expired' };
  }
  const why = code === 1006 ? 'no connection' : code + (reason ? ' ' + reason : '');
  return { why: why, retry: true, forgetToken: false };
}

// The text to put back in the message box when the server says a message
// or broadcast was not delivered; null for anything else.
function unsentText(request, code) {
  if (!request || !NOT_DELIVERED.has(code)) return null;
  if (request.type === 'broadcast') return '/all ' + request.text;
  if (request.type !== 'message') return null;
  return request.text.startsWith('/') ? '/' + request.text : request.text;
}
