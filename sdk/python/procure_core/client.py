"""The entry point partners construct: ProcureClient(app_id=..., app_secret=..., base_url=...)."""
from .intents import Intents
from .transport import Transport


class ProcureClient:
    """base_url: e.g. 'https://api.procure-core.com' or 'http://127.0.0.1:3000' locally (without /api/v1).
    timeout: seconds per attempt. max_retries: retries on 429, 5xx and lost connections (0 turns them off).
    retry_base_delay: first backoff step in seconds, doubled on every retry with jitter; Retry-After wins when sent.
    """

    def __init__(self, app_id, app_secret, base_url, timeout=30.0, max_retries=3, retry_base_delay=0.5,
                 max_retry_delay=30.0):
        if not app_id or not app_secret:
            raise ValueError("ProcureClient needs app_id and app_secret")
        if not base_url:
            raise ValueError("ProcureClient needs base_url")
        transport = Transport(app_id, app_secret, base_url, timeout, max_retries, retry_base_delay, max_retry_delay)
        self.intents = Intents(transport)
