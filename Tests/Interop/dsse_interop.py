#!/usr/bin/env python3
"""DSSE interop with securesystemslib (the in-toto project's crypto library), an independent implementation.

  dsse_interop.py verify ENVELOPE PUBKEY.pem        exit 0 when securesystemslib verifies our envelope
  dsse_interop.py sign KEY.pem FILE OUT.json        sign an in-toto Statement for FILE with securesystemslib
  dsse_interop.py threshold ENVELOPE T PUB.pem...   exit 0 when securesystemslib finds T of the keys signed
  dsse_interop.py resign ENVELOPE OUT.json KEY.pem...  sign ENVELOPE's payload anew with each key, in order
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


def our_keyid(public):
    """autoid's keyid hint: hex SHA-256 of the key's SubjectPublicKeyInfo DER."""
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def threshold(envelope_path, count, public_pem_paths):
    keys = {}
    for path in public_pem_paths:
        with open(path, "rb") as f:
            public = serialization.load_pem_public_key(f.read())
        keys[our_keyid(public)] = SSlibKey.from_crypto(public)
    with open(envelope_path, "rb") as f:
        data = json.load(f)
    # Hints are ours; translate each to securesystemslib's keyid for the same key (unknown ones stay).
    for signature in data["signatures"]:
        if signature["keyid"] in keys:
            signature["keyid"] = keys[signature["keyid"]].keyid
    envelope = Envelope.from_dict(data)
    verified = envelope.verify(list(keys.values()), int(count))
    print(len(verified))


def resign(envelope_path, out_path, private_pem_paths):
    with open(envelope_path, "rb") as f:
        data = json.load(f)
    envelope = Envelope(base64.b64decode(data["payload"]), data["payloadType"], {})
    for path in private_pem_paths:
        with open(path, "rb") as f:
            envelope.sign(CryptoSigner(serialization.load_pem_private_key(f.read(), password=None)))
    with open(out_path, "w") as f:
        json.dump(envelope.to_dict(), f)


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
    elif sys.argv[1] == "threshold":
        threshold(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif sys.argv[1] == "resign":
        resign(sys.argv[2], sys.argv[3], sys.argv[4:])
    else:
        sign(sys.argv[2], sys.argv[3], sys.argv[4])
