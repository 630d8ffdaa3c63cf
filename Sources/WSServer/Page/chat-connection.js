// The page's state, the socket, reconnecting (with backoff after a drop,
// never by itself after a refusal), and requests.

const byId = (id) => document.getElementById(id);
const ui = {
  status: byId('status'), reconnect: byId('reconnect'), nick: byId('nick'), nickForm: byId('nick-form'),
  nickSet: byId('nick-set'), sideToggle: byId('side-toggle'), tabs: byId('tabs'),
  leave: byId('leave'), panels: byId('panels'), notice: byId('notice'), noticeText: byId('notice-text'),
  noticeClose: byId('notice-close'), message: byId('message'), sendForm: byId('send-form'),
  joinForm: byId('join-form'), joinRoom: byId('join-room'), refresh: byId('refresh'),
  roomsTitle: byId('rooms-title'), roomList: byId('room-list'), members: byId('members'),
  membersTitle: byId('members-title'),
};

const chat = {
  socket: null,
  // The current socket reached `open` (a close before that is a refused upgrade or no server).
  opened: false,
  // `welcome` arrived: requests may be sent.
  open: false,
  // A refusal stopped reconnecting until the user asks.
  halted: false,
  token: null,
  me: { id: null, name: null, user: null },
  rooms: new Map(),
  active: null,
  attempt: 0,
  retryTimer: 0,
  roomList: null,
  roomListAskedAt: null,
  nextRef: 1,
  pending: new Map(),
  focused: false,
};

function connect() {
  clearTimeout(chat.retryTimer);
  chat.halted = false;
  ui.reconnect.hidden = true;
  setStatus('connecting', chat.attempt ? 'Reconnecting…' : 'Connecting…');
  let socket;
  try {
    socket = new WebSocket(socketAddress(location, chat.token, storedNickname()));
  } catch (error) {
    dropped({ code: 1006, reason: String(error.message || error) });
    return;
  }
  chat.socket = socket;
  chat.opened = false;
  socket.onopen = () => {
    if (socket === chat.socket) chat.opened = true;
  };
  socket.onmessage = (event) => {
    if (socket === chat.socket) receive(event.data);
  };
  socket.onclose = (event) => {
    if (socket === chat.socket) closed(event);
  };
}

function isOpen() {
  return chat.open && chat.socket !== null && chat.socket.readyState === WebSocket.OPEN;
}

// A socket that closed before it opened while carrying a token is most
// likely a refused token (401 before the upgrade, which scripts cannot
// read), unless the server is not there at all: ask its /health to tell.
function closed(event) {
  if (chat.opened || !chat.token) {
    dropped(event);
    return;
  }
  const attempt = chat.socket;
  fetch('/health', { cache: 'no-store' }).then(
    () => attempt === chat.socket && tokenRefused(),
    () => attempt === chat.socket && dropped(event));
}

function dropped(event) {
  const verdict = closeVerdict(event.code, event.reason);
  if (chat.open) {
    for (const room of chat.rooms.values()) addLine(room, 'Disconnected: ' + verdict.why, 'warn');
    if (event.code !== 1000) showNotice('Connection closed: ' + verdict.why);
  }
  disconnected();
  if (verdict.forgetToken) forgetToken();
  if (!verdict.retry) {
    halt('Disconnected: ' + verdict.why + '. Press "Reconnect now" to try again.');
    return;
  }
  const delay = backoffDelay(chat.attempt, Math.random());
  chat.attempt += 1;
  setStatus('offline', 'Offline (' + verdict.why + '), retrying in ' + (delay / 1000).toFixed(1) + ' s');
  ui.reconnect.hidden = false;
  chat.retryTimer = setTimeout(connect, delay);
}

function tokenRefused() {
  disconnected();
  forgetToken();
  halt('The sign-in token was refused or has expired. Open the page with a new one, '
    + 'or press "Reconnect now" to continue as a guest.');
}

function disconnected() {
  chat.socket = null;
  chat.open = false;
  chat.pending.clear();
  for (const room of chat.rooms.values()) setJoined(room, false);
}

// Stays offline until the user presses "Reconnect now".
function halt(why) {
  chat.halted = true;
  setStatus('offline', 'Offline: not reconnecting by itself');
  showNotice(why);
  ui.reconnect.hidden = false;
}

function notConnected() {
  showNotice('Not connected yet; try again when the status says connected.');
  return false;
}

function send(request) {
  if (!isOpen()) return notConnected();
  request.ref = chat.nextRef++;
  chat.pending.set(request.ref, request);
  chat.socket.send(JSON.stringify(request));
  return true;
}

function requestJoin(room) {
  return send(joinRequest(room));
}

function requestMembers(name) {
  const room = chat.rooms.get(name);
  if (room && room.joined) send({ type: 'who', room: name });
}

// The user asked (Refresh, /rooms, opening the panel on a phone).
function requestRoomList() {
  if (!send({ type: 'rooms' })) return false;
  chat.roomListAskedAt = Date.now();
  return true;
}

// The page's own asking: on connect, every ROOM_LIST_EVERY_MS and when the
// tab comes back into view, but only when due (chat-logic.js). Between
// listings, joins and presence update the counts shown (patchRoomList).
function refreshRoomListIfDue() {
  const onScreen = !document.hidden && ui.roomList.getClientRects().length > 0;
  if (isOpen() && roomListDue(Date.now(), chat.roomListAskedAt, onScreen)) requestRoomList();
}
