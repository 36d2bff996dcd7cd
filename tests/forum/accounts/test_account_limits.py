"""Issue 11, item 5: registration and password-reset requests are rate-limited per address
(24 accounts in 2.6 s from one address are no longer possible)."""
import pytest

from models import User, db
from tests.support import PASSWORD, FormClient


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_REGISTER": "3 per hour", "RATELIMIT_RESET_REQUEST": "2 per 15 minutes"}


def _register(client, n, address="10.0.0.1"):
    return client.submit("/register", {"username": f"bot{n}", "email": f"bot{n}@example.eu", "password": PASSWORD},
                         environ_base={"REMOTE_ADDR": address})


def test_registration_is_limited_per_address_with_a_clear_429(client):
    codes = [_register(FormClient(client.application), n).status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
    response = _register(client, 9)
    assert int(response.headers["Retry-After"]) > 0 and "try again in" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(User.id))) == 3
    assert _register(client, 10, address="10.0.0.2").status_code == 200  # another address has its own budget


def test_reset_requests_are_limited_per_address(client):
    codes = [client.submit("/reset-password", {"login": f"someone{n}@example.eu"},
                           environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]
