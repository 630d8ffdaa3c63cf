"""bench/soak's clients: each one lives a random while, does random chat
actions at a steady average rate, leaves cleanly or drops its connection,
and comes back, until the soak's deadline. Needs the `websockets` package."""

import asyncio
import collections
import json
import random
import time

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake


class Stats:
    def __init__(self):
        self.connected = self.connects = self.abrupt = 0
        self.sent = self.received = self.pings = self.listings = self.joins = self.leaves = 0
        self.errors = collections.Counter()


class Client:
    """One simulated user; `index` names it and seeds its choices."""

    def __init__(self, index, args, stats, deadline):
        self.index, self.args, self.stats, self.deadline = index, args, stats, deadline
        self.random = random.Random(args.seed * 100003 + index)
        self.rooms = []

    async def live(self):
        await asyncio.sleep(self.random.uniform(0, min(10, self.args.duration / 10)))
        while time.monotonic() < self.deadline:
            try:
                await self.session()
            except (OSError, asyncio.TimeoutError, InvalidHandshake):
                self.stats.errors["connect"] += 1
            except ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else "none"
                self.stats.errors[f"closed unexpectedly ({code})"] += 1
            await asyncio.sleep(self.random.uniform(0.1, 2))

    async def session(self):
        url = f"ws://127.0.0.1:{self.args.port}/?name=soak-{self.index}"
        websocket = await connect(url, open_timeout=10, close_timeout=5, ping_interval=None, max_size=1 << 20)
        self.stats.connects += 1
        self.stats.connected += 1
        reader = asyncio.create_task(self.read(websocket))
        self.rooms = []
        try:
            end = min(self.deadline, time.monotonic() + self.random.uniform(5, 60))
            await self.join(websocket)
            while time.monotonic() < end:
                await asyncio.sleep(min(self.random.expovariate(self.args.rate), max(0, end - time.monotonic())))
                if time.monotonic() < end:
                    await self.act(websocket)
            await self.leave(websocket)
        finally:
            self.stats.connected -= 1
            reader.cancel()

    async def leave(self, websocket):
        """A fifth of the sessions end by dropping the TCP connection without a close."""
        if self.random.random() < 0.2:
            self.stats.abrupt += 1
            websocket.transport.abort()
        else:
            await websocket.close()

    async def read(self, websocket):
        try:
            async for message in websocket:
                self.stats.received += 1
                if '"type":"error"' in message:
                    self.stats.errors["error frame"] += 1
        except ConnectionClosed:
            pass

    async def act(self, websocket):
        roll = self.random.random()
        if roll < 0.6 and self.rooms:
            text = f"soak {self.stats.sent} " + "x" * self.random.randint(0, 200)
            await self.send(websocket, {"type": "message", "room": self.random.choice(self.rooms), "text": text})
            self.stats.sent += 1
        elif roll < 0.7 and len(self.rooms) < 4:
            await self.join(websocket)
        elif roll < 0.8 and len(self.rooms) > 1:
            room = self.rooms.pop(self.random.randrange(len(self.rooms)))
            await self.send(websocket, {"type": "leave", "room": room})
            self.stats.leaves += 1
        elif roll < 0.9:
            await self.ping(websocket)
        else:
            request = {"type": "rooms"} if roll < 0.95 or not self.rooms else {"type": "who", "room": self.rooms[-1]}
            await self.send(websocket, request)
            self.stats.listings += 1

    async def join(self, websocket):
        room = f"soak-{self.random.randrange(self.args.rooms)}"
        if room not in self.rooms:
            self.rooms.append(room)
        await self.send(websocket, {"type": "join", "room": room})
        self.stats.joins += 1

    async def ping(self, websocket):
        pong = await websocket.ping()
        self.stats.pings += 1
        try:
            await asyncio.wait_for(pong, 10)
        except asyncio.TimeoutError:
            self.stats.errors["pong timeout"] += 1

    @staticmethod
    async def send(websocket, request):
        await websocket.send(json.dumps(request, separators=(",", ":")))


async def sample_until(log, stats, deadline, interval):
    while time.monotonic() < deadline:
        await asyncio.sleep(min(interval, max(0.0, deadline - time.monotonic())))
        log.sample("load", stats)


async def soak(args, log):
    stats = Stats()
    log.sample("before", stats)
    deadline = time.monotonic() + args.duration
    clients = [asyncio.create_task(Client(i, args, stats, deadline).live()) for i in range(args.clients)]
    await sample_until(log, stats, deadline, args.interval)
    done, pending = await asyncio.wait(clients, timeout=20)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for _ in range(3):
        await asyncio.sleep(1)
        log.sample("after", stats)
    return stats


def run_clients(args, log):
    return asyncio.run(soak(args, log))
