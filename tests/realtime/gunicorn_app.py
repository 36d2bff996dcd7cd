"""The app as gunicorn serves it in production (tests/realtime/test_gunicorn.py), on a test database."""
import os

from forum import create_app

app = create_app("testing", SQLALCHEMY_DATABASE_URI=os.environ["PRAXIS_TEST_DB"], SERVER_NAME=None,
                 TESTING=False, OUTBOX_SYNCHRONOUS=False, REDIS_URL=os.environ.get("REDIS_URL"))
