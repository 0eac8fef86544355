"""Test-wide set-up: every test and doctest builds into a temporary home, never the checkout's build/.

And every test and doctest reads the seed (``data/`` without ``data/public-record/``) unless it
names its data: the seed's tests state the seed's answers, and building the public record's 265
source graphs for each of them would slow the whole suite down. The public record's tests ask
for the whole ``data/`` by name (``tests/test_public_record.py``), and check there that the
seed's answers are the same with the public record beside it.
"""

import os
import shutil
import tempfile
from pathlib import Path

#: The subdirectories of data/ that are not the seed (issue 11's public record).
NOT_SEED = ("public-record",)


def _seed_only() -> str:
    """A copy of data/ without the public record, in a temporary directory."""
    seed = Path(tempfile.mkdtemp(prefix="regkg-test-seed-")) / "data"
    shutil.copytree(Path(__file__).resolve().parent / "data", seed, ignore=shutil.ignore_patterns(*NOT_SEED))
    return str(seed)


os.environ.setdefault("REGKG_HOME", tempfile.mkdtemp(prefix="regkg-test-home-"))
os.environ.setdefault("REGKG_DATA", _seed_only())
