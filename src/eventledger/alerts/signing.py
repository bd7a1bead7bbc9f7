"""Webhook signatures: HMAC-SHA256 over ``"<timestamp>.<body>"``, sent as ``sha256=<hex>``.

Signing the timestamp with the body lets a receiver refuse replays of an old delivery; receivers
verify with ``verify`` (or the same three lines in their own language, see docs/alerts.md).
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Eventledger-Signature"
TIMESTAMP_HEADER = "X-Eventledger-Timestamp"
DELIVERY_HEADER = "X-Eventledger-Delivery"
KIND_HEADER = "X-Eventledger-Kind"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
