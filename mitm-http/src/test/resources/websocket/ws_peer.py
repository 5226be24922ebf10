"""A python3-websockets peer for the WebSocket codec's interoperability tests.

  ws_peer.py client PORT [deflate options...]   run the client scenario against ws://127.0.0.1:PORT
  ws_peer.py echo-server [deflate options...]   serve an echo endpoint; print its port; stop when
                                                stdin closes (or after 120 s)

Deflate options: server_no_context_takeover, client_no_context_takeover,
server_max_window_bits=N, client_max_window_bits[=N]. The client prints one line per check and
"ok" at the end; any failure raises, so the exit status is non-zero.
"""
import asyncio
import base64
import random
import sys

import websockets
from websockets.extensions.permessage_deflate import (
    ClientPerMessageDeflateFactory,
    ServerPerMessageDeflateFactory,
)


def deflate_options(args):
    options = {}
    for arg in args:
        name, _, value = arg.partition("=")
        options[name] = int(value) if value else True
    return options


def messages():
    rng = random.Random(16)
    yield "Hello"
    yield "κόσμε 🚀 " * 2000
    yield bytes(range(256)) * 4096                       # 1 MiB, compressible
    yield rng.randbytes(300_000)                           # incompressible
    yield ("the quick brown fox " * 400_000)               # 8 MB of text
    yield b""
    yield ""
    # The same 2000 random characters twice: under context takeover the second copy refers back
    # 2000 bytes, which a peer that asked for a 512-byte window cannot decode.
    unique = base64.b64encode(rng.randbytes(1500)).decode()
    yield unique
    yield unique


async def client(port, options):
    factory = ClientPerMessageDeflateFactory(**options)
    async with websockets.connect(
            f"ws://127.0.0.1:{port}/echo", extensions=[factory], compression=None,
            max_size=None, subprotocols=["chat"], open_timeout=30, close_timeout=30) as ws:
        print("extensions", [type(e).__name__ + repr(vars(e)) for e in ws.extensions])
        print("subprotocol", ws.subprotocol)
        for message in messages():
            await ws.send(message)
            echo = await asyncio.wait_for(ws.recv(), 60)
            assert echo == message, f"echo of a {len(message)}-long message differs"
            print("echoed", type(message).__name__, len(message))
        await ws.send(["frag", "ment", "ed ✓"])
        assert await asyncio.wait_for(ws.recv(), 60) == "fragmented ✓"
        await ws.send([b"\x00" * 70_000, b"\x01" * 70_000])
        assert await asyncio.wait_for(ws.recv(), 60) == b"\x00" * 70_000 + b"\x01" * 70_000
        print("echoed fragmented")
        pong = await ws.ping(b"ping-data")
        await asyncio.wait_for(pong, 30)
        print("pong")
        await ws.close(4000, "done ✓")
        print("close", ws.close_code, ws.close_reason)
        assert ws.close_code == 4000 and ws.close_reason == "done ✓"
    print("ok")


async def echo(ws, path=None):
    async for message in ws:
        await ws.send(message)


async def echo_server(options):
    factory = ServerPerMessageDeflateFactory(**options)
    async with websockets.serve(echo, "127.0.0.1", 0, extensions=[factory], compression=None,
                                max_size=None, close_timeout=30) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        loop = asyncio.get_running_loop()
        await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.read), 120)


def main():
    mode = sys.argv[1]
    if mode == "client":
        asyncio.run(client(int(sys.argv[2]), deflate_options(sys.argv[3:])))
    elif mode == "echo-server":
        asyncio.run(echo_server(deflate_options(sys.argv[2:])))
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()
