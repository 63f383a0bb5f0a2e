"""A small in-memory stand-in for the procure-core API on 127.0.0.1, strict about signatures the way the API reference
("Authentication") is (its own HMAC code, not the SDK's), so the tests fail if the SDK signs other bytes than it sends."""
import hashlib
import hmac
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

APP_ID = "app_fake"
APP_SECRET = "secret_fake_for_tests"
SUMMARY_FIELDS = ("id", "userId", "platform", "title", "price", "quantity", "totalAmount", "status", "createdAt")


class FakeApi:
    def __init__(self):
        self.requests = []  # dicts: method, url, headers, body, status
        self.intents = {}
        self.faults = []  # dicts: method?, status, code, headers?
        self.progress_on_get = []
        self.cursors = False  # answer lists with nextCursor and honour cursor, like the real API
        self._accepted = set()
        self._idempotency = {}
        self._seq = 0
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                with api._lock:
                    status, code, data, extra = api.handle(self.command, self.path, self.headers, raw)
                    api.requests.append(dict(method=self.command, url=self.path, headers=dict(self.headers),
                                             body=raw.decode("utf-8"), status=status))
                    request_id = "req_%d_fake%d" % (int(time.time() * 1000), len(api.requests))
                payload = json.dumps({"code": code, "message": "操作成功" if code == 0 else "error %d" % code,
                                      "data": data}, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("X-Request-Id", request_id)
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def reset(self):
        self.requests.clear()
        self.intents.clear()
        self.faults.clear()
        self.progress_on_get = []
        self.cursors = False

    def handle(self, method, url, headers, raw):
        timestamp = headers.get("X-Timestamp") or ""
        if not re.match(r"^\d{13}$", timestamp) or abs(time.time() * 1000 - int(timestamp)) > 300000:
            return 401, 40102, None, None
        if headers.get("X-App-Id") != APP_ID:
            return 401, 40103, None, None
        given = (headers.get("X-Signature") or "").lower()
        # Like API Gateway: the path is verified percent-decoded, the query exactly as sent.
        wire_path, question, wire_query = url.partition("?")
        message = (method + urllib.parse.unquote(wire_path) + question + wire_query + timestamp).encode("utf-8") + raw
        expected = hmac.new(APP_SECRET.encode("utf-8"), message, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, given):
            return 401, 40101, None, None
        if method != "GET":
            if given in self._accepted:
                return 401, 40101, None, None
            self._accepted.add(given)
        path, _, query = url.partition("?")
        for i, fault in enumerate(self.faults):
            if fault.get("method") in (None, method):
                del self.faults[i]
                return fault["status"], fault["code"], None, fault.get("headers")
        body = json.loads(raw.decode("utf-8")) if raw else None
        if path == "/api/v1/intents/batch" and method == "POST":
            return self._batch(headers, raw, body)
        match = re.match(r"^/api/v1/intents(?:/([^/]+))?(/events)?$", path)
        if not match:
            return 404, 40401, None, None
        intent_id = urllib.parse.unquote(match.group(1)) if match.group(1) else None
        if intent_id is None and method == "POST":
            return self._create(headers, raw, body)
        if intent_id is None and method == "GET":
            return 200, 0, self._list(urllib.parse.parse_qs(query)), None
        intent = self.intents.get(intent_id)
        if intent is None:
            return 404, 40401, None, None
        if match.group(2):
            return 200, 0, {"id": intent_id, "items": [{"actor": "app", "to": "SUBMITTED", "at": intent["createdAt"]}]}, None
        if method == "GET":
            if self.progress_on_get:
                intent["status"] = self.progress_on_get.pop(0)
            return 200, 0, intent, None
        if method == "PUT":
            if intent["status"] != "DRAFT" and body.get("status") != "CANCELLED":
                return 409, 40902, None, None
            intent.update(body)
            return 200, 0, intent, None
        if method == "DELETE":
            del self.intents[intent_id]
            return 200, 0, {"id": intent_id, "deleted": True}, None
        return 405, 40001, None, None

    def _create(self, headers, raw, body):
        key = headers.get("Idempotency-Key")
        if key and key in self._idempotency:
            first_raw, first_id = self._idempotency[key]
            return (201, 0, self.intents[first_id], None) if first_raw == raw else (409, 40901, None, None)
        self._seq += 1
        intent_id = "intent_%026d" % self._seq
        now = "2026-02-25T10:00:%02d.000Z" % self._seq
        intent = dict(body, id=intent_id, status=body.get("status", "SUBMITTED"), createdAt=now, updatedAt=now,
                      totalAmount=round(body["price"] * 100 * body["quantity"]) / 100)
        self.intents[intent_id] = intent
        if key:
            self._idempotency[key] = (raw, intent_id)
        return 201, 0, intent, None

    def _batch(self, headers, raw, body):
        """Refuses items with a price <= 0 (40001, field price), creates the rest, one key for the whole batch."""
        key = headers.get("Idempotency-Key")
        if key and key in self._idempotency:
            first_raw, answer = self._idempotency[key]
            return (200, 0, answer, None) if first_raw == raw else (409, 40901, None, None)
        items = body["items"]
        if not 1 <= len(items) <= 50 or (body.get("atomic") and len(items) > 25):
            return 400, 40001, {"errors": [{"field": "items", "message": "bad"}], "field": "items"}, None
        results = []
        for index, item in enumerate(items):
            if item["price"] <= 0:
                results.append({"index": index, "code": 40001, "message": "参数验证失败",
                                "errors": [{"field": "price", "message": "价格必须大于 0"}]})
                continue
            _, _, intent, _ = self._create({}, b"", item)
            results.append({"index": index, "code": 0, "id": intent["id"], "intent": intent})
        answer = {"items": results}
        if key:
            self._idempotency[key] = (raw, answer)
        return 200, 0, answer, None

    def _list(self, query):
        page = int(query.get("page", ["1"])[0])
        page_size = min(int(query.get("pageSize", ["20"])[0]), 100)
        status = query.get("status", [None])[0]
        rows = [i for i in self.intents.values() if status is None or i["status"] == status]
        cursor = query.get("cursor", [None])[0]
        start = int(cursor) if cursor else (page - 1) * page_size
        items = [{f: i.get(f) for f in SUMMARY_FIELDS} for i in rows[start: start + page_size]]
        total_pages = (len(rows) + page_size - 1) // page_size
        result = {"items": items, "total": len(rows), "page": start // page_size + 1, "pageSize": page_size,
                  "totalPages": total_pages}
        if self.cursors and start + page_size < len(rows):
            result["nextCursor"] = str(start + page_size)
        return result
