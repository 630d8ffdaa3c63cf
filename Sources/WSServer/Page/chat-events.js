// Handlers for the server's events, including the `since` resume after a reconnect.

const handlers = new Map([
  ['welcome', onWelcome], ['joined', onJoined], ['left', onLeft], ['presence', onPresence],
  ['message', onMessage], ['broadcast', onBroadcast], ['rooms', onRooms], ['who', onWho],
  ['nick', onNick], ['ack', () => {}], ['error', onError],
]);

function receive(data) {
  let event;
  try {
    event = JSON.parse(data);
  } catch (error) {
    return;
  }
  if (event === null || typeof event !== 'object') return;
  const request = event.ref === undefined ? undefined : chat.pending.get(event.ref);
  if (request) chat.pending.delete(event.ref);
  const handler = handlers.get(event.type);
  if (handler) handler(event, request);
}

function onWelcome(event) {
  chat.open = true;
  chat.attempt = 0;
  chat.me = { id: event.id, name: event.name };
  hideNotice();
  setStatus('connected', 'Connected as ' + event.name);
  if (storedNickname()) {
    if (document.activeElement !== ui.nick) ui.nick.value = event.name;
  } else {
    addLine(activeRoom(), 'You are ' + event.name + '. Choose a nickname above; this browser will remember it.');
  }
  rejoinRooms();
  requestRoomList(false);
  if (!chat.focused || document.activeElement === document.body) ui.message.focus();
  chat.focused = true;
}

// The active room is joined last, so it is the server's current room too.
function rejoinRooms() {
  const rooms = [...chat.rooms.values()];
  rooms.sort((a, b) => (a.name === chat.active) - (b.name === chat.active));
  for (const room of rooms) requestJoin(room);
}

function onJoined(event, request) {
  const room = ensureRoom(event.room);
  const since = request && request.type === 'join' ? request.since : undefined;
  setJoined(room, true);
  room.memberCount = event.members;
  if (since !== undefined && event.seq < since) {
    restartRoom(room, since);
    return;
  }
  room.resyncing = false;
  const history = Array.isArray(event.history) ? event.history : [];
  reportLoss(room, since, history, event.seq);
  for (const message of history) showMessage(room, message, false);
  room.lastSeq = Math.max(room.lastSeq, event.seq);
  room.seen = true;
  if (room.name === chat.active) requestMembers(room.name);
  requestRoomList(true);
}

// A room's seq below our `since` means the server forgot the room (it
// restarted, or everyone left): start over from whatever it has now and
// ignore live messages until that history arrives.
function restartRoom(room, since) {
  addLine(room, 'The server no longer has this room\'s history; messages after #' + since + ' are lost.', 'warn');
  room.lastSeq = 0;
  room.seen = false;
  room.resyncing = true;
  requestJoin(room);
}

function reportLoss(room, since, history, seq) {
  if (since === undefined) return;
  const first = history.length ? history[0].seq : seq + 1;
  const lost = first - since - 1;
  if (lost > 0) addLine(room, lost + ' message(s) sent while you were away could not be recovered.', 'warn');
}

function onLeft(event) {
  removeRoom(event.room);
  requestRoomList(true);
}

function onPresence(event) {
  const room = chat.rooms.get(event.room);
  if (!room) return;
  const before = room.members.get(event.id);
  if (event.event === 'join') {
    room.members.set(event.id, event.name);
    room.memberCount += 1;
    addLine(room, event.name + ' joined');
  } else if (event.event === 'leave') {
    room.members.delete(event.id);
    room.memberCount = Math.max(0, room.memberCount - 1);
    addLine(room, event.name + ' left');
  } else if (event.event === 'nick') {
    room.members.set(event.id, event.name);
    addLine(room, (before || 'someone') + ' is now known as ' + event.name);
  }
  if (room.name === chat.active) renderMembers(room);
  requestRoomList(true);
}

function onMessage(event) {
  const room = chat.rooms.get(event.room);
  if (!room || room.resyncing || !room.seen) return;
  const missing = event.seq - room.lastSeq - 1;
  if (missing > 0) addLine(room, missing + ' message(s) missing here.', 'warn');
  showMessage(room, event, true);
}

// Seqs only grow within a room, so anything at or below the last one
// shown is a duplicate (a replay overlapping what we already have).
function showMessage(room, message, live) {
  if (!(message.seq > room.lastSeq)) return;
  room.lastSeq = message.seq;
  appendMessage(room, message, false);
  if (live && room.name !== chat.active) {
    room.unread += 1;
    updateTab(room);
  }
}

function onBroadcast(event) {
  const room = activeRoom();
  if (room) appendMessage(room, event, true);
  else showNotice(event.name + ' to everyone: ' + event.text);
}

function onRooms(event) {
  if (!Array.isArray(event.rooms)) return;
  renderRoomList(event.rooms);
}

function onWho(event) {
  const room = chat.rooms.get(event.room);
  if (!room || !Array.isArray(event.members)) return;
  room.members = new Map(event.members.map((member) => [member.id, member.name]));
  room.memberCount = room.members.size;
  if (room.name === chat.active) renderMembers(room);
}

function onNick(event) {
  const changed = event.name !== chat.me.name;
  chat.me.name = event.name;
  rememberNickname(event.name);
  ui.nick.value = event.name;
  setStatus('connected', 'Connected as ' + event.name);
  for (const room of chat.rooms.values()) {
    if (room.members.has(chat.me.id)) room.members.set(chat.me.id, event.name);
  }
  if (changed) addLine(activeRoom(), 'You are now known as ' + event.name);
  const room = activeRoom();
  if (room) renderMembers(room);
}

function onError(event, request) {
  const text = String(event.message) + ' (' + String(event.code) + ')';
  showNotice(text);
  addLine(activeRoom(), 'Error: ' + text, 'error');
  if (request && request.type === 'join') {
    const room = chat.rooms.get(request.room);
    if (room && !room.seen) removeRoom(room.name);
  }
  if (request && request.type === 'nick' && document.activeElement !== ui.nick) ui.nick.value = chat.me.name;
}
