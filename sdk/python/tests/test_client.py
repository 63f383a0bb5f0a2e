"""The Python SDK against a signature-checking fake API: the seed documents' snippets, retries, errors, helpers."""
import json
import socket
import threading
import time
import unittest
import urllib.parse

from procure_core import (ErrorCode, ProcureClient, ProcureConnectionError, ProcureError, ProcureTimeoutError)

from .fake_api import APP_ID, APP_SECRET, FakeApi

SEED = dict(
    user_id="user_001", platform="TAOBAO", product_url="https://item.taobao.com/item.htm?id=123456",
    title="Apple iPhone 15 Pro 256GB", price=8999, quantity=1, recipient_name="张三",
    address="北京市朝阳区望京SOHO T1 1001", phone="13800138000", remarks="请在工作日送达",
)


def query_of(request):
    return urllib.parse.parse_qs(request["url"].partition("?")[2])


class SdkTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.api = FakeApi().start()

    @classmethod
    def tearDownClass(cls):
        cls.api.stop()

    def setUp(self):
        self.api.reset()
        self.client = self.client_with()

    def client_with(self, **options):
        settings = dict(app_id=APP_ID, app_secret=APP_SECRET, base_url=self.api.base_url, retry_base_delay=0.005)
        settings.update(options)
        return ProcureClient(**settings)


class SeedExamplesTest(SdkTestCase):
    def test_002_create_maps_snake_case_and_returns_the_id(self):
        client = ProcureClient(app_id=APP_ID, app_secret=APP_SECRET, base_url=self.api.base_url)
        intent = client.intents.create(**SEED)
        self.assertTrue(intent.id.startswith("intent_"))
        sent = self.api.requests[0]
        self.assertEqual(sent["status"], 201)
        self.assertRegex(sent["headers"]["Idempotency-Key"], r"^[A-Za-z0-9_-]{1,64}$")
        self.assertEqual(json.loads(sent["body"]), {
            "userId": "user_001", "platform": "TAOBAO", "productUrl": "https://item.taobao.com/item.htm?id=123456",
            "title": "Apple iPhone 15 Pro 256GB", "price": 8999, "quantity": 1, "recipientName": "张三",
            "address": "北京市朝阳区望京SOHO T1 1001", "phone": "13800138000", "remarks": "请在工作日送达",
        })

    def test_004_get_answers_snake_case_attributes(self):
        created = self.client.intents.create(**dict(SEED, price=19.99, quantity=3))
        intent = self.client.intents.get(created.id)
        self.assertEqual(intent.status, "SUBMITTED")
        self.assertEqual(intent.title, SEED["title"])
        self.assertEqual(intent.total_amount, 59.97)
        self.assertIsNone(intent.tracking_number)
        self.assertEqual(intent.to_dict()["totalAmount"], 59.97)
        with self.assertRaises(AttributeError):
            intent.no_such_field

    def test_003_list_examples_and_data_alias(self):
        for _ in range(5):
            self.client.intents.create(**SEED)
        intents = self.client.intents.list(page=1, page_size=2)
        self.assertEqual((intents.total, intents.page, intents.page_size, intents.total_pages), (5, 1, 2, 3))
        self.assertIs(intents.data.items, intents.items)
        self.assertEqual(len(intents), 2)
        self.client.intents.list(status="SUBMITTED", page=1, page_size=20)
        self.client.intents.list(user_id="user_001", sort_by="createdAt", order="desc")
        urls = [r["url"] for r in self.api.requests[-3:]]
        self.assertEqual(urls, [
            "/api/v1/intents?page=1&pageSize=2",
            "/api/v1/intents?page=1&pageSize=20&status=SUBMITTED",
            "/api/v1/intents?userId=user_001&sortBy=createdAt&order=desc",
        ])

    def test_filters_and_odd_characters_are_signed_as_sent(self):
        self.client.intents.list(user_id="o'brien (vip)*", fields=["id", "status"], filters={
            "title": {"like": "苹果 [Pro]"}, "status": {"in": ["FAILED", "CANCELLED"]}, "platform": "JD",
            "total_amount": {"gte": 100},
        })
        sent = self.api.requests[0]
        self.assertEqual(sent["status"], 200)
        query = query_of(sent)
        self.assertEqual(query["userId"], ["o'brien (vip)*"])
        self.assertEqual(query["filter[title][like]"], ["苹果 [Pro]"])
        self.assertEqual(query["filter[status][in]"], ["FAILED,CANCELLED"])
        self.assertEqual(query["filter[platform]"], ["JD"])
        self.assertEqual(query["filter[totalAmount][gte]"], ["100"])
        self.assertEqual(query["fields"], ["id,status"])


