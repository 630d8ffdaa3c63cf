"""Chat and echo peer on `websockets` (the asyncio API) in the library's
usual style: one handler coroutine per connection, rooms as a dict of sets,
and `broadcast()` to send one encoded message to every member."""

import argparse
import asyncio
import json
import signal
import time
from http import HTTPStatus

from websockets.asyncio.server import broadcast, serve

MAX_SIZE = 16 * 1024 * 1024


class ChatRooms:
    """Room name -> the connections in it; empty rooms are dropped."""

    def __init__(self):
        self.rooms = {}
        self.next_id = 1

    async def serve_chat(self, websocket):
        client_id = f"c{self.next_id}"
        self.next_id += 1
        joined = set()
        await websocket.send(json.dumps({"type": "welcome", "id": client_id}))
        try:
            async for data in websocket:
                reply = self.handle(websocket, client_id, joined, data)
                if reply is not None:
                    await websocket.send(json.dumps(reply))
        finally:
            for room in joined:
                members = self.rooms[room]
                members.discard(websocket)
                if not members:
                    del self.rooms[room]

    def handle(self, websocket, client_id, joined, data):
        """Acts on one request; returns the direct reply, if any."""
        try:
            request = json.loads(data)
        except ValueError:
            return {"type": "error", "error": "invalid json"}
        if not isinstance(request, dict):
            return {"type": "error", "error": "invalid message"}
        kind, room = request.get("type"), request.get("room")
        if kind == "join":
            if not isinstance(room, str):
                return {"type": "error", "error": "missing room"}
            members = self.rooms.setdefault(room, set())
            members.add(websocket)
            joined.add(room)
            return {"type": "joined", "room": room, "members": len(members)}
        if kind == "message":
            text = request.get("text")
            if not isinstance(room, str) or not isinstance(text, str):
                return {"type": "error", "error": "missing room or text"}
            if room not in joined:
                return {"type": "error", "error": "not a member of room"}
            message = {"type": "message", "room": room, "from": client_id, "text": text,
                       "ts": int(time.time() * 1000)}
            broadcast(self.rooms[room], json.dumps(message, separators=(",", ":"), ensure_ascii=False))
            return None
        return {"type": "error", "error": "unknown type"}


async def serve_echo(websocket):
    async for data in websocket:
        await websocket.send(data)


def route(rooms):
    async def handler(websocket):
        path = websocket.request.path.split("?", 1)[0]
        if path == "/echo":
            await serve_echo(websocket)
        else:
            await rooms.serve_chat(websocket)
    return handler


def refuse_other_paths(connection, request):
    """Anything but / and /echo gets 404 before the upgrade."""
    if request.path.split("?", 1)[0] not in ("/", "/echo"):
        return connection.respond(HTTPStatus.NOT_FOUND, "Not Found\n")
    return None


async def main(host, port):
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set_result, None)
    async with serve(route(ChatRooms()), host, port, max_size=MAX_SIZE, compression=None,
                     process_request=refuse_other_paths, backlog=1024):
        print(f"python-websockets peer on ws://{host}:{port}/", flush=True)
        await stop


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--uvloop", action="store_true", help="run on uvloop instead of asyncio's loop")
    args = parser.parse_args()
    if args.uvloop:
        import uvloop
        uvloop.run(main(args.host, args.port))
    else:
        asyncio.run(main(args.host, args.port))
