"""The app for bench/fanout.py under gunicorn: test config (generous rate limits) on the bench's
database, errors handled as in production."""
import os

from forum import create_app

app = create_app("testing", SQLALCHEMY_DATABASE_URI=os.environ["BENCH_DATABASE_URL"], TESTING=False,
                 OUTBOX_SYNCHRONOUS=False)  # as in production: effects never delay the reply
