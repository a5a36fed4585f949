"""The evidence signing key: where it comes from in each environment, and signature checks."""

import hashlib
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from structlog.testing import capture_logs

from vigie.evidence_signing import (
    EvidenceSigner,
    SigningKeyError,
    key_id,
    load_public_key,
    load_signer,
    signature_is_valid,
)
from vigie.settings import Settings


def write_pem(path: Path, key: object) -> Path:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,  # type: ignore[attr-defined]
                                       serialization.NoEncryption()))
    return path


class TestLoadSigner:
    def test_development_generates_key_once(self, tmp_path: Path) -> None:
        settings = Settings(ENVIRONMENT="development", VAR_DIR=tmp_path)

        with capture_logs() as logs:
            first = load_signer(settings)
        second = load_signer(settings)

        path = tmp_path / "keys" / "evidence-ed25519.pem"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert second.key_id == first.key_id
        assert logs[0]["event"] == "development evidence signing key generated"
        assert logs[0]["path"] == str(path)
        assert logs[0]["key_id"] == first.key_id

    def test_production_without_setting_fails(self, tmp_path: Path) -> None:
        settings = Settings(ENVIRONMENT="production", KAFKA_BOOTSTRAP_SERVERS="kafka:9092", VAR_DIR=tmp_path)

        with pytest.raises(SigningKeyError, match="VIGIE_EVIDENCE_SIGNING_KEY_FILE is not set"):
            load_signer(settings)
        assert not (tmp_path / "keys").exists()

    def test_configured_file_is_used(self, tmp_path: Path) -> None:
        key = Ed25519PrivateKey.generate()
        path = write_pem(tmp_path / "signing.pem", key)
        settings = Settings(ENVIRONMENT="production", KAFKA_BOOTSTRAP_SERVERS="kafka:9092",
                            EVIDENCE_SIGNING_KEY_FILE=path)

        assert load_signer(settings).key_id == key_id(key.public_key())

    def test_missing_file_names_setting_and_path(self, tmp_path: Path) -> None:
        settings = Settings(EVIDENCE_SIGNING_KEY_FILE=tmp_path / "absent.pem")

        with pytest.raises(SigningKeyError, match=r"VIGIE_EVIDENCE_SIGNING_KEY_FILE: cannot read .*absent\.pem"):
            load_signer(settings)

    def test_non_ed25519_key_is_rejected(self, tmp_path: Path) -> None:
        path = write_pem(tmp_path / "ec.pem", generate_private_key(SECP256R1()))

        with pytest.raises(SigningKeyError, match="not an Ed25519 key"):
            load_signer(Settings(EVIDENCE_SIGNING_KEY_FILE=path))

    def test_garbage_file_is_rejected(self, tmp_path: Path) -> None:
        path = tmp_path / "garbage.pem"
        path.write_text("not a key")

        with pytest.raises(SigningKeyError, match="not an unencrypted PEM private key"):
            load_signer(Settings(EVIDENCE_SIGNING_KEY_FILE=path))


class TestSignatures:
    def test_signature_round_trip(self) -> None:
        signer = EvidenceSigner(Ed25519PrivateKey.generate())
        public_key = load_public_key(signer.public_key_pem)

        assert signature_is_valid(public_key, signer.sign(b"manifest"), b"manifest")
        assert not signature_is_valid(public_key, signer.sign(b"manifest"), b"manifest!")
        assert not signature_is_valid(public_key, b"not base64!", b"manifest")
        assert not signature_is_valid(public_key, b"c2hvcnQ=", b"manifest")

    def test_other_key_does_not_verify(self) -> None:
        signer = EvidenceSigner(Ed25519PrivateKey.generate())
        other = Ed25519PrivateKey.generate().public_key()

        assert not signature_is_valid(other, signer.sign(b"manifest"), b"manifest")
        assert key_id(other) != signer.key_id

    def test_key_id_is_sha256_of_raw_key(self) -> None:
        key = Ed25519PrivateKey.generate().public_key()
        raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

        assert key_id(key) == hashlib.sha256(raw).hexdigest()

    def test_invalid_public_key_pem_is_rejected(self) -> None:
        with pytest.raises(SigningKeyError, match="not a valid PEM public key"):
            load_public_key(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