class TimestampTest(SdkTestCase):
    def test_identical_requests_in_one_millisecond_get_distinct_timestamps(self):
        from unittest import mock
        with mock.patch("time.time", return_value=1_700_000_000.0):
            self.client.intents.create(**SEED)
            self.client.intents.create(**SEED)
        first, second = self.api.requests
        self.assertEqual((first["status"], second["status"]), (201, 201))
        self.assertEqual(int(second["headers"]["X-Timestamp"]) - int(first["headers"]["X-Timestamp"]), 1)


class RetryTest(SdkTestCase):
    def test_429_waits_for_retry_after_and_re_signs(self):
        self.api.faults.append(dict(status=429, code=42901, headers={"Retry-After": "1"}))
        started = time.monotonic()
        page = self.client.intents.list()
        self.assertGreaterEqual(time.monotonic() - started, 0.95)
        self.assertEqual(page.total, 0)
        first, second = self.api.requests
        self.assertEqual((first["status"], second["status"]), (429, 200))
        self.assertNotEqual(first["headers"]["X-Timestamp"], second["headers"]["X-Timestamp"])
        self.assertNotEqual(first["headers"]["X-Signature"], second["headers"]["X-Signature"])

    def test_create_retried_after_503_keeps_its_idempotency_key(self):
        self.api.faults.extend([dict(method="POST", status=503, code=50301), dict(method="POST", status=500, code=50001)])
        intent = self.client.intents.create(**SEED)
        self.assertEqual([r["status"] for r in self.api.requests], [503, 500, 201])
        self.assertEqual(len({r["headers"]["Idempotency-Key"] for r in self.api.requests}), 1)
        self.assertEqual(list(self.api.intents), [intent.id])

    def test_caller_idempotency_key_replays_and_conflicts(self):
        first = self.client.intents.create(idempotency_key="order-42", **SEED)
        again = self.client.intents.create(idempotency_key="order-42", **SEED)
        self.assertEqual(first.id, again.id)
        with self.assertRaises(ProcureError) as caught:
            self.client.intents.create(idempotency_key="order-42", **dict(SEED, quantity=2))
        self.assertEqual(caught.exception.code, ErrorCode.IDEMPOTENCY_CONFLICT)

    def test_gives_up_after_max_retries(self):
        self.api.faults.extend([dict(status=503, code=50301)] * 3)
        with self.assertRaises(ProcureError) as caught:
            self.client_with(max_retries=2).intents.get("intent_x")
        self.assertEqual(len(self.api.requests), 3)
        error = caught.exception
        self.assertEqual((error.code, error.status), (50301, 503))
        self.assertRegex(error.request_id, r"^req_\d+_fake3$")

    def test_client_errors_are_not_retried(self):
        with self.assertRaises(ProcureError) as caught:
            self.client.intents.get("intent_missing")
        self.assertEqual(len(self.api.requests), 1)
        self.assertEqual((caught.exception.code, caught.exception.status), (40401, 404))
        self.assertEqual(caught.exception.message, "error 40401")


class ErrorTest(SdkTestCase):
    def test_percent_encoded_path_is_signed_decoded_as_api_gateway_hands_it_over(self):
        with self.assertRaises(ProcureError) as caught:
            self.client.intents.get("intent 苹果/x")
        self.assertEqual((caught.exception.code, caught.exception.status), (ErrorCode.NOT_FOUND, 404))
        self.assertEqual(self.api.requests[0]["url"], "/api/v1/intents/intent%20%E8%8B%B9%E6%9E%9C%2Fx")

    def test_wrong_secret_is_40101(self):
        with self.assertRaises(ProcureError) as caught:
            self.client_with(app_secret="wrong").intents.list()
        self.assertEqual((caught.exception.code, caught.exception.status), (ErrorCode.BAD_SIGNATURE, 401))

    def test_refused_connection(self):
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        with self.assertRaises(ProcureConnectionError) as caught:
            self.client_with(base_url="http://127.0.0.1:%d" % port, max_retries=1).intents.list()
        self.assertEqual(caught.exception.status, 0)

    def test_timeout(self):
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        try:
            with self.assertRaises(ProcureTimeoutError):
                self.client_with(base_url="http://127.0.0.1:%d" % silent.getsockname()[1], timeout=0.2,
                                 max_retries=0).intents.list()
        finally:
            silent.close()


