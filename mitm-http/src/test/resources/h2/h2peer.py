#!/usr/bin/env python3
"""A python3-h2 peer for mitm4j's HTTP/2 tests, over loopback only.

  h2peer.py client PORT          a normal client: three concurrent requests, one JSON line each
  h2peer.py hostile PORT CASE    sends one malformed request, prints what came back as JSON
  h2peer.py server               an echo server on an ephemeral port; prints "port N" first
  h2peer.py flood PORT KIND N    sends N frames of a flood (rapid-reset, ping), prints the verdict
  h2peer.py small-list PORT N    advertises SETTINGS_MAX_HEADER_LIST_SIZE N, then requests a long
                                 path (stream 1) and a short one (stream 3); one JSON line each

Every mode stops by itself: sockets time out after 10 s, the server after 30 s or one connection.
"""
import json
import socket
import sys

import h2.config
import h2.connection
import h2.events
import h2.settings

TIMEOUT = 10


def connect(port, validate=True):
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    config = h2.config.H2Configuration(client_side=True, header_encoding=None,
                                       validate_outbound_headers=validate,
                                       normalize_outbound_headers=validate,
                                       validate_inbound_headers=validate)
    conn = h2.connection.H2Connection(config=config)
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    return sock, conn


def request(path, method="GET", extra=()):
    return [(":method", method), (":scheme", "http"), (":authority", "127.0.0.1"),
            (":path", path)] + list(extra)


def client(port):
    sock, conn = connect(port)
    big = b"x" * 200000
    conn.send_headers(1, request("/a"), end_stream=True)
    conn.send_headers(3, request("/b", "POST", [("content-length", str(len(big)))]))
    conn.send_headers(5, request("/c", "POST", [("te", "trailers")]))
    conn.send_data(5, b"with trailers")
    conn.send_headers(5, [("x-sum", "42")], end_stream=True)
    pending = {3: big}
    results = {1: {"body": 0}, 3: {"body": 0}, 5: {"body": 0}}
    done = set()
    sock.sendall(conn.data_to_send())
    while len(done) < 3:
        for sid, data in list(pending.items()):
            while data:
                n = min(len(data), conn.local_flow_control_window(sid),
                        conn.max_outbound_frame_size)
                if n <= 0:
                    break
                conn.send_data(sid, data[:n], end_stream=(n == len(data)))
                data = data[n:]
            if data:
                pending[sid] = data
            else:
                del pending[sid]
        sock.sendall(conn.data_to_send())
        raw = sock.recv(65536)
        if not raw:
            break
        for event in conn.receive_data(raw):
            if isinstance(event, h2.events.ResponseReceived):
                h = dict((k.decode(), v.decode()) for k, v in event.headers)
                results[event.stream_id].update(status=h[":status"], path=h.get("x-path"))
            elif isinstance(event, h2.events.DataReceived):
                results[event.stream_id]["body"] += len(event.data)
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.TrailersReceived):
                results[event.stream_id]["trailers"] = dict(
                    (k.decode(), v.decode()) for k, v in event.headers)
            elif isinstance(event, h2.events.StreamEnded):
                done.add(event.stream_id)
        sock.sendall(conn.data_to_send())
    conn.close_connection()
    sock.sendall(conn.data_to_send())
    for sid in sorted(results):
        print(json.dumps(dict(stream=sid, **results[sid])), flush=True)


HOSTILE = {
    "uppercase-name": (request("/", extra=[("X-Upper", "v")]), True, None),
    "connection-header": (request("/", extra=[("connection", "close")]), True, None),
    "te-gzip": (request("/", extra=[("te", "gzip")]), True, None),
    "cr-in-value": (request("/", extra=[("x-a", "a\rb")]), True, None),
    "pseudo-after-regular": ([(":method", "GET"), ("x-a", "1"), (":scheme", "http"),
                              (":path", "/")], True, None),
    "missing-path": ([(":method", "GET"), (":scheme", "http")], True, None),
    "content-length-short": (request("/", "POST", [("content-length", "10")]), False, b"12345"),
    "content-length-long": (request("/", "POST", [("content-length", "2")]), False, b"12345"),
}


def linger(sock):
    """Keeps the connection open up to 2 s, so the server's handler sees the reset stream."""
    sock.settimeout(2)
    try:
        while sock.recv(65536):
            pass
    except OSError:
        pass


