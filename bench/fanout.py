"""Fan-out of live replies: N websocket clients in one thread room, 100 replies over HTTP at 10/s.

    .venv/bin/python bench/fanout.py                 # 100, 500 and 1000 clients
    .venv/bin/python bench/fanout.py --sizes 500 --replies 50

The server is the real app under gunicorn (the README's production command: gevent worker, so
Socket.IO runs in gevent mode; `--worker gthread` for threading mode) on a temporary SQLite
database, indexing search in the background as in production. Clients are python-socketio
raw Engine.IO/Socket.IO websocket clients (aiohttp) spread over
several processes; each joins the thread through the real,
permission-checked `join` handler and records when each `post_created` arrives. A poster signs
in over HTTP and replies at the given rate. For each size it prints the share delivered, p50/p99
latency from the reply's HTTP response to receipt (negative values mean the event arrived before
the HTTP response: the server publishes right after commit, before it redirects; they count as 0),
and the server's RSS growth per connected client.
"""
import argparse
import asyncio
import json
import multiprocessing as mp
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POST_ID = re.compile(r'"post_id":\s*(\d+)')
sys.path.insert(0, str(ROOT))


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def threads_of(pid):
    return len(os.listdir(f"/proc/{pid}/task"))


def prepare_database(url):
    """Sectors, a poster (moderator: no new-member queue) and one thread."""
    from forum import create_app
    from forum.services import accounts, posting, reading
    from forum.services.setup import ensure_sectors
    from models import db

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.create_all()
        ensure_sectors()
        poster = accounts.register("poster", "poster@example.eu", "correct horse battery", role="moderator")
        thread = posting.create_thread(poster, reading.get_sector("school").id, "Fan-out bench", "First post.")
        return thread.id


