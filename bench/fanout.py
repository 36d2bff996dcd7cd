"""Fan-out of live replies: N websocket clients in one thread room, 100 replies over HTTP at 10/s.

    .venv/bin/python bench/fanout.py                 # 100, 500 and 1000 clients
    .venv/bin/python bench/fanout.py --sizes 500 --replies 50

The server is the real app under gunicorn (gthread worker, async_mode="threading", the
production command from the README) on a temporary SQLite database. Clients are python-socketio
AsyncClients (aiohttp) spread over several processes; each joins the thread through the real,
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
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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
        thread = posting.create_thread(poster, reading.get_sector("school"), "Fan-out bench", "First post.")
        return thread.id


def start_server(port, url, threads):
    env = {**os.environ, "BENCH_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    cmd = [str(Path(sys.executable).with_name("gunicorn")), "-k", "gthread", "-w", "1",
           "--threads", str(threads), "--no-control-socket", "-b", f"127.0.0.1:{port}",
           "--backlog", "2048", "--timeout", "120", "--log-level", "warning", "bench.fanout_app:app"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    import requests

    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    return proc, int(children[0]) if children else proc.pid


# -- clients (separate processes) -------------------------------------------------------------

async def _client_main(base, thread_id, count, ready, go, results):
    import socketio

    received = {}
    clients = []

    async def one(index):
        sio = socketio.AsyncClient(reconnection=False)
        mine = received.setdefault(index, {})

        @sio.on("post_created")
        async def on_post(data):
            mine[data["post_id"]] = time.time()

        await sio.connect(base, transports=["websocket"], wait_timeout=30)
        answer = await sio.call("join", {"thread": thread_id}, timeout=30)
        assert answer.get("ok"), answer
        clients.append(sio)

    batch = 50
    for start in range(0, count, batch):
        await asyncio.gather(*(one(i) for i in range(start, min(count, start + batch))))
    ready.put(len(clients))
    while not go.is_set():
        await asyncio.sleep(0.1)
    for sio in clients:
        await sio.eio.disconnect(abort=True)
    results.put(received)


def client_process(base, thread_id, count, ready, go, results):
    asyncio.run(_client_main(base, thread_id, count, ready, go, results))


# -- one run ----------------------------------------------------------------------------------

def run_size(base, thread_id, server_pid, size, replies, rate, procs):
    import requests

    from tests.support import find_csrf_token

    baseline_rss, baseline_threads = rss_kb(server_pid), threads_of(server_pid)
    ready, results, go = mp.Queue(), mp.Queue(), mp.Event()
    shares = [size // procs + (1 if i < size % procs else 0) for i in range(procs)]
    workers = [mp.Process(target=client_process, args=(base, thread_id, n, ready, go, results))
               for n in shares if n]
    for w in workers:
        w.start()
    connected = sum(ready.get(timeout=300) for _ in workers)
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
        response = http.post(f"{base}/threads/{thread_id}/reply",
                             data={"body": f"Reply {n} of the bench", "language": "en", "csrf_token": token},
                             allow_redirects=False)
        done = time.time()
        assert response.status_code == 302, response.status_code
        post_id = int(response.headers["Location"].rsplit("#post-", 1)[1])
        answered[post_id] = done
    time.sleep(3)  # stragglers
    go.set()
    received = {}
    for worker_no in range(len(workers)):
        for index, times in results.get(timeout=120).items():
            received[(worker_no, index)] = times
    for w in workers:
        w.join(timeout=30)

    latencies, delivered = [], 0
    for per_client in received.values():
        for post_id, at in per_client.items():
            if post_id in answered:
                delivered += 1
                latencies.append(max(0.0, at - answered[post_id]) * 1000)
    expected = connected * replies
    latencies.sort()
    return {
        "clients": size, "connected": connected, "delivered": delivered, "expected": expected,
        "share": delivered / expected if expected else 0,
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] if latencies else None,
        "max_ms": latencies[-1] if latencies else None,
        "rss_kb_per_client": round(rss_per_client, 1),
        "threads_per_client": round(threads_per_client, 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--replies", type=int, default=100)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--client-procs", type=int, default=4)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="praxis-fanout-"))
    url = f"sqlite:///{tmp / 'bench.db'}"
    thread_id = prepare_database(url)
    rows = []
    for size in args.sizes:
        port = free_port()
        # threading mode: every websocket holds one worker thread for its lifetime.
        proc, server_pid = start_server(port, url, threads=size + 64)
        try:
            rows.append(run_size(f"http://127.0.0.1:{port}", thread_id, server_pid, size,
                                 args.replies, args.rate, args.client_procs))
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        print(json.dumps(rows[-1]), flush=True)

    print(f"\n{'clients':>8} {'delivered':>10} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'KB/client':>10} {'threads/client':>15}")
    for r in rows:
        print(f"{r['clients']:>8} {r['share']:>9.2%} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} "
              f"{r['max_ms']:>8.1f} {r['rss_kb_per_client']:>10.1f} {r['threads_per_client']:>15.2f}")


if __name__ == "__main__":
    main()
