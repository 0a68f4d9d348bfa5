#!/usr/bin/env python3
"""A reference signer for `sinch-conformance signing --signer "python3 signer.py <spec JSON>"`.

What a team's signer command looks like: one JSON object per line on stdin (applicationKey,
applicationSecret, method, path, contentType or null, body, timestamp), one JSON line per input on
stdout ({"authorization": ...}). The signing itself is build/conformance/check-vectors.py's, which
builds the string to sign from the published x-sinch-signature data with Python's standard library.
--break-content-type signs as if no Content-Type was sent: a wrong signer the kit must fail.
"""
import base64
import importlib.util
import json
import pathlib
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
broken = "--break-content-type" in sys.argv
sys.argv = [sys.argv[0], *args]  # check-vectors.py reads the spec JSON from its first argument
spec = importlib.util.spec_from_file_location("check_vectors", pathlib.Path(__file__).resolve().parents[1] / "check-vectors.py")
vectors = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vectors)

for line in sys.stdin:
    r = json.loads(line)
    content_type = None if broken else r["contentType"]
    mac = vectors.mac(r["applicationSecret"], r["method"], r["path"], content_type, r["body"].encode("utf-8"), r["timestamp"])
    print(json.dumps({"authorization": f"Application {r['applicationKey']}:{base64.b64encode(mac).decode()}"}), flush=True)
