import os

import pytest

# Keep tests independent of the user's environment.
os.environ.setdefault("CONFLICTCODER_TESTING", "1")


@pytest.fixture(scope="session")
def examples_dir():
    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "examples")