def hostile(port, case):
    headers, end, body = HOSTILE[case]
    sock, conn = connect(port, validate=False)
    conn.send_headers(1, headers, end_stream=end)
    if body is not None:
        conn.send_data(1, body, end_stream=True)
    sock.sendall(conn.data_to_send())
    while True:
        try:
            raw = sock.recv(65536)
        except socket.timeout:
            print(json.dumps({"timeout": True}), flush=True)
            return
        if not raw:
            print(json.dumps({"closed": True}), flush=True)
            return
        for event in conn.receive_data(raw):
            if isinstance(event, h2.events.StreamReset):
                print(json.dumps({"rst": int(event.error_code)}), flush=True)
                if case.startswith("content-length"):
                    linger(sock)  # the request was accepted: let its handler see the reset
                return
            if isinstance(event, h2.events.ConnectionTerminated):
                print(json.dumps({"goaway": int(event.error_code)}), flush=True)
                return
            if isinstance(event, h2.events.ResponseReceived):
                print(json.dumps({"response": dict(event.headers)[b":status"].decode()}),
                      flush=True)
                return
        sock.sendall(conn.data_to_send())


def flood(port, kind, count):
    """Floods the server, then reports its GOAWAY code (or that it stayed silent or closed)."""
    sock, conn = connect(port)
    for i in range(count):
        if kind == "rapid-reset":
            sid = conn.get_next_available_stream_id()
            conn.send_headers(sid, request("/"), end_stream=True)
            conn.reset_stream(sid, error_code=8)
        else:
            conn.ping(i.to_bytes(8, "big"))
    try:
        sock.sendall(conn.data_to_send())
    except OSError:
        pass  # the server stopped reading: its GOAWAY is read next
    while True:
        try:
            raw = sock.recv(65536)
        except socket.timeout:
            print(json.dumps({"timeout": True}), flush=True)
            return
        except OSError:
            raw = b""
        if not raw:
            print(json.dumps({"closed": True}), flush=True)
            return
        for event in conn.receive_data(raw):
            if isinstance(event, h2.events.ConnectionTerminated):
                print(json.dumps({"goaway": int(event.error_code)}), flush=True)
                return


def small_list(port, limit):
    """A client that accepts only small field sections: python-h2 enforces its own limit."""
    sock, conn = connect(port)
    conn.update_settings({h2.settings.SettingCodes.MAX_HEADER_LIST_SIZE: limit})
    conn.send_headers(1, request("/" + "p" * 300), end_stream=True)
    conn.send_headers(3, request("/short"), end_stream=True)
    sock.sendall(conn.data_to_send())
    results = {}
    while len(results) < 2:
        raw = sock.recv(65536)
        if not raw:
            results["closed"] = {"closed": True}
            break
        for event in conn.receive_data(raw):
            if isinstance(event, h2.events.StreamReset):
                results[event.stream_id] = {"stream": event.stream_id,
                                            "rst": int(event.error_code)}
            elif isinstance(event, h2.events.ResponseReceived):
                results[event.stream_id] = {"stream": event.stream_id,
                                            "status": dict(event.headers)[b":status"].decode()}
            elif isinstance(event, h2.events.ConnectionTerminated):
                results["goaway"] = {"goaway": int(event.error_code)}
        sock.sendall(conn.data_to_send())
    for key in sorted(results, key=str):
        print(json.dumps(results[key]), flush=True)


def server():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(30)
    print("port %d" % listener.getsockname()[1], flush=True)
    sock, _ = listener.accept()
    sock.settimeout(30)
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False))
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    bodies, heads = {}, {}
    while True:
        raw = sock.recv(65536)
        if not raw:
            return
        for event in conn.receive_data(raw):
            if isinstance(event, h2.events.RequestReceived):
                heads[event.stream_id] = dict(event.headers)
                bodies[event.stream_id] = b""
            elif isinstance(event, h2.events.DataReceived):
                bodies[event.stream_id] += event.data
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):
                sid = event.stream_id
                body = bodies.pop(sid)
                head = heads.pop(sid)
                conn.send_headers(sid, [(":status", "200"), ("x-server", "python-h2"),
                                        ("x-path", head[b":path"].decode()),
                                        ("content-length", str(len(body)))],
                                  end_stream=not body)
                if body:
                    conn.send_data(sid, body, end_stream=True)
            elif isinstance(event, h2.events.ConnectionTerminated):
                sock.sendall(conn.data_to_send())
                return
        sock.sendall(conn.data_to_send())


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "client":
        client(int(sys.argv[2]))
    elif mode == "hostile":
        hostile(int(sys.argv[2]), sys.argv[3])
    elif mode == "small-list":
        small_list(int(sys.argv[2]), int(sys.argv[3]))
    elif mode == "flood":
        flood(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        server()
