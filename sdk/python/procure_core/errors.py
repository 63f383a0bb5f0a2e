"""Typed errors: every failed call raises a ProcureError carrying the API's business code."""


class ErrorCode:
    """The API's business codes (API reference: Errors)."""

    INVALID_PARAMETER = 40001
    MISSING_PARAMETER = 40002
    MALFORMED_JSON = 40003
    BAD_SIGNATURE = 40101
    BAD_TIMESTAMP = 40102
    UNKNOWN_APP = 40103
    IP_NOT_ALLOWED = 40301
    FORBIDDEN = 40302
    NOT_FOUND = 40401
    IDEMPOTENCY_CONFLICT = 40901
    STATUS_CONFLICT = 40902
    RATE_LIMITED = 42901
    INTERNAL = 50001
    UNAVAILABLE = 50301


class ProcureError(Exception):
    """The API answered with a non-zero code.

    code: business code (40001, 40902, ...), 0 when the server sent no envelope.
    status: HTTP status, 0 when no response arrived.
    request_id: the X-Request-Id of the failed attempt; quote it to support.
    data: the envelope's data, e.g. {"errors": [{"field", "message"}], ...} for validation failures.
    retry_after: server-advised wait in seconds (Retry-After), when sent.
    """

    def __init__(self, message, code=0, status=0, request_id=None, data=None, retry_after=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.request_id = request_id
        self.data = data
        self.retry_after = retry_after

    def __repr__(self):
        return "%s(code=%r, status=%r, message=%r, request_id=%r)" % (
            type(self).__name__, self.code, self.status, self.message, self.request_id)


class ProcureConnectionError(ProcureError):
    """The request never got an answer: connection refused, reset, DNS failure."""


class ProcureTimeoutError(ProcureConnectionError):
    """A request attempt or wait_for_completion ran out of time."""
