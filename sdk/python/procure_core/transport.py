"""One signed HTTP call with retries: signs every attempt afresh, backs off exponentially, honours Retry-After."""
import email.utils
import json
import random
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from . import __version__
from .errors import ProcureConnectionError, ProcureError, ProcureTimeoutError
from .signing import sign


def query_string(pairs):
    """Percent-encodes everything but RFC 3986 unreserved characters; the URL is sent (and signed) as built here."""
    encoded = []
    for key, value in pairs:
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        encoded.append("%s=%s" % (urllib.parse.quote(str(key), safe=""), urllib.parse.quote(str(value), safe="")))
    return "&".join(encoded)


def _retry_after_seconds(headers):
    value = headers.get("Retry-After") if headers else None
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class Transport:
    def __init__(self, app_id, app_secret, base_url, timeout, max_retries, retry_base_delay, max_retry_delay):
        self.app_id = app_id
        self.app_secret = app_secret
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.retry_base_delay = retry_base_delay
        self.max_retry_delay = max_retry_delay
        self._path_prefix = urllib.parse.urlsplit(self.base_url).path
        self._last_timestamp = 0
        self._clock = threading.Lock()

    def _timestamp(self):
        # Strictly increasing per client: two identical requests (same method, path and body) signed in the same
        # millisecond would carry the same signature, and the API accepts a write's signature only once.
        with self._clock:
            self._last_timestamp = max(int(time.time() * 1000), self._last_timestamp + 1)
            return str(self._last_timestamp)

    def call(self, method, path, query=None, body=None, headers=None, retry_unsafe=True):
        """Returns the envelope's data; raises ProcureError.

        retry_unsafe: whether retrying after a 5xx or a lost connection is safe (the server may already have acted).
        A 429 is always retried: the request was refused before it did anything.
        """
        # Serialised once: the signature covers these exact bytes on every attempt.
        payload = None if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        qs = query_string(query or [])
        path_and_query = self._path_prefix + path + ("?" + qs if qs else "")
        # API Gateway hands the function a percent-decoded path but the query exactly as sent; sign what it verifies.
        signed_path = urllib.parse.unquote(self._path_prefix + path) + ("?" + qs if qs else "")
        attempt = 0
        while True:
            try:
                return self._attempt(method, path_and_query, signed_path, payload, headers or {})
            except ProcureError as error:
                retryable = error.status == 429 or (retry_unsafe and (error.status >= 500 or error.status == 0))
                if not retryable or attempt >= self.max_retries:
                    raise
                backoff = self.retry_base_delay * (2 ** attempt) * (0.75 + random.random() / 2)
                wait = error.retry_after if error.retry_after is not None else backoff
                time.sleep(min(wait, self.max_retry_delay))
                attempt += 1

    def _attempt(self, method, path_and_query, signed_path, payload, extra_headers):
        # A fresh timestamp per attempt: the server refuses a signature it has already accepted (replay protection).
        timestamp = self._timestamp()
        headers = {
            "Accept": "application/json",
            "User-Agent": "procure-core-sdk-python/%s" % __version__,
            "X-App-Id": self.app_id,
            "X-Timestamp": timestamp,
            "X-Signature": sign(self.app_secret, method, signed_path, timestamp, payload or b""),
        }
        if payload is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        headers.update(extra_headers)
        url = self.base_url[: len(self.base_url) - len(self._path_prefix)] + path_and_query
        request = urllib.request.Request(url, data=payload, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, response_headers, text = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, response_headers = error.code, error.headers
            try:
                text = error.read()
            finally:
                error.close()
        except (socket.timeout, TimeoutError) as error:
            raise ProcureTimeoutError("%s %s timed out after %ss" % (method, path_and_query, self.timeout)) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, (socket.timeout, TimeoutError)):
                raise ProcureTimeoutError("%s %s timed out after %ss" % (method, path_and_query, self.timeout)) from error
            raise ProcureConnectionError("%s %s failed: %s" % (method, path_and_query, error.reason)) from error
        except (ConnectionError, OSError) as error:
            raise ProcureConnectionError("%s %s failed: %s" % (method, path_and_query, error)) from error
        request_id = response_headers.get("X-Request-Id") if response_headers else None
        try:
            envelope = json.loads(text.decode("utf-8")) if text else None
        except ValueError:
            envelope = None
        is_envelope = isinstance(envelope, dict) and isinstance(envelope.get("code"), int)
        if 200 <= status < 300 and is_envelope and envelope["code"] == 0:
            return envelope.get("data")
        raise ProcureError(
            envelope.get("message") if is_envelope and envelope.get("message") else "HTTP %d" % status,
            code=envelope["code"] if is_envelope else 0,
            status=status,
            request_id=request_id,
            data=envelope.get("data") if is_envelope else None,
            retry_after=_retry_after_seconds(response_headers),
        )
