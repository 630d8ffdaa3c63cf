"""The Channels tutorial's design: a room is a group; joining adds the
consumer's channel to it, a message is one group_send that the layer
carries (through Redis) to every member on every node."""

import hashlib
import itertools
import json
import re
import time

from channels.generic.websocket import AsyncWebsocketConsumer

_ids = itertools.count(1)
# Members per room on this node: what `joined.members` reports.
_local_members = {}


def group_name(room):
    """Channels accepts ASCII letters, digits, '-', '_' and '.' under 100 chars."""
    if re.fullmatch(r"[A-Za-z0-9_.-]{1,90}", room):
        return "room." + room
    return "roomh." + hashlib.sha1(room.encode()).hexdigest()


class ChatConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.client_id = f"c{next(_ids)}"
        self.rooms = set()
        await self.accept()
        await self.reply({"type": "welcome", "id": self.client_id})

    async def disconnect(self, code):
        for room in self.rooms:
            await self.channel_layer.group_discard(group_name(room), self.channel_name)
            _local_members[room] -= 1
            if not _local_members[room]:
                del _local_members[room]

    async def receive(self, text_data=None, bytes_data=None):
        try:
            request = json.loads(text_data if text_data is not None else bytes_data)
        except ValueError:
            return await self.reply({"type": "error", "error": "invalid json"})
        if not isinstance(request, dict):
            return await self.reply({"type": "error", "error": "invalid message"})
        kind, room, text = request.get("type"), request.get("room"), request.get("text")
        if kind == "join":
            if not isinstance(room, str):
                return await self.reply({"type": "error", "error": "missing room"})
            return await self.join(room)
        if kind == "message":
            if not isinstance(room, str) or not isinstance(text, str):
                return await self.reply({"type": "error", "error": "missing room or text"})
            return await self.publish(room, text)
        await self.reply({"type": "error", "error": "unknown type"})

    async def join(self, room):
        if room not in self.rooms:
            await self.channel_layer.group_add(group_name(room), self.channel_name)
            self.rooms.add(room)
            _local_members[room] = _local_members.get(room, 0) + 1
        await self.reply({"type": "joined", "room": room, "members": _local_members[room]})

    async def publish(self, room, text):
        if room not in self.rooms:
            return await self.reply({"type": "error", "error": "not a member of room"})
        message = {"type": "message", "room": room, "from": self.client_id, "text": text,
                   "ts": int(time.time() * 1000)}
        # Serialised once here; every member's consumer sends the same string.
        await self.channel_layer.group_send(group_name(room), {"type": "chat.message", "text": json.dumps(message)})

    async def chat_message(self, event):
        await self.send(text_data=event["text"])

    async def reply(self, message):
        await self.send(text_data=json.dumps(message))


class EchoConsumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        await self.send(text_data=text_data, bytes_data=bytes_data)


class RefusingConsumer(AsyncWebsocketConsumer):
    """Any other path: closing before accepting makes daphne answer 403."""

    async def connect(self):
        await self.close()
