"""HMAC-SHA256 signatures (API reference: Authentication), for requests and for verifying webhooks (section 9)."""
import hashlib
import hmac
import re
import time

_HEX_SIGNATURE = re.compile(r"^[0-9a-fA-F]{64}$")
_TIMESTAMP = re.compile(r"^\d{13}$")


def _bytes(value):
    if value is None:
        return b""
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def sign(secret, method, path_and_query, timestamp, body=b""):
    """hex(HMAC-SHA256(secret, METHOD + path_and_query + timestamp + body)), body as the exact bytes sent."""
    message = ("%s%s%s" % (method.upper(), path_and_query, timestamp)).encode("utf-8") + _bytes(body)
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify_webhook(app_secret, path, timestamp, body, signature, tolerance_ms=300000, now_ms=None):
    """True when a webhook delivery was signed with your app secret and is fresh.

    app_secret: the secret, or a list of secrets during a rotation.
    path: path and query of your webhook URL as configured, e.g. '/hooks/procure?tenant=1'.
    timestamp, signature: the X-Timestamp and X-Signature headers.
    body: the raw body exactly as received (bytes or str), before any JSON parsing.
    Delivery is at least once: de-duplicate on eventId.
    """
    if not isinstance(timestamp, str) or not _TIMESTAMP.match(timestamp):
        return False
    if not isinstance(signature, str) or not _HEX_SIGNATURE.match(signature):
        return False
    now = int(time.time() * 1000) if now_ms is None else now_ms
    if abs(now - int(timestamp)) > tolerance_ms:
        return False
    secrets = [app_secret] if isinstance(app_secret, str) else list(app_secret)
    given = signature.lower()
    return any(hmac.compare_digest(sign(s, "POST", path, timestamp, body), given) for s in secrets)
