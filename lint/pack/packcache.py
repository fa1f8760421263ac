"""A cache of validated rule packs, keyed by the content of every rule, vocabulary and profile file.

Loading the default pack means parsing about thirty YAML files and compiling every pattern once to
validate it; on a pre-commit run that is most of the start-up time. The cache holds the parsed,
validated rules (plain data; patterns are compiled later, only those a run needs). It lives in the
user's cache folder (``$EDITORIAL_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/editorial-lint``, else
``~/.cache/editorial-lint``); ``EDITORIAL_LINT_NO_CACHE=1`` turns it off. A cache that cannot be
read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from lint import __version__

FORMAT = 1


def _folder() -> Path | None:
    if os.environ.get("EDITORIAL_LINT_NO_CACHE"):
        return None
    explicit = os.environ.get("EDITORIAL_LINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "editorial-lint"


def key(digest: str, paths: list[str]) -> str:
    """Content digest, the files' paths (messages name them), this version and this Python."""
    material = "\0".join([digest, __version__, sys.version, str(FORMAT), *paths])
    return hashlib.sha256(material.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def read(cache_key: str) -> Any | None:
    folder = _folder()
    if folder is None:
        return None
    try:
        with open(folder / f"pack-{cache_key}.pickle", "rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None


def write(cache_key: str, value: Any) -> None:
    folder = _folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        import tempfile  # only on a cache miss: a warm start-up never writes

        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".pack-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / f"pack-{cache_key}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return
