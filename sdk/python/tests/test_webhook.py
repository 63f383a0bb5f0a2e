"""Webhook verification, and signatures identical to the platform's own (vector from shared/auth/signature.ts)."""
import json
import time
import unittest

from procure_core import sign, verify_webhook


class SignatureTest(unittest.TestCase):
    def test_matches_the_platform_signer(self):
        # Computed with shared/auth/signature.ts `sign` for these exact inputs.
        self.assertEqual(
            sign("dev_secret_local_do_not_use_in_production", "post", "/api/v1/intents?x=%E8%8B%B9",
                 "1708851000000", '{"title":"苹果"}'),
            "a0b27341ad68415405990eb330e7ee6fd31bd4e355d323f4ebe0f624d8d09497")


class VerifyWebhookTest(unittest.TestCase):
    secret = "whsec_test"
    path = "/hooks/procure?tenant=7"
    body = json.dumps({"eventId": "evt_1", "type": "intent.status_changed", "data": {"id": "intent_1"}},
                      ensure_ascii=False)

    def setUp(self):
        self.timestamp = str(int(time.time() * 1000))
        self.signature = sign(self.secret, "POST", self.path, self.timestamp, self.body)
        self.ok = dict(app_secret=self.secret, path=self.path, timestamp=self.timestamp, body=self.body,
                       signature=self.signature)

    def test_accepts_a_genuine_delivery(self):
        self.assertTrue(verify_webhook(**self.ok))
        self.assertTrue(verify_webhook(**dict(self.ok, body=self.body.encode("utf-8"))))
        self.assertTrue(verify_webhook(**dict(self.ok, signature=self.signature.upper())))
        self.assertTrue(verify_webhook(**dict(self.ok, app_secret=["rotated_new", self.secret])))

    def test_refuses_forgeries_and_stale_deliveries(self):
        self.assertFalse(verify_webhook(**dict(self.ok, body=self.body.replace("intent_1", "intent_2"))))
        self.assertFalse(verify_webhook(**dict(self.ok, path="/hooks/procure")))
        self.assertFalse(verify_webhook(**dict(self.ok, app_secret="other")))
        self.assertFalse(verify_webhook(**dict(self.ok, signature="abc")))
        self.assertFalse(verify_webhook(**dict(self.ok, timestamp="123")))
        now = int(self.timestamp)
        self.assertFalse(verify_webhook(now_ms=now + 300001, **self.ok))
        self.assertTrue(verify_webhook(now_ms=now + 299000, **self.ok))
        self.assertFalse(verify_webhook(now_ms=now + 10000, tolerance_ms=5000, **self.ok))


if __name__ == "__main__":
    unittest.main()
