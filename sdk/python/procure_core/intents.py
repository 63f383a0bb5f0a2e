"""client.intents: one method per intent route, plus paging and polling helpers built on them."""
import time
import urllib.parse
import uuid

from .errors import ProcureTimeoutError
from .models import BatchItemResult, Intent, IntentEvent, IntentList, camel_dict, to_camel

_BASE = "/api/v1/intents"
MAX_BATCH_SIZE = 50
MAX_ATOMIC_BATCH_SIZE = 25
FINAL_STATUSES = ("COMPLETED", "FAILED", "CANCELLED")


def _intent_path(intent_id, suffix=""):
    return "%s/%s%s" % (_BASE, urllib.parse.quote(str(intent_id), safe=""), suffix)


def _list_query(params, filters, fields):
    pairs = [(to_camel(k), v) for k, v in params.items() if v is not None]
    if fields:
        pairs.append(("fields", ",".join(to_camel(f) for f in fields)))
    for field, condition in (filters or {}).items():
        name = to_camel(field)
        if not isinstance(condition, dict):
            pairs.append(("filter[%s]" % name, condition))
            continue
        for op, value in condition.items():
            if value is None:
                continue
            if isinstance(value, (list, tuple)):
                value = ",".join(str(v) for v in value)
            pairs.append(("filter[%s]" % name if op == "eq" else "filter[%s][%s]" % (name, op), value))
    return pairs


class Intents:
    def __init__(self, transport):
        self._transport = transport

    def create(self, *, user_id, platform, product_url, title, price, quantity, recipient_name, address, phone,
               remarks=None, status=None, idempotency_key=None):
        """POST /intents. Always sends an Idempotency-Key (yours or a generated one) so retries cannot duplicate."""
        body = camel_dict(dict(
            user_id=user_id, platform=platform, product_url=product_url, title=title, price=price,
            quantity=quantity, recipient_name=recipient_name, address=address, phone=phone, remarks=remarks,
            status=status,
        ))
        headers = {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        return Intent(self._transport.call("POST", _BASE, body=body, headers=headers))

    def create_many(self, inputs, *, batch_size=MAX_BATCH_SIZE, atomic=False, idempotency_key=None):
        """POST /intents/batch in requests of up to 50. inputs: dicts of create()'s snake_case arguments. Returns one
        BatchItemResult per input, in input order (.index counts from the start of inputs). Invalid items come
        back with .ok False and the single create's code and field errors while the rest are created; atomic=True
        sends at most 25 in one all-or-nothing request (an invalid item raises ProcureError 400).
        Each request pays one unit of the app's create rate limit per item, so keep batch_size at or below it.
        With idempotency_key and more than one batch, batch n is sent with "<key>_<n>" (keep the key <= 60 chars)."""
        if not isinstance(batch_size, int) or not 1 <= batch_size <= MAX_BATCH_SIZE:
            raise ValueError("batch_size must be an integer from 1 to %d" % MAX_BATCH_SIZE)
        inputs = list(inputs)
        if atomic and len(inputs) > MAX_ATOMIC_BATCH_SIZE:
            raise ValueError("an atomic create_many takes at most %d inputs" % MAX_ATOMIC_BATCH_SIZE)
        results = []
        for n, start in enumerate(range(0, len(inputs), batch_size)):
            items = [camel_dict(item) for item in inputs[start:start + batch_size]]
            if idempotency_key is None:
                key = str(uuid.uuid4())
            else:
                key = "%s_%d" % (idempotency_key, n) if len(inputs) > batch_size else idempotency_key
            body = {"items": items, "atomic": True} if atomic else {"items": items}
            data = self._transport.call("POST", _BASE + "/batch", body=body, headers={"Idempotency-Key": key})
            results.extend(BatchItemResult(item, start) for item in data["items"])
        return results

    def get(self, intent_id):
        return Intent(self._transport.call("GET", _intent_path(intent_id)))

    def list(self, *, page=None, page_size=None, status=None, user_id=None, platform=None, start_date=None,
             end_date=None, sort_by=None, order=None, cursor=None, fields=None, filters=None):
        """One page. filters: {'price': {'gte': 100}, 'status': {'in': ['FAILED', 'CANCELLED']}, 'platform': 'JD'}."""
        params = dict(page=page, page_size=page_size, status=status, user_id=user_id, platform=platform,
                      start_date=start_date, end_date=end_date, sort_by=sort_by, order=order, cursor=cursor)
        return IntentList(self._transport.call("GET", _BASE, query=_list_query(params, filters, fields)))

    def iterate(self, **params):
        """Every item matching the list parameters, page after page (following next_cursor when given)."""
        query = dict(params)
        while True:
            page = self.list(**query)
            for item in page.items:
                yield item
            # A cursor that does not move would loop forever; treat it as the end.
            if page.next_cursor and page.next_cursor != query.get("cursor"):
                query = {k: v for k, v in params.items() if k != "page"}
                query["cursor"] = page.next_cursor
                continue
            if query.get("cursor") is not None or not page.items or page.page >= page.total_pages:
                return
            query["page"] = page.page + 1

    def list_all(self, **params):
        return list(self.iterate(**params))

    def update(self, intent_id, **patch):
        """PUT /intents/{id} with snake_case fields. Retried after a 5xx too; if the first attempt had in fact been
        applied, the retry may raise 40902, so re-read the intent when that matters."""
        return Intent(self._transport.call("PUT", _intent_path(intent_id), body=camel_dict(patch)))

    def submit(self, intent_id):
        return self.update(intent_id, status="SUBMITTED")

    def cancel(self, intent_id):
        return self.update(intent_id, status="CANCELLED")

    def delete(self, intent_id):
        """Returns {'id': ..., 'deleted': True}."""
        return self._transport.call("DELETE", _intent_path(intent_id))

    def events(self, intent_id):
        """The intent's status history, oldest first."""
        data = self._transport.call("GET", _intent_path(intent_id, "/events"))
        items = data if isinstance(data, list) else (data or {}).get("items", [])
        return [IntentEvent(e) for e in items]

    def wait_for_completion(self, intent_id, timeout=300.0, interval=5.0):
        """Polls until COMPLETED, FAILED or CANCELLED and returns the intent (check .status and .failure_reason).
        Raises ProcureTimeoutError when timeout (seconds) passes first."""
        deadline = time.monotonic() + timeout
        while True:
            intent = self.get(intent_id)
            if intent.status in FINAL_STATUSES:
                return intent
            left = deadline - time.monotonic()
            if left <= 0:
                raise ProcureTimeoutError("intent %s still %s after %ss" % (intent_id, intent.status, timeout))
            time.sleep(min(interval, left))
