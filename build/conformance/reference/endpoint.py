#!/usr/bin/env python3
"""A reference callback endpoint for `sinch-conformance callbacks --url <URL>`.

    python3 endpoint.py <published spec JSON> [--accept-all | --ignore-timestamp | --ignore-key-case]

Listens on 127.0.0.1 (a free port), prints `listening <URL>` once ready, and answers POSTs to
/sinch/verification as the spec's callback operation says: 200 for a callback that validates
(with a VerificationRequestEventResponse for a VerificationRequestEvent), 401 otherwise. The key
and secret come from SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET; validation is
build/conformance/check-vectors.py's (the published x-sinch-signature data, Python's standard
library). The options make wrong endpoints the kit must fail: --accept-all answers 200 to
everything, --ignore-timestamp accepts a callback however old or early, --ignore-key-case takes the
key in any case.
"""
import datetime
import http.server
import importlib.util
import json
import os
import pathlib
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
accept_all = "--accept-all" in sys.argv
ignore_timestamp = "--ignore-timestamp" in sys.argv
ignore_key_case = "--ignore-key-case" in sys.argv
sys.argv = [sys.argv[0], *args]
spec = importlib.util.spec_from_file_location("check_vectors", pathlib.Path(__file__).resolve().parents[1] / "check-vectors.py")
vectors = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vectors)
KEY, SECRET = os.environ["SINCH_APPLICATION_KEY"], os.environ["SINCH_APPLICATION_SECRET"]
PATH = "/sinch/verification"
SKEW = vectors.SCHEME["receiver"]["maxClockSkewSeconds"]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path.split("?", 1)[0] != PATH:
            return self.answer(404)
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self.answer(415)
        headers = {name.lower(): value for name, value in self.headers.items()}
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        key = KEY
        if ignore_key_case:
            sent = headers.get("authorization", "").strip().partition(" ")[2].partition(":")[0].strip()
            key = sent if sent.lower() == KEY.lower() else KEY
        reason = vectors.validate({"headers": headers, "applicationKey": key, "applicationSecret": SECRET, "method": self.command,
                                   "path": PATH, "body": text, "now": now, "maxSkewSeconds": SKEW})
        if ignore_timestamp and reason in ("too-old", "too-far-in-future"):
            reason = "valid"
        if reason != "valid" and not accept_all:
            return self.answer(401)
        event = json.loads(text) if text else {}
        if event.get("event") == "VerificationRequestEvent":
            return self.answer(200, json.dumps({"action": "allow"}).encode())
        return self.answer(200)

    def answer(self, status, body=b""):
        self.send_response(status)
        if body:
            self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # nothing of a callback reaches the output


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening http://127.0.0.1:{server.server_address[1]}{PATH}", flush=True)
server.serve_forever()
