"""A server process for the kill -9 tests: the app with its drainer threads (not draining in the
request), configured by the JSON in PRAXIS_TEST_CONFIG, served by Werkzeug on PORT."""
import json
import os

from werkzeug.serving import make_server

from forum import create_app

config = json.loads(os.environ["PRAXIS_TEST_CONFIG"])
app = create_app("testing", OUTBOX_SYNCHRONOUS=False, **config)
make_server("127.0.0.1", int(os.environ["PORT"]), app, threaded=True).serve_forever()
