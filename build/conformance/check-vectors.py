#!/usr/bin/env python3
"""Recomputes every expected value of the published signing-vectors.json with Python's standard library.

A third implementation of the signing scheme (besides the C# SDK and the TypeScript signer),
written from the published spec's x-sinch-signature alone, so a vector cannot merely agree with
the code that produced it: the string to sign is built by interpreting that data (its fields and
the names of its vocabulary), so data that stops describing the scheme fails here too. Prints
one line and exits 0 when every vector holds; otherwise names each vector that does not. Never
prints a secret or a signature.

    python3 build/conformance/check-vectors.py <published spec JSON> [<published signing-vectors.json>]
"""
import base64
import datetime
import hashlib
import hmac
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
if len(sys.argv) < 2:
    print("usage: python3 build/conformance/check-vectors.py <published spec JSON> [<published signing-vectors.json>]", file=sys.stderr)
    sys.exit(2)
SPEC = pathlib.Path(sys.argv[1])
VECTORS = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "spec" / "signing-vectors.json"
# The scheme as data (x-sinch-signature), read from the published JSON: the only statement of it here.
SCHEME = json.loads(SPEC.read_text(encoding="utf-8"))["components"]["securitySchemes"]["ApplicationSigned"]["x-sinch-signature"]
TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$")


def decode_secret(secret):
    # Lenient like the receivers: white space around it, missing padding, the URL-safe alphabet.
    text = secret.strip().replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def content_md5(body):
    return base64.b64encode(hashlib.md5(body).digest()).decode() if body else ""


# What each name of x-sinch-signature's vocabulary means, as code. A name the data uses that is
# missing here fails the run: the data says something this reader was not told.
SOURCES = {
    "request.method": lambda r: r["method"],
    "request.body": lambda r: r["body"] or None,
    "request.path": lambda r: r["path"],
    "header:Content-Type": lambda r: r["content_type"] or None,
    "header:x-timestamp": lambda r: r["timestamp"],
}
TRANSFORMS = {
    "ascii-uppercase": lambda v: "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in v),
    "base64-md5": lambda v: base64.b64encode(hashlib.md5(v).digest()).decode(),
    "none": lambda v: v,
}
WHEN_ABSENT = {"empty": ""}
EXCLUDES = {"query": lambda v: v.split("?", 1)[0]}


def string_to_sign(method, path, content_type, body, timestamp):
    request = {"method": method, "path": path, "content_type": content_type, "body": body, "timestamp": timestamp}
    recipe = SCHEME["stringToSign"]
    parts = []
    for field in recipe["fields"]:
        names = [field["source"], field.get("transform", "none"), *([field["whenAbsent"]] if "whenAbsent" in field else []),
                 *([field["excludes"]] if "excludes" in field else [])]
        unknown = [n for n in names if n not in recipe["vocabulary"]]
        if unknown:
            raise SystemExit(f"check-vectors: x-sinch-signature names {unknown} without a vocabulary entry")
        value = SOURCES[field["source"]](request)
        if value is None:
            value = WHEN_ABSENT[field["whenAbsent"]]
        else:
            if "excludes" in field:
                value = EXCLUDES[field["excludes"]](value)
            value = TRANSFORMS[field.get("transform", "none")](value)
        parts.append(field.get("prefix", "") + value)
    return recipe["joiner"].join(parts)


def mac(secret, method, path, content_type, body, timestamp):
    data = string_to_sign(method, path, content_type, body, timestamp).encode("utf-8")
    return hmac.new(decode_secret(secret), data, hashlib.sha256).digest()


OWS = " \t"  # x-sinch-signature.headerValues.trim
AUTHORIZATION = re.compile(r"([^ ]+) ([\x21-\x39\x3B-\x7E]+):([\x21-\x39\x3B-\x7E]+)")  # header.grammar


def parse_time(value):
    """x-sinch-signature.timestamp: the pattern on the whole value; 100 ns units since 1970 (receiver.skewPrecisionNanoseconds)."""
    match = TIMESTAMP.fullmatch(value)  # fullmatch: '$' alone would also match before a final line feed
    if not match:
        return None
    whole, fraction, zone = match.groups()
    try:
        time = datetime.datetime.fromisoformat(whole + (zone if zone and zone != "Z" else "+00:00"))
    except ValueError:
        return None
    seconds = (time - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)) // datetime.timedelta(seconds=1)
    # Digits after the 7th are dropped, never rounded.
    return seconds * 10_000_000 + int((fraction or "0").ljust(7, "0")[:7])


def validate(v):
    """The receiver's checks, in the order the file's 'reason' convention states."""
    headers = v["headers"]
    authorization = (headers.get("authorization") or "").strip(OWS)
    if not authorization.strip():
        return "missing-authorization"
    match = AUTHORIZATION.fullmatch(authorization)
    if not match or match.group(1).lower() != "application":
        return "malformed-authorization"
    key, signature = match.group(2), match.group(3)
    if key != v["applicationKey"]:  # header.keyComparison: exact
        return "unknown-application-key"
    timestamp = (headers.get("x-timestamp") or "").strip(OWS)
    if not timestamp:
        return "missing-timestamp"
    signed_at = parse_time(timestamp)
    if signed_at is None:
        return "malformed-timestamp"
    expected = mac(v["applicationSecret"], v["method"], v["path"], headers.get("content-type"), v["body"].encode("utf-8"), timestamp)
    # header.signatureComparison: as text, with the padded standard Base64 of the HMAC.
    if not hmac.compare_digest(base64.b64encode(expected), signature.encode("utf-8")):
        return "signature-mismatch"
    age = parse_time(v["now"]) - signed_at
    window = v["maxSkewSeconds"] * 10_000_000
    if age > window:
        return "too-old"
    if -age > window:
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
                v["method"], v["path"], v["headers"].get("content-type"), v["body"].encode("utf-8"), v["headers"]["x-timestamp"].strip(OWS)):
            problems.append(f"callback '{v['name']}': stringToSign differs")
    for problem in problems:
        print("check-vectors: " + problem, file=sys.stderr)
    if problems:
        return 1
    print(f"check-vectors: Python reproduces all {len(document['vectors'])} request vectors and {len(document['callbacks'])} callback vectors of {VECTORS.name}, the string to sign built from the published x-sinch-signature data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
