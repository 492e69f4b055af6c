"""Loading the client's RSA private key, with a clear message for each failure."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ka_explorer.oauth1.errors import RsaKeyError


def read_rsa_key_file(path: str | Path) -> str:
    """Return the PEM text of the key file at `path`."""
    try:
        return Path(path).read_text(encoding="ascii")
    except FileNotFoundError:
        raise RsaKeyError(
            f"RSA private key file {str(path)!r} not found; check the path."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RsaKeyError(
            f"Cannot read the RSA private key file {str(path)!r}: {error}. "
            "Give a PEM file (text starting with -----BEGIN)."
        ) from None


def load_rsa_private_key(pem: str | None, passphrase: str | None = None) -> Any:
    """Return the loaded RSA private key (a `cryptography` key object).

    oauthlib passes the key to PyJWT, which takes no passphrase but accepts a
    loaded key, so an encrypted key is decrypted here. Loading checks the key
    and takes milliseconds, so the last few keys are cached. Raises
    RsaKeyError naming the problem: no key, wrong or missing passphrase,
    malformed PEM, not an RSA key, or `cryptography` or `pyjwt` missing.
    """
    if not pem or not pem.strip():
        raise RsaKeyError(
            "The RSA signature methods need a private key; set one in the profile "
            "or pass --rsa-key PEM_FILE."
        )
    return _cached_key(pem, passphrase)


@functools.lru_cache(maxsize=4)
def _cached_key(pem: str, passphrase: str | None) -> Any:
    return _load_private_key(_serialization_module(), pem, passphrase)


def unencrypted_pem(pem: str | None, passphrase: str | None = None) -> str:
    """Return the key as unencrypted PKCS#8 PEM (see `load_rsa_private_key`)."""
    serialization = _serialization_module()
    key = load_rsa_private_key(pem, passphrase)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def _serialization_module():  # type: ignore[no-untyped-def]
    try:
        import jwt.algorithms  # noqa: F401  (oauthlib signs RSA through PyJWT)
        from cryptography.hazmat.primitives import serialization
    except ImportError as error:
        raise RsaKeyError(
            f"RSA signing needs the packages 'cryptography' and 'pyjwt' ({error}); "
            "install them with: pip install cryptography pyjwt"
        ) from None
    return serialization


def _load_private_key(serialization, pem: str, passphrase: str | None):  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.asymmetric import rsa

    password = passphrase.encode("utf-8") if passphrase else None
    try:
        data = pem.encode("ascii", "replace")
        key = serialization.load_pem_private_key(data, password)
    except TypeError:
        raise _passphrase_error(passphrase) from None
    except ValueError as error:
        raise _load_error(error, passphrase) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise RsaKeyError(
            f"The private key is a {type(key).__name__}, not an RSA key; "
            "RSA-SHA1 and RSA-SHA256 need an RSA private key."
        )
    return key


def _passphrase_error(passphrase: str | None) -> RsaKeyError:
    if passphrase:
        return RsaKeyError(
            "The RSA private key is not encrypted, but a passphrase was given; "
            "remove the passphrase."
        )
    return RsaKeyError(
        "The RSA private key is encrypted; enter its passphrase in the profile."
    )


def _load_error(error: ValueError, passphrase: str | None) -> RsaKeyError:
    text = str(error).lower()
    if passphrase and ("password" in text or "decrypt" in text):
        return RsaKeyError(
            "The passphrase for the RSA private key is wrong; enter it again."
        )
    return RsaKeyError(
        "The RSA private key is not a valid PEM private key "
        f"({_first_sentence(error)}); give a file that starts with "
        "-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----."
    )


def _first_sentence(error: Exception) -> str:
    return str(error).split(". See ")[0].splitlines()[0].rstrip(".")
