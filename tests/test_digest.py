"""lint/pack/digest.py: the SHA-256 that keys caches and fingerprints findings is hashlib's, byte for byte."""

from __future__ import annotations

import hashlib

import pytest

from lint.pack.digest import sha256


@pytest.mark.parametrize("data", [b"", b"abc", "Straße\0Zeile\n".encode() * 5000])
def test_digests_equal_hashlib(data: bytes) -> None:
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


def test_incremental_updates_equal_one_digest() -> None:
    digest = sha256(b"erste ")
    digest.update(b"zweite")
    assert digest.hexdigest() == hashlib.sha256(b"erste zweite").hexdigest()
