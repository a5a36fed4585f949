"""Ed25519 signatures over evidence-file manifests, and the server's signing key.

A manifest lists the SHA-256 of every file and the head of the evidence chain, so signing its exact
bytes covers the whole archive. Anyone who rewrites files and hashes must also produce a signature,
which needs the server's private key. A key is identified by the SHA-256 of its 32-byte raw public key.
"""

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vigie.logs import get_logger
from vigie.settings import Settings

log = get_logger(__name__)

ALGORITHM = "Ed25519"
KEY_FILE_SETTING = "VIGIE_EVIDENCE_SIGNING_KEY_FILE"
DEVELOPMENT_KEY_PATH = Path("keys") / "evidence-ed25519.pem"


class SigningKeyError(RuntimeError):
    """Raised when the signing key or a public key cannot be read, or is not an Ed25519 key."""


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def public_key_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass(frozen=True)
class EvidenceSigner:
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    @property
    def public_key_pem(self) -> bytes:
        return public_key_pem(self.public_key)

    def sign(self, data: bytes) -> bytes:
        """Sign `data` and return the signature as base64 ASCII, the content of `manifest.sig`."""
        return base64.b64encode(self.private_key.sign(data))


def load_signer(settings: Settings) -> EvidenceSigner:
    """Load the key named by VIGIE_EVIDENCE_SIGNING_KEY_FILE.

    Outside production, an unset setting falls back to a key under VIGIE_VAR_DIR, generated on first
    use. Raises SigningKeyError in production when the setting is unset, and anywhere when the file
    is missing or does not contain an Ed25519 private key.
    """
    path = settings.EVIDENCE_SIGNING_KEY_FILE
    if path is None and settings.ENVIRONMENT == "production":
        raise SigningKeyError(
            f"{KEY_FILE_SETTING} is not set; production needs the PEM path of the Ed25519 private key "
            "that signs evidence files (create one with `openssl genpkey -algorithm ed25519`)"
        )
    if path is None:
        return _load_or_generate(settings.VAR_DIR / DEVELOPMENT_KEY_PATH)

    signer = EvidenceSigner(_read_private_key(path))
    log.info("evidence signing key loaded", path=str(path), key_id=signer.key_id)
    return signer


def _read_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"{KEY_FILE_SETTING}: cannot read {path}: {exc.strerror}") from exc
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(
            f"{KEY_FILE_SETTING}: {path} is not an unencrypted PEM private key ({exc})"
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{KEY_FILE_SETTING}: {path} contains a {type(key).__name__}, not an Ed25519 key")
    return key


def _load_or_generate(path: Path) -> EvidenceSigner:
    if path.exists():
        signer = EvidenceSigner(_read_private_key(path))
        log.info("development evidence signing key loaded", path=str(path), key_id=signer.key_id)
        return signer

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    try:
        # O_EXCL: when two processes start together, one writes the key and the other reads it.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return EvidenceSigner(_read_private_key(path))
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)

    signer = EvidenceSigner(key)
    log.warning("development evidence signing key generated", path=str(path), key_id=signer.key_id,
                setting=KEY_FILE_SETTING)
    return signer


def load_public_key(data: bytes) -> Ed25519PublicKey:
    """Parse a PEM public key. Raises SigningKeyError when it is not valid PEM or not Ed25519."""
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise SigningKeyError(f"not a valid PEM public key ({exc})") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError(f"the public key is a {type(key).__name__}, not an Ed25519 key")
    return key


def signature_is_valid(public_key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    """Check a base64 signature, as stored in `manifest.sig`, over `data`."""
    try:
        raw = base64.b64decode(signature.strip(), validate=True)
        public_key.verify(raw, data)
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True
