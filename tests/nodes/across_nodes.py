"""What must hold across two nodes behind nginx (tests/nodes/nodes_test.sh runs this).

Prints "ok - ..." or "FAIL - ..." per check; exits non-zero when one failed."""
import hashlib
import http.client
import json
import socket
import sys
import time

PORT, PASSWORD, VILLAGE = int(sys.argv[1]), sys.argv[2], sys.argv[3]
failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok   - " if ok else "FAIL - ") + name + ("" if ok else f"\n       {detail}"), flush=True)
    failures += 0 if ok else 1


def request(method, path, body=None, cookie=None, csrf=None, headers=None, source=None):
    """`source`: the loopback address to connect from, which nginx passes on as the client's
    (each check of a per-client limit comes from an address of its own)."""
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30,
                                   source_address=(source, 0) if source else None)
    h = dict(headers or {})
    if body is not None:
        h["Content-Type"] = "application/json"
    if cookie:
        h["Cookie"] = cookie
    if csrf:
        h["X-CSRF-Token"] = csrf
    c.request(method, path, json.dumps(body) if body is not None else None, h)
    r = c.getresponse()
    data = r.read()
    out = (r.status, json.loads(data) if data else None, r.getheader("X-Hejia-Node"),
           r.getheader("Set-Cookie") or "")
    c.close()
    return out


def sign_in(login):
    status, body, _, cookies = request("POST", "/api/v1/session", {"login": login, "password": PASSWORD})
    if status != 200:
        raise SystemExit(f"FAIL - {login} signs in through nginx\n       {status} {body}")
    return cookies.split(";")[0], body["csrf_token"], body["user"]["id"]


def intake(cookie, csrf, n):
    return request("POST", "/api/v1/cases", {
        "channel": "hotline", "category": "domestic_violence", "title": f"夜间求助 {n}",
        "facts": "丈夫酒后威胁，申请人害怕回家。", "home_code": VILLAGE,
        "parties": [{"role": "applicant", "name": "测试女士", "gender": "female",
                     "phone": f"1370000{n:04d}"}]}, cookie, csrf)


