"""Test-wide set-up: every test and doctest builds into a temporary home, never the checkout's build/."""

import os
import tempfile

os.environ.setdefault("REGKG_HOME", tempfile.mkdtemp(prefix="regkg-test-home-"))
