// DOM building: room tabs and their logs, message and presence lines, the member
// and room lists, status and notices. Text from the wire goes in with
// `textContent` and attribute setters only, never as HTML.

const MAX_LOG_LINES = 500;
let roomSerial = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function ensureRoom(name) {
  const existing = chat.rooms.get(name);
  if (existing) return existing;
  roomSerial += 1;
  const id = 'room-' + roomSerial;
  const room = {
    name: name, lastSeq: 0, epoch: null, seen: false, joined: false, resyncing: false, unread: 0,
    memberCount: 0, members: new Map(), memberListing: {}, tab: createTab(name, id), panel: createPanel(name, id),
  };
  room.log = room.panel.firstChild;
  chat.rooms.set(name, room);
  ui.tabs.append(room.tab);
  ui.panels.append(room.panel);
  updateTab(room);
  return room;
}

function createTab(name, id) {
  const tab = element('button', 'tab');
  tab.type = 'button';
  tab.id = id + '-tab';
  tab.tabIndex = -1;
  tab.dataset.room = name;
  tab.setAttribute('role', 'tab');
  tab.setAttribute('aria-controls', id);
  tab.setAttribute('aria-selected', 'false');
  tab.append(element('span', 'tab-name', '#' + name), element('span', 'badge'));
  tab.addEventListener('click', () => activate(name));
  tab.addEventListener('keydown', onTabKey);
  return tab;
}

function createPanel(name, id) {
  const panel = element('section', 'panel');
  panel.id = id;
  panel.hidden = true;
  panel.tabIndex = 0;
  panel.setAttribute('role', 'tabpanel');
  panel.setAttribute('aria-labelledby', id + '-tab');
  const log = element('div', 'log');
  log.dataset.room = name;
  log.setAttribute('role', 'log');
  log.setAttribute('aria-label', 'Messages in #' + name);
  panel.append(log);
  return panel;
}

function activeRoom() {
  return chat.active === null ? null : chat.rooms.get(chat.active) || null;
}

function activate(name) {
  const room = chat.rooms.get(name);
  if (!room) return;
  chat.active = name;
  for (const other of chat.rooms.values()) {
    const selected = other === room;
    other.tab.setAttribute('aria-selected', String(selected));
    other.tab.tabIndex = selected ? 0 : -1;
    other.panel.hidden = !selected;
  }
  room.unread = 0;
  updateTab(room);
  ui.message.placeholder = 'Message #' + name;
  ui.leave.disabled = false;
  ui.leave.setAttribute('aria-label', 'Leave #' + name);
  renderMembers(room);
  requestMembers(name);
  room.panel.scrollTop = room.panel.scrollHeight;
}

function removeRoom(name) {
  const room = chat.rooms.get(name);
  if (!room) return;
  const tabs = [...ui.tabs.children];
  const neighbour = tabs[tabs.indexOf(room.tab) + 1] || tabs[tabs.indexOf(room.tab) - 1];
  chat.rooms.delete(name);
  room.tab.remove();
  room.panel.remove();
  if (chat.active !== name) return;
  chat.active = null;
  if (neighbour) {
    activate(neighbour.dataset.room);
    return;
  }
  renderMembers(null);
  ui.leave.disabled = true;
  ui.message.placeholder = 'Join a room to chat';
}

function setJoined(room, joined) {
  room.joined = joined;
  room.tab.dataset.joined = String(joined);
}

function updateTab(room) {
  const badge = room.tab.lastChild;
  badge.textContent = String(room.unread);
  badge.hidden = room.unread === 0;
  const unread = room.unread ? ', ' + room.unread + ' unread' : '';
  room.tab.setAttribute('aria-label', '#' + room.name + unread);
  let total = 0;
  for (const other of chat.rooms.values()) total += other.unread;
  document.title = (total ? '(' + total + ') ' : '') + 'chat-server';
}

function appendToLog(room, node) {
  const panel = room.panel;
  const atEnd = panel.scrollHeight - panel.scrollTop - panel.clientHeight < 48;
  room.log.append(node);
  if (room.log.childElementCount > MAX_LOG_LINES) room.log.firstChild.remove();
  if (atEnd) panel.scrollTop = panel.scrollHeight;
}

function appendMessage(room, message, broadcast) {
  const line = element('div', broadcast ? 'msg broadcast' : 'msg');
  if (message.id === chat.me.id) line.classList.add('mine');
  if (!broadcast) line.dataset.seq = String(message.seq);
  const when = new Date(Number(message.ts));
  const time = element('time', '', Number.isFinite(when.getTime()) ? formatTime(when) : '');
  if (Number.isFinite(when.getTime())) time.dateTime = when.toISOString();
  line.append(time, nameTag(message.name, message.user), element('span', 'text', String(message.text)));
  appendToLog(room, line);
}

// A name, with a mark when the server vouches for it (`user`, the token's
// subject); guests' names have none, so no guest can pass for a user.
function nameTag(name, user) {
  const tag = element('span', 'name', String(name));
  if (typeof user !== 'string') return tag;
  const mark = element('span', 'verified');
  mark.title = 'Verified user ' + user;
  const symbol = element('span', '', '✓');
  symbol.setAttribute('aria-hidden', 'true');
  mark.append(symbol, element('span', 'sr-only', ' (verified user ' + user + ')'));
  tag.append(mark);
  return tag;
}

function formatTime(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function addLine(room, text, kind) {
  if (!room) {
    if (kind) showNotice(text);
    return;
  }
  appendToLog(room, element('div', kind ? 'line ' + kind : 'line', text));
}

function renderMembers(room) {
  const members = room ? [...room.members] : [];
  members.sort((a, b) => String(a[1].name).localeCompare(String(b[1].name)));
  ui.membersTitle.textContent = room
    ? 'Members of #' + room.name + ' (' + countLabel(members.length, room.memberListing) + ')' : 'Members';
  ui.members.replaceChildren(...members.map(([id, member]) => {
    const item = element('li');
    item.append(nameTag(member.name, member.user));
    if (id === chat.me.id) item.append(element('span', 'you', ' (you)'));
    return item;
  }));
}

// A listing the server cut short names the busiest rooms first.
function renderRoomList(listing) {
  const rooms = listing.rooms;
  const cut = listing.truncated === true;
  ui.roomsTitle.textContent = cut ? 'Busiest rooms (' + countLabel(rooms.length, listing) + ')' : 'All rooms';
  ui.roomList.replaceChildren(...rooms.map((entry) => {
    const name = String(entry.room);
    const button = element('button', chat.rooms.has(name) ? 'joined' : '');
    button.type = 'button';
    button.append(element('span', '', '#' + name), element('span', 'count', String(entry.members)));
    button.setAttribute('aria-label', '#' + name + ', ' + entry.members + ' members');
    button.addEventListener('click', () => joinRoom(name));
    const item = element('li');
    item.append(button);
    return item;
  }));
}

function setStatus(state, text) {
  ui.status.dataset.state = state;
  ui.status.textContent = text;
}

function showNotice(text) {
  ui.noticeText.textContent = text;
  ui.notice.hidden = false;
}

function hideNotice() {
  ui.notice.hidden = true;
}