def open_stream(cookie):
    """Opens GET /cases/stream through nginx: (socket, bytes so far, head, node)."""
    sock = socket.create_connection(("127.0.0.1", PORT), timeout=30)
    sock.sendall((f"GET /api/v1/cases/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                  "Accept: text/event-stream\r\n\r\n").encode())
    received = b""
    deadline = time.time() + 30
    while b": connected" not in received and time.time() < deadline:
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    head = received.split(b"\r\n\r\n", 1)[0].decode(errors="replace")
    node = next((l.split(":", 1)[1].strip() for l in head.split("\r\n")
                 if l.lower().startswith("x-hejia-node:")), "")
    return sock, received, head, node


def stream_ends(sock, received, seconds):
    """True when the stream's response ends (the last chunk, or the connection closed) in time."""
    deadline = time.time() + seconds
    while b"\r\n0\r\n\r\n" not in received and time.time() < deadline:
        sock.settimeout(max(0.05, deadline - time.time()))
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            return False
        if not chunk:
            return True
        received += chunk
    return b"\r\n0\r\n\r\n" in received


# ---- a live alert raised through one node reaches a stream open on the other ----
city = sign_in("city")
status, probe, _, _ = intake(city[0], city[1], 1)
assignee = (probe or {}).get("assignee") or {}
check("a night request is assigned to the worker on duty", status == 201 and "id" in assignee,
      f"{status} {probe}")
listener = None
for login in ("town", "village", "town2"):
    s = sign_in(login)
    if s[2] == assignee.get("id"):
        listener = (login, s)
check("the worker on duty is a demo account", listener is not None, f"assignee {assignee}")
if listener:
    login, (cookie, _, _) = listener
    sock, received, head, stream_node = open_stream(cookie)
    check(f"{login}'s live stream is open on one node", b": connected" in received and stream_node,
          head)
    case_id, raised_on = None, None
    for n in range(2, 12):
        status, made, node, _ = intake(city[0], city[1], n)
        if status == 201 and node and node != stream_node:
            case_id, raised_on = made["id"], node
            break
    check("a night request is taken in through the other node", case_id is not None,
          f"stream on {stream_node}")
    if case_id:
        needles = (f'"case_id":{case_id},'.encode(), f'"case_id":{case_id}}}'.encode())
        arrived = lambda: any(n in received for n in needles)  # noqa: E731
        deadline = time.time() + 30
        while not arrived() and time.time() < deadline:
            sock.settimeout(max(0.1, deadline - time.time()))
            try:
                chunk = sock.recv(4096)
            except socket.timeout:
                break
            if not chunk:
                break
            received += chunk
        check(f"the alert raised on {raised_on} reaches the stream on {stream_node}",
              arrived(), received[-400:].decode(errors="replace"))
    sock.close()


# ---- a challenge spent on one node is refused by the other ----
def solve(token, difficulty):
    nonce = 0
    while True:
        digest = hashlib.sha256(f"{token}:{nonce}".encode()).digest()
        bits = 0
        for byte in digest:
            if byte == 0:
                bits += 8
                continue
            bits += 8 - byte.bit_length()
            break
        if bits >= difficulty:
            return str(nonce)
        nonce += 1


status, challenge, _, _ = request("POST", "/api/v1/public/challenge", {})
check("the portal hands out a challenge", status == 200, f"{status} {challenge}")
answer = {"token": challenge["token"], "nonce": solve(challenge["token"], challenge["difficulty"])}
ask = {"category": "domestic_violence", "question": "离婚后孩子的抚养费怎么要？", "challenge": answer}
status, body, first_node, _ = request("POST", "/api/v1/public/consultations", ask)
check("a consultation paid with it is taken", status == 201, f"{status} {body}")
refused = None
for _ in range(6):
    status, body, node, _ = request("POST", "/api/v1/public/consultations", ask)
    if node != first_node:
        refused = (status, body, node)
        break
check("the same challenge is refused by the other node",
      refused is not None and refused[0] == 400 and refused[1]["error"].get("field") == "challenge",
      f"first on {first_node}, then {refused}")

# ---- failed sign-ins counted through one node make the other wait too ----
seen_waiting = set()
nodes = set()
for _ in range(16):
    status, body, node, _ = request("POST", "/api/v1/session",
                                    {"login": "nodes-nobody", "password": "Wrong-Pass-2026!"},
                                    headers={"X-Real-IP": "198.51.100.77"})
    nodes.add(node)
    if status == 429:
        seen_waiting.add(node)
    if len(seen_waiting) == 2:
        break
check("after repeated failures both nodes make the client wait", len(seen_waiting) == 2,
      f"waiting on {sorted(seen_waiting)} of {sorted(nodes)}")


# ---- the per-client windows count across nodes ----
def until_refused(name, limit, attempt, most):
    """Sends `attempt(i)` from `source` until the first 429, then until both nodes refused: the
    window, counted once for both nodes, lets `limit` through, not `limit` per node."""
    allowed, answers, refused_on = 0, [], set()
    for i in range(most):
        status, body, node = attempt(i)
        answers.append((status, node))
        if status == 429:
            refused_on.add(node)
            if len(refused_on) == 2:
                break
        elif not refused_on:
            allowed += 1
    check(f"{name}: {limit} from one client in all, then both nodes refuse (429)",
          allowed == limit and len(refused_on) == 2,
          f"{allowed} allowed, refused on {sorted(refused_on)}; answers {answers[-12:]}")


def challenge_from(source):
    return request("POST", "/api/v1/public/challenge", {}, source=source)[:3]


until_refused("public challenges", 30, lambda i: challenge_from("127.0.0.21"), 70)


def consultation_from(source):
    refused = []

    def attempt(i):
        # Once refused, no challenge is fetched (the window answers before the challenge is
        # looked at), so the submissions alternate between the nodes.
        paid = {"token": "x", "nonce": "0"}
        if not refused:
            _, ch, _ = challenge_from(source)
            paid = {"token": ch["token"], "nonce": solve(ch["token"], ch["difficulty"])}
        answer = request("POST", "/api/v1/public/consultations",
                         {"category": "domestic_violence", "question": f"抚养费的问题 {i}",
                          "challenge": paid}, source=source)[:3]
        if answer[0] == 429:
            refused.append(answer)
        return answer
    return attempt


until_refused("public submissions", 5, consultation_from("127.0.0.22"), 16)
until_refused("sign-in attempts per address", 20,
              lambda i: request("POST", "/api/v1/session",
                                {"login": f"nodes-guess-{i}", "password": "Wrong-Pass-2026!"},
                                source="127.0.0.23")[:3], 50)

# ---- a user's sixth stream ends her oldest, whichever node holds it ----
streams = [open_stream(city[0]) for _ in range(5)]
check("five streams of one user are open across both nodes",
      all(b": connected" in s[1] for s in streams) and len({s[3] for s in streams}) == 2,
      f"on {[s[3] for s in streams]}")
sixth = open_stream(city[0])
oldest = streams[0]
check(f"the sixth stream, opened on {sixth[3]}, ends the oldest, open on {oldest[3]}",
      stream_ends(oldest[0], oldest[1], 10),
      f"streams on {[s[3] for s in streams]}; the oldest ({oldest[3]}) still open")
check("the other five streams stay open",
      not any(stream_ends(s[0], s[1], 0.3) for s in streams[1:] + [sixth]))
for s in streams + [sixth]:
    s[0].close()

sys.exit(1 if failures else 0)
