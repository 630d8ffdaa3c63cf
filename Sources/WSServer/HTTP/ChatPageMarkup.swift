import ChatWire

/// The chat page's HTML outside the style and the script. Every control has
/// a label (visible or for screen readers), the DOM order is the focus
/// order, and the elements the script fills in are found by `id`.
enum ChatPageMarkup {
    /// `<head>` content before the `<style>`; the empty `data:` icon keeps
    /// the browser from asking for a `/favicon.ico` that does not exist.
    static let head = #"""
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>chat-server</title>
    <link rel="icon" href="data:,">

    """#

    static let body = #"""
    <header class="top">
      <h1 class="brand">chat-server</h1>
      <div class="conn">
        <span id="status" class="status" data-state="connecting" role="status">Connecting…</span>
        <button id="reconnect" type="button" hidden>Reconnect now</button>
      </div>
      <form id="nick-form" class="nick" autocomplete="off">
        <label for="nick">Nickname</label>
        <input id="nick" maxlength="32" placeholder="choose a nickname" spellcheck="false">
        <button type="submit">Set</button>
      </form>
      <button id="side-toggle" class="side-toggle" type="button" aria-expanded="false" aria-controls="side">Rooms</button>
    </header>
    <div class="layout">
      <main class="chat">
        <div class="tabbar">
          <div id="tabs" class="tabs" role="tablist" aria-label="Your rooms"></div>
          <button id="leave" type="button">Leave</button>
        </div>
        <div id="notice" class="notice" role="alert" hidden>
          <span id="notice-text"></span>
          <button id="notice-close" type="button" aria-label="Dismiss">×</button>
        </div>
        <div id="panels" class="panels"></div>
        <form id="send-form" class="composer" autocomplete="off">
          <label for="message" class="sr-only">Message</label>
          <input id="message" placeholder="Message" aria-describedby="composer-hint">
          <button type="submit">Send</button>
          <span id="composer-hint" class="sr-only">Enter sends. Commands: /join room, /leave, /nick name, /all text, /help.</span>
        </form>
      </main>
      <aside id="side" class="side" aria-label="Rooms and members">
        <section>
          <h2><label for="join-room">Join a room</label></h2>
          <form id="join-form" class="join" autocomplete="off">
            <input id="join-room" maxlength="64" placeholder="room name" spellcheck="false">
            <button type="submit">Join</button>
          </form>
        </section>
        <section>
          <div class="section-head">
            <h2 id="rooms-title">All rooms</h2>
            <button id="refresh" type="button" aria-label="Refresh the room list">Refresh</button>
          </div>
          <ul id="room-list" class="room-list" aria-labelledby="rooms-title"></ul>
        </section>
        <section>
          <h2 id="members-title">Members</h2>
          <ul id="members" class="members" aria-labelledby="members-title"></ul>
        </section>
      </aside>
    </div>
    <noscript><p class="notice">This chat needs JavaScript.</p></noscript>

    """#
}
