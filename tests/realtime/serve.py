"""A test server process: the app on PORT with the database PRAXIS_TEST_DB (and REDIS_URL)."""
import os
import tempfile

from werkzeug.serving import make_server

from forum import create_app

scratch = tempfile.mkdtemp(prefix="praxis-serve-")  # never the checkout's instance/ index and outbox
app = create_app("testing", SQLALCHEMY_DATABASE_URI=os.environ["PRAXIS_TEST_DB"], SERVER_NAME=None,
                 REDIS_URL=os.environ.get("REDIS_URL"), SEARCH_INDEX_DIR=os.path.join(scratch, "index"),
                 MAIL_OUTBOX_DIR=os.path.join(scratch, "outbox"))
make_server("127.0.0.1", int(os.environ["PORT"]), app, threaded=True).serve_forever()
