"""The real Praxis server for browser tests, started the way `make run` starts it.

The commands come from `make -n run` itself (migrate, then serve; the demo seeding is
replaced by a small fixed data set), so the tests exercise the same entry point a
person uses. Each server gets its own database, search index, outbox and instance
folder, runs in its own process group and is killed with the whole group.
"""
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FALLBACK_COMMANDS = ("{flask} --app wsgi db upgrade", "{flask} --app wsgi run --host {host} --port {port}")


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _flask_executable():
    candidate = Path(sys.executable).parent / "flask"
    return str(candidate) if candidate.exists() else f"{sys.executable} -m flask"


def make_run_commands(host, port):
    """The migrate and serve command lines of `make run` (`make -n`), seeding left out."""
    try:
        out = subprocess.run(["make", "-s", "-n", "run", f"HOST={host}", f"PORT={port}"], cwd=ROOT,
                             capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    lines = [line.strip() for line in out.splitlines() if "--app wsgi" in line]
    migrate = [line for line in lines if " db upgrade" in line]
    if not migrate or "seed-demo" in lines[-1] or " db " in lines[-1]:
        flask = _flask_executable()
        return [c.format(flask=flask, host=host, port=port) for c in FALLBACK_COMMANDS]
    return [migrate[0], lines[-1]]


def _argv(command):
    """Split a Makefile line; a relative `.venv/bin/…` is resolved against the repo root."""
    argv = shlex.split(command)
    if not Path(argv[0]).is_absolute() and (ROOT / argv[0]).exists():
        argv[0] = str(ROOT / argv[0])
    elif not (ROOT / argv[0]).exists() and argv[0].endswith("/flask"):
        argv[:1] = [sys.executable, "-m", "flask"]
    return argv


class LiveServer:
    """One server process with private storage under `workdir`."""

    def __init__(self, workdir, host="127.0.0.1"):
        self.workdir = Path(workdir)
        self.host = host
        self.port = free_port()
        self.url = f"http://{host}:{self.port}"
        self.process = None
        self.log_path = self.workdir / "server.log"
        self.env = self._environment()

    def _environment(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PRAXIS_", "FLASK_"))}
        env.update({
            "PRAXIS_ENV": "development",
            "PRAXIS_INSTANCE_DIR": str(self.workdir / "instance"),
            "DATABASE_URL": f"sqlite:///{self.workdir / 'praxis.db'}",
            "SEARCH_INDEX_DIR": str(self.workdir / "search-index"),
            "MAIL_OUTBOX_DIR": str(self.workdir / "outbox"),
            "BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        })
        # The tests post and sign in faster than people do: lift the flood limits (as TestingConfig does).
        for name in ("RATELIMIT_POSTS", "RATELIMIT_POSTS_NEW", "RATELIMIT_THREADS", "RATELIMIT_THREADS_NEW",
                     "RATELIMIT_LOGIN_ACCOUNT", "RATELIMIT_LOGIN_IP"):
            env[name] = "1000 per minute"
        for name in ("REDIS_URL", "MAIL_SERVER", "SECRET_KEY", "TEST_DATABASE_URL"):
            env.pop(name, None)
        return env

    def run(self, argv, **kwargs):
        """Run a command in the server's environment (migrations, seeding, CLI)."""
        return subprocess.run(argv, cwd=ROOT, env=self.env, capture_output=True, text=True,
                              timeout=120, check=True, **kwargs)

    def prepare(self):
        """Migrate the empty database, as `make run` does before serving."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.migrate_cmd, self.serve_cmd = make_run_commands(self.host, self.port)
        self.run(_argv(self.migrate_cmd))

    def seed(self, module="tests.e2e.seed"):
        """Fill a small fixed data set through the services (before the server starts)."""
        return self.run([sys.executable, "-m", module]).stdout

    def start(self, timeout=30):
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(_argv(self.serve_cmd), cwd=ROOT, env=self.env, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer within {timeout}s:\n{self.log_tail()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=10)

    def log_tail(self, lines=60):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"
