"""These tests read the German and French catalogues: compile them as `make install` does."""
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """`make` rebuilds only .mo files older than their .po (a no-op after `make install`)."""
    targets = [f"forum/translations/{lang}/LC_MESSAGES/messages.mo" for lang in ("de", "en", "fr", "pl")]
    subprocess.run(["make", "-s", *targets], cwd=ROOT, check=True, capture_output=True)
