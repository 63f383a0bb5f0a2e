"""procure-core-sdk: signed, retrying client for the procure-core API and a webhook signature check."""
__version__ = "0.2.0"

from .client import ProcureClient  # noqa: E402
from .errors import ErrorCode, ProcureConnectionError, ProcureError, ProcureTimeoutError  # noqa: E402
from .models import BatchItemResult, Intent, IntentEvent, IntentList  # noqa: E402
from .signing import sign, verify_webhook  # noqa: E402

__all__ = [
    "BatchItemResult", "ErrorCode", "Intent", "IntentEvent", "IntentList", "ProcureClient", "ProcureConnectionError", "ProcureError",
    "ProcureTimeoutError", "sign", "verify_webhook",
]