class OperationsTest(SdkTestCase):
    def test_update_submit_cancel_events_delete(self):
        draft = self.client.intents.create(status="DRAFT", **SEED)
        self.assertEqual(self.client.intents.update(draft.id, quantity=2, recipient_name="李四").quantity, 2)
        self.assertEqual(self.client.intents.submit(draft.id).status, "SUBMITTED")
        with self.assertRaises(ProcureError) as caught:
            self.client.intents.update(draft.id, quantity=3)
        self.assertEqual((caught.exception.code, caught.exception.status), (ErrorCode.STATUS_CONFLICT, 409))
        self.assertEqual(self.client.intents.cancel(draft.id).status, "CANCELLED")
        events = self.client.intents.events(draft.id)
        self.assertEqual([(e.actor, e.from_status, e.to_status, e.status) for e in events],
                         [("app", None, "SUBMITTED", "SUBMITTED")])
        self.assertEqual(self.client.intents.delete(draft.id), {"id": draft.id, "deleted": True})
        bodies = [json.loads(r["body"]) for r in self.api.requests if r["method"] == "PUT"]
        self.assertEqual(bodies, [{"quantity": 2, "recipientName": "李四"}, {"status": "SUBMITTED"},
                                  {"quantity": 3}, {"status": "CANCELLED"}])

    def test_iterate_and_list_all(self):
        for _ in range(5):
            self.client.intents.create(**SEED)
        del self.api.requests[:]
        seen = [i.id for i in self.client.intents.iterate(page_size=2)]
        self.assertEqual(seen, list(self.api.intents))
        self.assertEqual([query_of(r).get("page") for r in self.api.requests], [None, ["2"], ["3"]])
        self.assertEqual([i.id for i in self.client.intents.list_all(page_size=100)], seen)

    def test_iterate_follows_next_cursor(self):
        for _ in range(5):
            self.client.intents.create(**SEED)
        self.api.cursors = True
        del self.api.requests[:]
        seen = [i.id for i in self.client.intents.iterate(page_size=2, status="SUBMITTED")]
        self.assertEqual(seen, list(self.api.intents))
        queries = [query_of(r) for r in self.api.requests]
        self.assertEqual([(q.get("page"), "cursor" in q, q["status"]) for q in queries],
                         [(None, False, ["SUBMITTED"]), (None, True, ["SUBMITTED"]), (None, True, ["SUBMITTED"])])

    def test_wait_for_completion(self):
        created = self.client.intents.create(**SEED)
        self.api.progress_on_get = ["PROCESSING", "PROCESSING", "COMPLETED"]
        done = self.client.intents.wait_for_completion(created.id, timeout=5, interval=0.01)
        self.assertEqual(done.status, "COMPLETED")
        self.assertEqual(len([r for r in self.api.requests if r["method"] == "GET"]), 3)

    def test_wait_for_completion_times_out(self):
        created = self.client.intents.create(**SEED)
        with self.assertRaises(ProcureTimeoutError) as caught:
            self.client.intents.wait_for_completion(created.id, timeout=0.06, interval=0.01)
        self.assertIn("SUBMITTED", str(caught.exception))


if __name__ == "__main__":
    unittest.main()


class CreateManyTest(SdkTestCase):
    def test_chunks_into_batches_of_50_with_typed_results_in_input_order(self):
        inputs = [dict(SEED, price=0 if i == 77 else 10 + i) for i in range(120)]
        results = self.client.intents.create_many(inputs)
        batches = [json.loads(r["body"])["items"] for r in self.api.requests]
        self.assertEqual([len(b) for b in batches], [50, 50, 20])
        self.assertEqual(batches[0][0]["userId"], "user_001")
        self.assertEqual(len({r["headers"]["Idempotency-Key"] for r in self.api.requests}), 3)
        self.assertEqual([r.index for r in results], list(range(120)))
        refused = results[77]
        self.assertFalse(refused.ok)
        self.assertEqual((refused.code, refused.errors[0]["field"], refused.id), (40001, "price", None))
        created = results[78]
        self.assertTrue(created.ok)
        self.assertEqual(created.intent.id, created.id)
        self.assertEqual(created.intent.user_id, "user_001")
        self.assertEqual(len(self.api.intents), 119)

    def test_retried_batch_keeps_its_key_and_creates_nothing_twice(self):
        self.api.faults.append(dict(method="POST", status=503, code=50301))
        results = self.client.intents.create_many([SEED, SEED], idempotency_key="cart-7")
        self.assertEqual([r["status"] for r in self.api.requests], [503, 200])
        self.assertEqual({r["headers"]["Idempotency-Key"] for r in self.api.requests}, {"cart-7"})
        again = self.client.intents.create_many([SEED, SEED], idempotency_key="cart-7")
        self.assertEqual([r.id for r in again], [r.id for r in results])
        self.assertEqual(len(self.api.intents), 2)

    def test_several_batches_derive_one_key_each(self):
        self.client.intents.create_many([SEED] * 3, batch_size=2, idempotency_key="cart-8")
        self.assertEqual([r["headers"]["Idempotency-Key"] for r in self.api.requests], ["cart-8_0", "cart-8_1"])

    def test_atomic_sends_one_request_and_refuses_more_than_25(self):
        self.client.intents.create_many([SEED] * 25, atomic=True)
        self.assertEqual(json.loads(self.api.requests[0]["body"])["atomic"], True)
        with self.assertRaises(ValueError):
            self.client.intents.create_many([SEED] * 26, atomic=True)
        with self.assertRaises(ValueError):
            self.client.intents.create_many([SEED], batch_size=51)
