#!/usr/bin/env python3
"""Recomputes every expected value of spec/signing-vectors.json with Python's standard library.

A third implementation of the signing scheme (besides the C# SDK and the TypeScript signer),
written from the spec's x-sinch-signature alone, so a vector cannot merely agree with the code
that produced it. Prints one line and exits 0 when every vector holds; otherwise names each
vector that does not. Never prints a secret or a signature.
"""
import base64
import binascii
import datetime
import hashlib
import hmac
import json
import pathlib
import re
import sys

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "spec" / "signing-vectors.json"
TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$")


def decode_secret(secret):
    # Lenient like the receivers: white space around it, missing padding, the URL-safe alphabet.
    text = secret.strip().replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def content_md5(body):
    return base64.b64encode(hashlib.md5(body).digest()).decode() if body else ""


def string_to_sign(method, path, content_type, body, timestamp):
    return "\n".join([method.upper(), content_md5(body), content_type or "", "x-timestamp:" + timestamp, path])


def mac(secret, method, path, content_type, body, timestamp):
    data = string_to_sign(method, path, content_type, body, timestamp).encode("utf-8")
    return hmac.new(decode_secret(secret), data, hashlib.sha256).digest()


def parse_time(value):
    match = TIMESTAMP.match(value.strip())
    if not match:
        return None
    whole, fraction, zone = match.groups()
    try:
        time = datetime.datetime.fromisoformat(whole + (zone if zone and zone != "Z" else "+00:00"))
    except ValueError:
        return None
    # Python keeps microseconds: cut (never round) like the other implementations.
    return time + datetime.timedelta(microseconds=int((fraction or "0").ljust(9, "0")[:6]))


def validate(v):
    """The receiver's checks, in the order the file's 'reason' convention states."""
    headers = v["headers"]
    authorization = (headers.get("authorization") or "").strip()
    if not authorization:
        return "missing-authorization"
    scheme, _, parameter = authorization.partition(" ")
    key, colon, signature = parameter.strip().rpartition(":")
    if scheme.lower() != "application" or not key or not colon or not signature:
        return "malformed-authorization"
    if key.lower() != v["applicationKey"].lower():
        return "unknown-application-key"
    timestamp = headers.get("x-timestamp")
    if not timestamp or not timestamp.strip():
        return "missing-timestamp"
    signed_at = parse_time(timestamp)
    if signed_at is None:
        return "malformed-timestamp"
    expected = mac(v["applicationSecret"], v["method"], v["path"], headers.get("content-type"), v["body"].encode("utf-8"), timestamp)
    try:
        received = base64.b64decode(signature, validate=True)
    except binascii.Error:
        received = b""
    if not hmac.compare_digest(expected, received):
        return "signature-mismatch"
    age = (parse_time(v["now"]) - signed_at).total_seconds()
    if age > v["maxSkewSeconds"]:
        return "too-old"
    if -age > v["maxSkewSeconds"]:
        return "too-far-in-future"
    return "valid"


def main():
    document = json.loads(VECTORS.read_text(encoding="utf-8"))
    problems = []
    for v in document["vectors"]:
        body = v["body"].encode("utf-8")
        expected = {
            "contentMd5": content_md5(body),
            "stringToSign": string_to_sign(v["method"], v["path"], v["contentType"], body, v["timestamp"]),
            "signature": base64.b64encode(mac(v["applicationSecret"], v["method"], v["path"], v["contentType"], body, v["timestamp"])).decode(),
        }
        expected["authorization"] = f"Application {v['applicationKey']}:{expected['signature']}"
        problems += [f"vector '{v['name']}': {field} differs" for field, value in expected.items() if v.get(field, value) != value]
        if v.get("mustValidate") is not True:
            problems.append(f"vector '{v['name']}': a request vector must say mustValidate: true")
    for v in document["callbacks"]:
        reason = validate(v)
        if reason != v["reason"] or (reason == "valid") != v["mustValidate"]:
            problems.append(f"callback '{v['name']}': expected {v['reason']}, Python says {reason}")
        if v["mustValidate"] and v.get("stringToSign") != string_to_sign(
                v["method"], v["path"], v["headers"].get("content-type"), v["body"].encode("utf-8"), v["headers"]["x-timestamp"]):
            problems.append(f"callback '{v['name']}': stringToSign differs")
    for problem in problems:
        print("check-vectors: " + problem, file=sys.stderr)
    if problems:
        return 1
    print(f"check-vectors: Python reproduces all {len(document['vectors'])} request vectors and {len(document['callbacks'])} callback vectors of {VECTORS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
