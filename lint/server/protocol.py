"""Frames between the server process and its checking workers (stdin/stdout pipes).

Request: 1-byte operation, 4-byte length, the client's request body as sent. Reply: 2-byte HTTP status,
4-byte length, the JSON answer. The worker parses and validates, so the server process only moves bytes.
"""

from __future__ import annotations

import struct

CHECK, BATCH, RULES, READY = 1, 2, 3, 4
REQUEST = struct.Struct(">BI")
REPLY = struct.Struct(">HI")
