// Who the page is: a guest with the nickname this browser remembers, or the
// identity of a sign-in token given in the address's fragment (`#token=…`),
// which the server verifies before the upgrade and takes the name from.

const NICK_KEY = 'chat-server.nickname';
const TOKEN_KEY = 'chat-server.token';

// Storage can be disabled (reading it can even throw); a value then lasts
// until the tab closes.
function stored(area, key) {
  try {
    return globalThis[area].getItem(key) || '';
  } catch (error) {
    return '';
  }
}

function store(area, key, value) {
  try {
    if (value === null) globalThis[area].removeItem(key);
    else globalThis[area].setItem(key, value);
  } catch (error) {
    // Not kept, as said above.
  }
}

function storedNickname() {
  return stored('localStorage', NICK_KEY);
}

function rememberNickname(name) {
  store('localStorage', NICK_KEY, name);
}

// Browsers send a fragment neither to servers nor in a Referer. Once read,
// the token also leaves the address bar, so copying the address does not
// share it; this tab keeps it (sessionStorage) so that a reload stays signed in.
function loadToken() {
  const { token, hash } = splitToken(location.hash);
  if (token) {
    history.replaceState(history.state, '', location.pathname + location.search + hash);
    store('sessionStorage', TOKEN_KEY, token);
  }
  chat.token = token || stored('sessionStorage', TOKEN_KEY) || null;
}

function forgetToken() {
  chat.token = null;
  store('sessionStorage', TOKEN_KEY, null);
  showIdentity();
}

// Signed in, the name box shows the token's name and cannot be edited.
function showIdentity() {
  const signedIn = chat.token !== null;
  ui.nick.readOnly = signedIn;
  ui.nickSet.hidden = signedIn;
  ui.nick.placeholder = signedIn ? 'from your sign-in token' : 'choose a nickname';
  ui.nick.title = signedIn ? 'Your name comes from your sign-in token' : '';
}

// After `welcome`: a verified identity (`user`) is shown as such; a token
// the server did not use (authentication off) is dropped, and the page
// goes on as a guest.
function introduce() {
  if (chat.me.user) {
    ui.nick.value = chat.me.name;
    return;
  }
  if (chat.token) {
    forgetToken();
    addLine(activeRoom(), 'This server does not use sign-in tokens; you are a guest here.', 'warn');
  }
  if (!storedNickname()) {
    addLine(activeRoom(), 'You are ' + chat.me.name + '. Choose a nickname above; this browser will remember it.');
  } else if (document.activeElement !== ui.nick) {
    ui.nick.value = chat.me.name;
  }
}

function identityText(me) {
  return me.user ? 'Signed in as ' + me.name + ' (verified: ' + me.user + ')' : 'Connected as ' + me.name;
}
