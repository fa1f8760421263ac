"""SHA-256 for the keys of caches and the fingerprints of findings, without importing hashlib.

``hashlib`` loads OpenSSL when it is imported: about 4 ms of CPU, a tenth of a bare ``import regex, yaml``
and paid by every one-file run. CPython's own SHA-256 module gives the same digests and loads nothing;
hashlib is the fallback where it is missing (it is ``_sha2`` from Python 3.12 on, ``_sha256`` before).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

sha256: Callable[..., Any]
try:
    from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,no-redef]  # Python 3.11
    except ImportError:  # pragma: no cover - a build without the builtin module
        from hashlib import sha256  # type: ignore[assignment,no-redef]

__all__ = ["sha256"]
