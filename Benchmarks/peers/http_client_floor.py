"""Where a small statement's round trip goes: the same `RETURN 1` through POST /db/neo4j/tx/commit sent three
ways over one keep-alive connection each, interleaved in rounds:

- `http.client`: Python's standard client, as the comparison harness and most Python scripts use it;
- `raw, one send`: the request written with one send() and the answer read from the socket, no HTTP library;
- `raw, two sends`: the same, with the headers and the body in separate sends (as http.client does);
- `raw, GET /`: the discovery document (no statement, no request body) over the raw socket, which is the
  server's HTTP floor: what the routing, middlewares and one small JSON answer cost without Cypher.

The difference between the first and the second is the client library's own cost, which no server change
removes. usage: http_client_floor.py HTTP_BASE_URL [ROUNDS]
"""
import http.client
import json
import socket
import statistics
import sys
import time
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 6
body = json.dumps({"statements": [{"statement": "RETURN 1", "parameters": {}}]}).encode()
head = (f"POST /db/neo4j/tx/commit HTTP/1.1\r\nHost: {url.hostname}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n").encode()
client = http.client.HTTPConnection(url.hostname, url.port)
sock = socket.create_connection((url.hostname, url.port))
sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def answer(expect=b'"row":[1]'):
    """Reads one response from the raw socket and checks it is the expected answer."""
    buf = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            raise SystemExit("the server closed the connection")
        buf += chunk
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            continue
        headers = buf[:end].lower()
        length = int(headers.split(b"content-length:")[1].split(b"\r\n")[0])
        if len(buf) >= end + 4 + length:
            if not headers.startswith(b"http/1.1 200") or expect not in buf[end + 4:]:
                raise SystemExit(f"unexpected answer: {buf[:200]!r}")
            return


def with_client():
    client.request("POST", "/db/neo4j/tx/commit", body, {"Content-Type": "application/json"})
    r = client.getresponse()
    out = json.loads(r.read())
    if r.status != 200 or out["results"][0]["data"][0]["row"] != [1]:
        raise SystemExit(f"unexpected answer: {r.status} {out}")


def raw_one():
    sock.sendall(head + body)
    answer()


def raw_two():
    sock.sendall(head)
    sock.sendall(body)
    answer()


discovery = f"GET / HTTP/1.1\r\nHost: {url.hostname}\r\nAccept: application/json\r\n\r\n".encode()


def raw_get():
    sock.sendall(discovery)
    answer(b'"neo4j_version"')


ways = {"http.client": with_client, "raw, one send": raw_one, "raw, two sends": raw_two, "raw, GET /": raw_get}
for f in ways.values():
    for _ in range(300):
        f()
times = {name: [] for name in ways}
for _ in range(rounds):
    for name, f in ways.items():
        for _ in range(500):
            t = time.perf_counter()
            f()
            times[name].append(time.perf_counter() - t)
for name, t in times.items():
    t.sort()
    print(f"{name:16} p50 {statistics.median(t) * 1e6:7.1f} µs   p99 {t[int(len(t) * 0.99)] * 1e6:7.1f} µs   (n={len(t)})")
