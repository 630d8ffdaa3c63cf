// Input: the message box with its slash commands, the nickname and join forms,
// keyboard navigation of the tabs, and start-up (the token from `#token=`, rooms
// from `?room=`, then connect).

// How often the page checks whether the room list is due (chat-logic.js):
// a check that is not due sends nothing.
const ROOM_LIST_CHECK_MS = 5000;

const commands = new Map([
  ['join', (argument) => joinRoom(argument)],
  ['leave', (argument) => leaveRoom(argument || chat.active)],
  ['nick', (argument) => setNickname(argument)],
  ['all', (argument) => argument !== '' && send({ type: 'broadcast', text: argument })],
  ['rooms', requestRoomList],
  ['help', showHelp],
]);

function onSend(event) {
  event.preventDefault();
  const text = ui.message.value;
  if (text.trim() === '') return;
  const done = text.startsWith('/') ? runCommand(text) : sendMessage(text);
  if (done) ui.message.value = '';
}

function sendMessage(text) {
  if (!chat.active) {
    showNotice('Join a room first.');
    return false;
  }
  return send({ type: 'message', room: chat.active, text: text });
}

// `//text` sends `/text` as a message.
function runCommand(text) {
  if (text.startsWith('//')) return sendMessage(text.slice(1));
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  const command = match && commands.get(match[1].toLowerCase());
  if (!command) {
    showNotice('Unknown command; /help lists them.');
    return false;
  }
  return command(match[2].trim()) !== false;
}

function showHelp() {
  addLine(activeRoom(), 'Commands: /join room, /leave [room], /nick name, /all text (to everyone), ' +
    '/rooms, //text (a message starting with /). Tabs: arrow keys, Home, End.');
  return true;
}

function joinRoom(name) {
  if (!ROOM_PATTERN.test(name)) {
    showNotice('A room name is 1 to 64 letters, digits, _ . or -.');
    return false;
  }
  const existing = chat.rooms.get(name);
  if (existing && existing.joined) {
    activate(name);
    return true;
  }
  if (!isOpen()) return notConnected();
  const room = ensureRoom(name);
  activate(name);
  return requestJoin(room);
}

function leaveRoom(name) {
  const room = name ? chat.rooms.get(name) : undefined;
  if (!room) {
    showNotice('Not in that room.');
    return false;
  }
  if (room.joined) return send({ type: 'leave', room: name });
  removeRoom(name);
  return true;
}

// The server judges the rest (length in characters, no control or
// bidi characters) and answers bad_name, which shows like any error.
function setNickname(name) {
  if (chat.token) {
    showNotice('Your name comes from your sign-in token.');
    return false;
  }
  if (name === '') {
    showNotice('Type a nickname first.');
    return false;
  }
  if (isOpen()) return send({ type: 'nick', name: name });
  rememberNickname(name);
  addLine(activeRoom(), 'You will be ' + name + ' once connected.');
  return true;
}

function onTabKey(event) {
  const tabs = [...ui.tabs.children];
  const index = tabs.indexOf(event.currentTarget);
  const targets = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: tabs.length - 1 };
  if (!Object.hasOwn(targets, event.key)) return;
  event.preventDefault();
  const next = tabs[(targets[event.key] + tabs.length) % tabs.length];
  activate(next.dataset.room);
  next.focus();
}

// Opening the panel is asking to see the rooms: the list is fetched then.
function toggleSide() {
  const shown = document.body.classList.toggle('show-side');
  ui.sideToggle.setAttribute('aria-expanded', String(shown));
  ui.sideToggle.textContent = shown ? 'Chat' : 'Rooms';
  if (shown && isOpen()) requestRoomList();
}

function onSubmit(form, action) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    action();
  });
}

function bindControls() {
  ui.sendForm.addEventListener('submit', onSend);
  onSubmit(ui.nickForm, () => {
    if (setNickname(ui.nick.value.trim())) ui.message.focus();
  });
  onSubmit(ui.joinForm, () => {
    if (!joinRoom(ui.joinRoom.value.trim())) return;
    ui.joinRoom.value = '';
    if (document.body.classList.contains('show-side')) toggleSide();
    ui.message.focus();
  });
  ui.leave.addEventListener('click', () => leaveRoom(chat.active));
  ui.refresh.addEventListener('click', requestRoomList);
  ui.reconnect.addEventListener('click', connect);
  ui.noticeClose.addEventListener('click', hideNotice);
  ui.sideToggle.addEventListener('click', toggleSide);
  // Back on the network: no reason to sit out the rest of a backoff delay.
  window.addEventListener('online', () => {
    if (!chat.socket && !chat.halted) connect();
  });
  document.addEventListener('visibilitychange', refreshRoomListIfDue);
  setInterval(refreshRoomListIfDue, ROOM_LIST_CHECK_MS);
}

function start() {
  const asked = new URLSearchParams(location.search).getAll('room');
  const valid = asked.filter((name) => ROOM_PATTERN.test(name));
  if (valid.length < asked.length) showNotice('Some room names in the address were not valid and were skipped.');
  for (const name of valid.length ? valid : ['lobby']) ensureRoom(name);
  activate(chat.rooms.keys().next().value);
  loadToken();
  showIdentity();
  if (!chat.token) ui.nick.value = storedNickname();
  bindControls();
  connect();
}

start();
