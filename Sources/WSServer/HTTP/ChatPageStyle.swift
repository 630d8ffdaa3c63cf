/// The chat page's CSS: light and dark schemes, a visible focus ring, and a
/// single column below 700 px where the rooms and members panel takes the
/// chat's place when toggled (it must fit a 360 px phone).
enum ChatPageStyle {
    static let css = #"""
    :root {
      color-scheme: light dark;
      --bg: #f5f6f8; --panel: #fff; --text: #1d2430; --muted: #5b6575; --line: #dde1e7;
      --accent: #2f6feb; --on-accent: #fff; --error: #b42318; --ok: #1a7f37; --warn: #9a6700;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0f1419; --panel: #171d24; --text: #e6edf3; --muted: #9aa6b2; --line: #2b3440;
        --accent: #4c8dff; --error: #ff7b72; --ok: #3fb950; --warn: #d29922;
      }
    }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    html, body { height: 100%; margin: 0; }
    body { display: flex; flex-direction: column; background: var(--bg); color: var(--text); }
    .sr-only {
      position: absolute; width: 1px; height: 1px; overflow: hidden;
      clip-path: inset(50%); white-space: nowrap;
    }
    button, input { font: inherit; color: inherit; }
    input {
      min-width: 0; padding: .4rem .6rem; border: 1px solid var(--line); border-radius: 6px;
      background: var(--panel);
    }
    button {
      padding: .4rem .75rem; border: 1px solid var(--line); border-radius: 6px;
      background: var(--panel); cursor: pointer;
    }
    button[type=submit] { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
    button:disabled { opacity: .5; cursor: default; }
    :focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
    .top {
      display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .5rem 1rem;
      background: var(--panel); border-bottom: 1px solid var(--line);
    }
    .brand { margin: 0; font-size: 1.05rem; }
    .conn { display: flex; align-items: center; gap: .5rem; margin-right: auto; min-width: 0; }
    .status::before {
      content: ""; display: inline-block; width: .6rem; height: .6rem; margin-right: .4rem;
      border-radius: 50%; background: var(--warn);
    }
    .status[data-state=connected]::before { background: var(--ok); }
    .status[data-state=offline]::before { background: var(--error); }
    .nick { display: flex; align-items: center; gap: .4rem; }
    .nick input { width: 10rem; }
    .side-toggle { display: none; }
    .layout { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) 16rem; }
    .chat { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
    .tabbar {
      display: flex; align-items: flex-end; gap: .5rem; padding: .5rem 1rem 0;
      border-bottom: 1px solid var(--line);
    }
    .tabs { flex: 1; display: flex; gap: .25rem; overflow-x: auto; }
    .tabbar #leave { margin-bottom: .35rem; font-size: .85rem; padding: .2rem .6rem; }
    [role=tab] {
      white-space: nowrap; border-bottom: none; border-radius: 6px 6px 0 0;
      background: transparent; color: var(--muted);
    }
    [role=tab][aria-selected=true] { background: var(--panel); color: var(--text); font-weight: 600; }
    [role=tab][data-joined=false] { font-style: italic; }
    .badge {
      display: inline-block; min-width: 1.3rem; margin-left: .35rem; padding: 0 .35rem;
      border-radius: 999px; background: var(--accent); color: var(--on-accent);
      font-size: .75rem; font-weight: 600; text-align: center;
    }
    .notice {
      display: flex; align-items: center; gap: .5rem; margin: .5rem 1rem 0; padding: .3rem .4rem .3rem .7rem;
      border-radius: 6px; color: var(--error); background: color-mix(in srgb, var(--error) 12%, transparent);
    }
    .notice span { flex: 1; }
    .notice button { padding: 0 .5rem; border: none; background: transparent; }
    .panels { flex: 1; min-height: 0; display: flex; background: var(--panel); }
    .panel { flex: 1; overflow-y: auto; padding: .75rem 1rem; }
    .msg { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: .6rem; padding: .15rem 0; }
    .msg time { color: var(--muted); font-size: .8rem; font-variant-numeric: tabular-nums; }
    .msg .name { font-weight: 600; }
    .msg .text { flex: 1 1 12rem; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .msg.mine .name { color: var(--accent); }
    .msg.broadcast .name::after { content: " → everyone"; font-weight: 400; color: var(--muted); }
    .line { padding: .15rem 0; color: var(--muted); font-size: .875rem; font-style: italic; }
    .line.warn { color: var(--warn); }
    .line.error { color: var(--error); font-style: normal; }
    .composer {
      display: flex; gap: .5rem; padding: .75rem 1rem; background: var(--panel);
      border-top: 1px solid var(--line);
    }
    .composer input { flex: 1; }
    .side { overflow-y: auto; padding: .75rem 1rem; border-left: 1px solid var(--line); }
    .side h2 {
      margin: 1.25rem 0 .4rem; color: var(--muted); font-size: .78rem;
      text-transform: uppercase; letter-spacing: .05em;
    }
    .side section:first-child h2 { margin-top: 0; }
    .section-head { display: flex; align-items: center; justify-content: space-between; }
    .section-head button { padding: .1rem .5rem; font-size: .8rem; }
    .join { display: flex; gap: .4rem; }
    .join input { flex: 1; width: 0; }
    ul { margin: 0; padding: 0; list-style: none; }
    .room-list button {
      display: flex; justify-content: space-between; width: 100%; padding: .25rem .5rem;
      border-color: transparent; background: transparent; text-align: left;
    }
    .room-list button:hover { background: var(--panel); }
    .room-list .joined { font-weight: 600; }
    .count { color: var(--muted); font-variant-numeric: tabular-nums; }
    .members li { padding: .15rem .5rem; overflow-wrap: anywhere; }
    .members .you { color: var(--muted); }
    @media (max-width: 700px) {
      .top { gap: .4rem .6rem; padding: .5rem .75rem; }
      .brand { font-size: 1rem; }
      .nick input { width: 7.5rem; }
      .side-toggle { display: inline-block; }
      .layout { grid-template-columns: minmax(0, 1fr); }
      .side { display: none; border-left: none; }
      .show-side .side { display: block; }
      .show-side .chat { display: none; }
      .tabbar, .composer, .panel { padding-left: .75rem; padding-right: .75rem; }
    }

    """#
}
