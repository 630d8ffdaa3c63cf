// Handlers for the server's events: the resume after a reconnect (`since`
// and `epoch`, `recovered`, `reset`), listings, identities and errors.

const handlers = new Map([
  ['welcome', onWelcome], ['joined', onJoined], ['reset', onReset], ['left', onLeft],
  ['presence', onPresence], ['message', onMessage], ['broadcast', onBroadcast], ['rooms', onRooms],
  ['who', onWho], ['nick', onNick], ['ack', () => {}], ['error', onError],
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
  chat.me = { id: event.id, name: event.name, user: typeof event.user === 'string' ? event.user : null };
  hideNotice();
  setStatus('connected', identityText(chat.me));
  introduce();
  rejoinRooms();
  refreshRoomListIfDue();
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
  patchRoomList(room.name, event.members);
  const outcome = resumeOutcome(since, event);
  if (outcome.kind === 'forgotten') {
    restartRoom(room, since);
    return;
  }
  room.resyncing = false;
  room.epoch = typeof event.epoch === 'string' ? event.epoch : null;
  if (outcome.kind === 'reset') resetView(room);
  if (outcome.lost > 0) addLine(room, outcome.lost + ' message(s) sent while you were away could not be recovered.', 'warn');
  for (const message of Array.isArray(event.history) ? event.history : []) showMessage(room, message, false);
  room.lastSeq = Math.max(room.lastSeq, event.seq);
  room.seen = true;
  if (room.name === chat.active) requestMembers(room.name);
}

// A v1 server whose room seq is below our `since` forgot the room (it
// restarted, or everyone left): start over from whatever it has now and
// ignore live messages until that history arrives.
function restartRoom(room, since) {
  addLine(room, 'The server no longer has this room\'s history; messages after #' + since + ' are lost.', 'warn');
  room.lastSeq = 0;
  room.seen = false;
  room.resyncing = true;
  requestJoin(room);
}

// `recovered: false`: what the room still has follows, numbered afresh.
function resetView(room) {
  addLine(room, 'The history of this room could not be fully recovered, so the view was reset: '
    + 'below is what the server still has.', 'warn');
  room.lastSeq = 0;
}

// The room's history was lost while we were in it; its seq starts over in a
// new epoch, and what comes next is numbered from there.
function onReset(event) {
  const room = chat.rooms.get(event.room);
  if (!room || !room.seen) return;
  addLine(room, 'The server lost this room\'s history; message numbers start over.', 'warn');
  room.epoch = typeof event.epoch === 'string' ? event.epoch : null;
  room.lastSeq = Number(event.seq) || 0;
}

function onLeft(event) {
  const room = chat.rooms.get(event.room);
  removeRoom(event.room);
  if (room) patchRoomList(room.name, room.memberCount - 1);
}

function onPresence(event) {
  const room = chat.rooms.get(event.room);
  if (!room) return;
  const before = room.members.get(event.id);
  const member = { name: event.name, user: typeof event.user === 'string' ? event.user : null };
  if (event.event === 'join') {
    room.members.set(event.id, member);
    room.memberCount += 1;
    addLine(room, event.name + ' joined');
  } else if (event.event === 'leave') {
    room.members.delete(event.id);
    room.memberCount = Math.max(0, room.memberCount - 1);
    addLine(room, event.name + ' left');
  } else if (event.event === 'nick') {
    room.members.set(event.id, member);
    addLine(room, (before ? before.name : 'someone') + ' is now known as ' + event.name);
  }
  if (room.name === chat.active) renderMembers(room);
  patchRoomList(room.name, room.memberCount);
}

function onMessage(event) {
  const room = chat.rooms.get(event.room);
  if (!room || room.resyncing || !room.seen) return;
  const missing = event.seq - room.lastSeq - 1;
  if (missing > 0) addLine(room, missing + ' message(s) missing here.', 'warn');
  showMessage(room, event, true);
}

// Seqs only grow within an epoch, so anything at or below the last one
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
  chat.roomList = { rooms: event.rooms, total: event.total, truncated: event.truncated };
  renderRoomList(chat.roomList);
}

// Between listings the page keeps the counts it learns itself.
function patchRoomList(name, members) {
  if (chat.roomList === null) return;
  chat.roomList = patchedRooms(chat.roomList, name, members);
  renderRoomList(chat.roomList);
}

function onWho(event) {
  const room = chat.rooms.get(event.room);
  if (!room || !Array.isArray(event.members)) return;
  room.members = new Map(event.members.map((member) => [member.id, {
    name: member.name, user: typeof member.user === 'string' ? member.user : null,
  }]));
  room.memberListing = { total: event.total, truncated: event.truncated };
  room.memberCount = Number.isFinite(Number(event.total)) ? Number(event.total) : room.members.size;
  if (room.name === chat.active) renderMembers(room);
}

function onNick(event) {
  const changed = event.name !== chat.me.name;
  chat.me.name = event.name;
  rememberNickname(event.name);
  ui.nick.value = event.name;
  setStatus('connected', identityText(chat.me));
  for (const room of chat.rooms.values()) {
    const me = room.members.get(chat.me.id);
    if (me) me.name = event.name;
  }
  if (changed) addLine(activeRoom(), 'You are now known as ' + event.name);
  const room = activeRoom();
  if (room) renderMembers(room);
}

function onError(event, request) {
  const text = String(event.message) + ' (' + String(event.code) + ')';
  const unsent = unsentText(request, event.code);
  if (unsent !== null) {
    notDelivered(request, unsent, text);
    return;
  }
  showNotice(text);
  addLine(activeRoom(), 'Error: ' + text, 'error');
  if (request && request.type === 'join') {
    const room = chat.rooms.get(request.room);
    if (room && !room.seen) removeRoom(room.name);
  }
  if (request && request.type === 'nick' && document.activeElement !== ui.nick) ui.nick.value = chat.me.name;
}

// The message reached nobody: it goes back into an empty message box, ready
// to send again; over newer typing, the notice quotes it instead.
function notDelivered(request, unsent, why) {
  const restored = ui.message.value === '';
  if (restored) ui.message.value = unsent;
  const where = restored ? 'it is back in the message box: press Enter to send it again.' : 'you can send it again: ' + unsent;
  showNotice('Not delivered, ' + where + ' (' + why + ')');
  addLine(chat.rooms.get(request.room) || activeRoom(), 'Not delivered: ' + why, 'error');
}
