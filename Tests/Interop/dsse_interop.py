#!/usr/bin/env python3
"""DSSE interop with securesystemslib (the in-toto project's crypto library), an independent implementation.

  dsse_interop.py verify ENVELOPE PUBKEY.pem        exit 0 when securesystemslib verifies our envelope
  dsse_interop.py sign KEY.pem FILE OUT.json        sign an in-toto Statement for FILE with securesystemslib
"""
import base64, hashlib, json, sys

from cryptography.hazmat.primitives import serialization
from securesystemslib.dsse import Envelope
from securesystemslib.signer import CryptoSigner, SSlibKey


def verify(envelope_path, public_pem_path):
    with open(public_pem_path, "rb") as f:
        public = serialization.load_pem_public_key(f.read())
    key = SSlibKey.from_crypto(public)
    with open(envelope_path, "rb") as f:
        data = json.load(f)
    # Our keyid is a hint of our own making; securesystemslib matches signatures by its own keyid.
    for signature in data["signatures"]:
        signature["keyid"] = key.keyid
    envelope = Envelope.from_dict(data)
    envelope.verify([key], 1)
    statement = json.loads(base64.b64decode(data["payload"]))
    print(statement["_type"], len(statement["subject"]))


def sign(private_pem_path, file_path, out_path):
    with open(private_pem_path, "rb") as f:
        private = serialization.load_pem_private_key(f.read(), password=None)
    signer = CryptoSigner(private)
    with open(file_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    statement = {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": file_path.split("/")[-1], "digest": {"sha256": digest}}],
        "predicateType": "https://example.org/python-made/v1",
        "predicate": {},
    }
    envelope = Envelope(json.dumps(statement).encode(), "application/vnd.in-toto+json", {})
    envelope.sign(signer)
    with open(out_path, "w") as f:
        json.dump(envelope.to_dict(), f)


if __name__ == "__main__":
    if sys.argv[1] == "verify":
        verify(sys.argv[2], sys.argv[3])
    else:
        sign(sys.argv[2], sys.argv[3], sys.argv[4])
