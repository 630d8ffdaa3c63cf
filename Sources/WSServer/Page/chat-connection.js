// The chat page's state, the socket, reconnecting with backoff, and requests.
// The server joins the chat-*.js files into one strict function (ChatPage.swift),
// so nothing here reaches the page's global scope.

const ROOM_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const NICK_KEY = 'chat-server.nickname';
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30000;
const ROOM_LIST_EVERY_MS = 30000;

const byId = (id) => document.getElementById(id);
const ui = {
  status: byId('status'), reconnect: byId('reconnect'), nick: byId('nick'), nickForm: byId('nick-form'),
  sideToggle: byId('side-toggle'), tabs: byId('tabs'), leave: byId('leave'), panels: byId('panels'),
  notice: byId('notice'), noticeText: byId('notice-text'), noticeClose: byId('notice-close'),
  message: byId('message'), sendForm: byId('send-form'), joinForm: byId('join-form'),
  joinRoom: byId('join-room'), refresh: byId('refresh'), roomList: byId('room-list'),
  members: byId('members'), membersTitle: byId('members-title'),
};

const chat = {
  socket: null,
  open: false,
  me: { id: null, name: null },
  rooms: new Map(),
  active: null,
  attempt: 0,
  retryTimer: 0,
  roomListTimer: 0,
  nextRef: 1,
  pending: new Map(),
  focused: false,
};

function storedNickname() {
  try {
    return localStorage.getItem(NICK_KEY) || '';
  } catch (error) {
    return '';
  }
}

function rememberNickname(name) {
  try {
    localStorage.setItem(NICK_KEY, name);
  } catch (error) {
    // Storage can be disabled; the name then lasts until the tab closes.
  }
}

function socketURL() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const name = storedNickname();
  return scheme + location.host + '/' + (name ? '?name=' + encodeURIComponent(name) : '');
}

function connect() {
  clearTimeout(chat.retryTimer);
  ui.reconnect.hidden = true;
  setStatus('connecting', chat.attempt ? 'Reconnecting…' : 'Connecting…');
  let socket;
  try {
    socket = new WebSocket(socketURL());
  } catch (error) {
    closed({ code: 1006, reason: String(error.message || error) });
    return;
  }
  chat.socket = socket;
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

// Full jitter (a uniform delay up to the capped exponential) spreads
// out the clients that a server restart disconnected all at once.
function backoffDelay() {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** chat.attempt);
  chat.attempt += 1;
  return Math.random() * ceiling;
}

function closed(event) {
  const why = event.code === 1006 ? 'no connection' : event.code + (event.reason ? ' ' + event.reason : '');
  if (chat.open) {
    for (const room of chat.rooms.values()) addLine(room, 'Disconnected: ' + why, 'warn');
    if (event.code !== 1000) showNotice('Connection closed: ' + why);
  }
  chat.socket = null;
  chat.open = false;
  chat.pending.clear();
  for (const room of chat.rooms.values()) setJoined(room, false);
  const delay = backoffDelay();
  setStatus('offline', 'Offline (' + why + '), retrying in ' + (delay / 1000).toFixed(1) + ' s');
  ui.reconnect.hidden = false;
  chat.retryTimer = setTimeout(connect, delay);
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
  const request = { type: 'join', room: room.name };
  if (room.seen) request.since = room.lastSeq;
  return send(request);
}

function requestMembers(name) {
  const room = chat.rooms.get(name);
  if (room && room.joined) send({ type: 'who', room: name });
}

// Joins and presence change member counts; one listing per burst of them
// is enough, and a steady stream of them still gets one every 300 ms.
function requestRoomList(soon) {
  if (soon) {
    if (!chat.roomListTimer) chat.roomListTimer = setTimeout(() => requestRoomList(false), 300);
    return;
  }
  clearTimeout(chat.roomListTimer);
  chat.roomListTimer = 0;
  if (isOpen()) send({ type: 'rooms' });
}
