'use strict';
// Chat and echo peer in the usual `ws` style: one http.Server, two
// WebSocketServers in noServer mode routed from the 'upgrade' event, rooms as
// a Map of Sets, one Buffer per room message sent to every member. With
// --tls-cert FILE --tls-key FILE (PEM) it serves wss:// through https.Server.
const fs = require('fs');
const http = require('http');
const https = require('https');
const { WebSocketServer } = require('ws');

const maxPayload = 16 * 1024 * 1024;

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const host = option('--host', '127.0.0.1');
const port = Number(option('--port', '8080'));
const certFile = option('--tls-cert', null);
const keyFile = option('--tls-key', null);
const settings = { noServer: true, maxPayload, perMessageDeflate: false, clientTracking: false };
const chat = new WebSocketServer(settings);
const echo = new WebSocketServer(settings);
const rooms = new Map();
let nextId = 1;

function reply(ws, object) {
  ws.send(JSON.stringify(object));
}

function join(ws, room) {
  let members = rooms.get(room);
  if (!members) {
    members = new Set();
    rooms.set(room, members);
  }
  members.add(ws);
  ws.rooms.add(room);
  reply(ws, { type: 'joined', room, members: members.size });
}

function publish(ws, room, text) {
  const members = rooms.get(room);
  if (!members || !members.has(ws)) return reply(ws, { type: 'error', error: 'not a member of room' });
  const frame = Buffer.from(JSON.stringify({ type: 'message', room, from: ws.id, text, ts: Date.now() }));
  for (const member of members) member.send(frame, { binary: false });
}

function handle(ws, data) {
  let request;
  try {
    request = JSON.parse(data.toString());
  } catch {
    return reply(ws, { type: 'error', error: 'invalid json' });
  }
  if (request === null || typeof request !== 'object') return reply(ws, { type: 'error', error: 'invalid message' });
  if (request.type === 'join') {
    if (typeof request.room !== 'string') return reply(ws, { type: 'error', error: 'missing room' });
    return join(ws, request.room);
  }
  if (request.type === 'message') {
    if (typeof request.room !== 'string' || typeof request.text !== 'string') {
      return reply(ws, { type: 'error', error: 'missing room or text' });
    }
    return publish(ws, request.room, request.text);
  }
  reply(ws, { type: 'error', error: 'unknown type' });
}

// A protocol error closes the connection (ws sends the close frame); without
// a listener the 'error' event would end the process.
function ignoreError() {}

chat.on('connection', (ws) => {
  ws.on('error', ignoreError);
  ws.id = `c${nextId++}`;
  ws.rooms = new Set();
  reply(ws, { type: 'welcome', id: ws.id });
  ws.on('message', (data) => handle(ws, data));
  ws.on('close', () => {
    for (const room of ws.rooms) {
      const members = rooms.get(room);
      members.delete(ws);
      if (members.size === 0) rooms.delete(room);
    }
  });
});

echo.on('connection', (ws) => {
  ws.on('error', ignoreError);
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

function answerPlainRequest(request, response) {
  const path = new URL(request.url, 'http://peer').pathname;
  response.writeHead(path === '/' || path === '/echo' ? 426 : 404, { 'Content-Length': 0 });
  response.end();
}

const server = certFile
  ? https.createServer({ cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) }, answerPlainRequest)
  : http.createServer(answerPlainRequest);

server.on('upgrade', (request, socket, head) => {
  const path = new URL(request.url, 'http://peer').pathname;
  const target = path === '/' ? chat : path === '/echo' ? echo : null;
  if (!target) {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  target.handleUpgrade(request, socket, head, (ws) => target.emit('connection', ws, request));
});

server.listen({ host, port, backlog: 1024 }, () => console.log(`node-ws peer on ${certFile ? 'wss' : 'ws'}://${host}:${port}/`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
