"""Every module imports on its own in a fresh interpreter: import cycles show up here first.

(Inside one pytest process everything is already imported, so a cycle that only bites when a module
is imported first — by gunicorn, a CLI command or a worker — would pass unnoticed.)

One child interpreter loads the third-party libraries once, then forks a process per project
module: each fork starts with none of our modules imported, exactly like a fresh interpreter for
the code under test, without paying for Flask and SQLAlchemy sixty times.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("forum", "models", "realtime")

DRIVER = r'''
import importlib, json, os, sys, traceback, warnings
warnings.simplefilter("error")
for library in ("flask", "flask_sqlalchemy", "sqlalchemy", "sqlalchemy.orm", "flask_login", "flask_wtf",
                "wtforms", "flask_babel", "babel", "flask_limiter", "flask_migrate", "alembic",
                "flask_socketio", "socketio", "engineio", "bleach", "markdown", "email_validator",
                "whoosh", "redis", "werkzeug", "click", "pytz", "zoneinfo"):
    try:
        importlib.import_module(library)
    except ImportError:
        pass
assert not any(name.split(".")[0] in ("forum", "models", "realtime", "config") for name in sys.modules)
failures = {}
for module in json.loads(sys.argv[1]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(module)
            os._exit(0)
        except BaseException:
            os.write(write, traceback.format_exc()[-2000:].encode())
            os._exit(1)
    os.close(write)
    with os.fdopen(read) as pipe:
        error = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    if status:
        failures[module] = error or f"exit status {status}"
print(json.dumps(failures))
'''


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_module_imports_in_a_fresh_interpreter():
    import json

    modules = list(_modules())
    assert "forum.services.accounts" in modules and "models" in modules and "realtime" in modules
    result = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(modules)], cwd=ROOT,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    assert not failures, "\n\n".join(f"{module}:\n{error}" for module, error in failures.items())