def start_server(port, url, threads, worker="gevent"):
    env = {**os.environ, "BENCH_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    kind = ["-k", "gevent"] if worker == "gevent" else ["-k", "gthread", "--threads", str(threads)]
    cmd = [str(Path(sys.executable).with_name("gunicorn")), *kind, "-w", "1", "--no-control-socket", "-b", f"127.0.0.1:{port}",
           "--backlog", "2048", "--timeout", "120", "--graceful-timeout", "2",
           "--worker-connections", str(threads + 100), "--log-level", "info", "bench.fanout_app:app"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    import requests

    try:
        for _ in range(120):
            try:
                requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.25)
    except BaseException:
        stop(proc)
        raise
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    return proc, int(children[0]) if children else proc.pid


# -- clients (separate processes) -------------------------------------------------------------

async def _raw_client(session, url, thread_id, mine, progress):
    """One reader speaking Engine.IO 4 / Socket.IO 5 directly over an aiohttp websocket: the
    same frames a browser exchanges, without python-socketio's per-message decoding, so the
    client processes measure the server rather than themselves."""
    ws = await session.ws_connect(url, max_msg_size=0, heartbeat=None)
    opened = await ws.receive_str()            # 0{"sid":…,"pingInterval":…}
    assert opened.startswith("0"), opened
    await ws.send_str("40")                    # connect to the default namespace
    while not (await ws.receive_str()).startswith("40"):
        pass
    await ws.send_str('420["join",{"thread":%d}]' % thread_id)
    while True:
        message = await ws.receive_str()
        if message.startswith("430"):
            assert '"ok":true' in message.replace(" ", ""), message
            break
    return ws


async def _reader_loop(ws, mine, progress):
    async for message in ws:
        data = message.data
        if data == "2":
            await ws.send_str("3")             # answer the server's ping
        elif data.startswith('42["post_created"'):
            found = POST_ID.search(data)
            if found:
                mine[int(found.group(1))] = time.time()
                with progress.get_lock():
                    progress.value += 1


async def _client_main(base, thread_id, count, ready, go, results, progress):
    import aiohttp

    url = base.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    received, sockets, loops = {}, [], []
    # limit=0: aiohttp otherwise holds every session to 100 open connections.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        for start in range(0, count, 50):
            batch = range(start, min(count, start + 50))
            opened = await asyncio.gather(*(
                _raw_client(session, url, thread_id, received.setdefault(i, {}), progress) for i in batch))
            for i, ws in zip(batch, opened):
                sockets.append(ws)
                loops.append(asyncio.ensure_future(_reader_loop(ws, received[i], progress)))
        ready.put(len(sockets))
        while not go.is_set():
            await asyncio.sleep(0.1)
        for ws in sockets:
            await ws.close()
        for task in loops:
            task.cancel()
    results.put(received)


def client_process(base, thread_id, count, ready, go, results, progress):
    asyncio.run(_client_main(base, thread_id, count, ready, go, results, progress))


# -- one run ----------------------------------------------------------------------------------

def run_size(base, thread_id, server_pid, size, replies, rate, procs):
    import requests

    from tests.support import find_csrf_token

    baseline_rss, baseline_threads = rss_kb(server_pid), threads_of(server_pid)
    ready, results, go, progress = mp.Queue(), mp.Queue(), mp.Event(), mp.Value("l", 0)
    shares = [size // procs + (1 if i < size % procs else 0) for i in range(procs)]
    workers = [mp.Process(target=client_process, args=(base, thread_id, n, ready, go, results, progress))
               for n in shares if n]
    for w in workers:
        w.start()
    connected = sum(ready.get(timeout=300) for _ in workers)
    log(f"{connected} clients joined")
    time.sleep(2)  # presence broadcasts of the joins settle
    rss_per_client = (rss_kb(server_pid) - baseline_rss) / max(connected, 1)
    threads_per_client = (threads_of(server_pid) - baseline_threads) / max(connected, 1)

    http = requests.Session()
    token = find_csrf_token(http.get(base + "/login").text)
    assert http.post(base + "/login", data={"login": "poster", "password": "correct horse battery",
                                             "csrf_token": token}, allow_redirects=False).status_code == 302
    token = find_csrf_token(http.get(f"{base}/threads/{thread_id}").text)
    answered = {}
    interval = 1.0 / rate
    start = time.perf_counter()
    for n in range(replies):
        delay = start + n * interval - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        sent = time.time()
        response = http.post(f"{base}/threads/{thread_id}/reply",
                             data={"body": f"Reply {n} of the bench", "language": "en", "csrf_token": token},
                             allow_redirects=False)
        done = time.time()
        assert response.status_code == 302, response.status_code
        post_id = int(response.headers["Location"].rsplit("#post-", 1)[1])
        answered[post_id] = (sent, done)
    log(f"{replies} replies posted")
    # Stragglers: wait until every client has every reply, or nothing arrived for 5 s.
    last, quiet_since = -1, time.monotonic()
    while progress.value < connected * replies and time.monotonic() - quiet_since < 5:
        if progress.value != last:
            last, quiet_since = progress.value, time.monotonic()
        time.sleep(0.2)
    go.set()
    received = {}
    for worker_no in range(len(workers)):
        for index, times in results.get(timeout=120).items():
            received[(worker_no, index)] = times
    for w in workers:
        w.join(timeout=30)

    latencies, from_sent, delivered = [], [], 0
    for per_client in received.values():
        for post_id, at in per_client.items():
            if post_id in answered:
                delivered += 1
                latencies.append(max(0.0, at - answered[post_id][1]) * 1000)
                from_sent.append((at - answered[post_id][0]) * 1000)
    expected = connected * replies
    latencies.sort()
    from_sent.sort()
    return {
        "clients": size, "connected": connected, "delivered": delivered, "expected": expected,
        "share": delivered / expected if expected else 0,
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] if latencies else None,
        "max_ms": latencies[-1] if latencies else None,
        "p50_from_request_ms": statistics.median(from_sent) if from_sent else None,
        "p99_from_request_ms": from_sent[int(len(from_sent) * 0.99) - 1] if from_sent else None,
        "rss_kb_per_client": round(rss_per_client, 1),
        "threads_per_client": round(threads_per_client, 2),
    }


def stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--replies", type=int, default=100)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--client-procs", type=int, default=4)
    parser.add_argument("--worker", choices=("gevent", "gthread"), default="gevent",
                        help="gunicorn worker class (Socket.IO async mode follows it)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="praxis-fanout-"))
    url = f"sqlite:///{tmp / 'bench.db'}"
    thread_id = prepare_database(url)
    rows = []
    for size in args.sizes:
        port = free_port()
        # gthread: every websocket holds one worker thread for its lifetime (gevent: a greenlet).
        proc, server_pid = start_server(port, url, threads=size + 64, worker=args.worker)
        log(f"server {server_pid} up for {size} clients")
        try:
            rows.append(run_size(f"http://127.0.0.1:{port}", thread_id, server_pid, size,
                                 args.replies, args.rate, args.client_procs))
        finally:
            stop(proc)
        print(json.dumps(rows[-1]), flush=True)

    print(f"\n{'clients':>8} {'delivered':>10} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'p50/p99 from request':>21} {'KB/client':>10} {'threads/client':>15}")
    for r in rows:
        print(f"{r['clients']:>8} {r['share']:>9.2%} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} "
              f"{r['max_ms']:>8.1f} {r['p50_from_request_ms']:>10.1f}/{r['p99_from_request_ms']:<10.1f} "
              f"{r['rss_kb_per_client']:>10.1f} {r['threads_per_client']:>15.2f}")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # run the finally clauses: no stray servers
    main()
