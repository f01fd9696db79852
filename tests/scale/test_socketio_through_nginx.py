"""The web widget's socket.io through nginx, both ways a browser talks it: long polling
(many HTTP requests that must all reach the replica holding the session: sticky) and a
websocket (the Upgrade must pass nginx). The answer comes back on the socket."""
from __future__ import annotations

import asyncio
import json
import queue
import time

import socketio
import websockets

from tests.scale.conftest import say, texts

QUESTION = "有哪些补贴"


def expected(scaled) -> str:
    return texts(say(scaled.url, f"ref-{time.time_ns()}", QUESTION))


def test_widget_chats_through_nginx_by_long_polling(scaled):
    client = socketio.Client(reconnection=False)
    answers: "queue.Queue[dict]" = queue.Queue()
    confirmed = queue.Queue()
    client.on("bot_uttered", answers.put)
    client.on("session_confirm", confirmed.put)
    session = f"web-{time.time_ns()}"
    client.connect(scaled.url, transports=["polling"])
    try:
        client.emit("session_request", {"session_id": session})
        assert confirmed.get(timeout=30) == session
        client.emit("user_uttered", {"message": QUESTION, "session_id": session})
        received = [answers.get(timeout=60)]
        while True:              # the turn's other messages follow at once
            try:
                received.append(answers.get(timeout=3))
            except queue.Empty:
                break
    finally:
        client.disconnect()
    assert "\n".join(m["text"] for m in received if m.get("text")) == expected(scaled)


def test_widget_chats_through_nginx_over_a_websocket(scaled):
    """The socket.io protocol spoken by hand (engine.io 4): open, connect, events, pings."""
    url = scaled.url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    session = f"ws-{time.time_ns()}"

    async def chat() -> str:
        async with websockets.connect(url) as ws:
            assert (await ws.recv()).startswith("0")                       # engine.io open
            await ws.send("40")
            assert (await ws.recv()).startswith("40")                      # namespace joined
            await ws.send("42" + json.dumps(["session_request", {"session_id": session}]))
            await ws.send("42" + json.dumps(["user_uttered", {"message": QUESTION, "session_id": session}]))
            received = []
            while True:
                try:
                    packet = await asyncio.wait_for(ws.recv(), 60 if not received else 3)
                except asyncio.TimeoutError:
                    return "\n".join(received)
                if packet == "2":
                    await ws.send("3")                                     # pong
                elif packet.startswith("42"):
                    event, *data = json.loads(packet[2:])
                    if event == "bot_uttered" and data and data[0].get("text"):
                        received.append(data[0]["text"])

    assert asyncio.run(chat()) == expected(scaled)
