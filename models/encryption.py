"""Encryption at rest for the local store: the SQLite file is a SQLCipher database (AES-256,
every page, the write-ahead log included), so a copy of the file alone reveals no testimony.

The key is a random 256-bit key, made the first time and kept

1. in the operating system's keyring (Windows Credential Locker, macOS Keychain, the Secret
   Service on a Linux desktop) where there is one;
2. otherwise in a key file readable by the user only, in the configuration directory — outside
   the data directory, so a copy of the data folder does not carry its key;

or it comes from a passphrase (``COMPANION_DB_PASSPHRASE``; SQLCipher stretches it with
PBKDF2-HMAC-SHA512). A database written by an earlier, unencrypted version is encrypted in place
the first time it is opened. Without the key the interviews cannot be read by anyone: that is
the point, and it is said before it can happen (the start screen, ``interview-companion key``,
the README).
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion import paths
from companion.errors import UserError

log = logging.getLogger(__name__)

#: A passphrase instead of a stored key.
PASSPHRASE_ENV = "COMPANION_DB_PASSPHRASE"
#: "off" keeps a new local store unencrypted (not recommended; for diagnosis only).
ENCRYPTION_ENV = "COMPANION_DB_ENCRYPTION"
SERVICE = "interview-companion"
_PLAIN_HEADER = b"SQLite format 3\x00"


class StoreKeyError(UserError):
    """The store's key is missing or cannot be kept (one line, saying what to do)."""


@dataclass(frozen=True)
class StoreKey:
    """How a local store is encrypted: the value for ``PRAGMA key`` and where the key lives."""

    pragma: str
    #: Where the key is kept, in words ("the system keyring", "the key file …", "a passphrase").
    where: str
    #: The key file, when that is where it is kept.
    file: Path | None = None
    #: Made just now: the user has not been told about it yet.
    created: bool = False

    def warning(self) -> str:
        """What losing the key means, in one paragraph."""
        return (
            f"The interviews on this computer are encrypted; the key is kept in {self.where}. "
            "Without that key nobody can read them, not even you: keep a copy somewhere safe "
            "('interview-companion key --export FILE') and restore it with "
            "'interview-companion key --import FILE'."
        )


def encryption_wanted() -> bool:
    """Whether a local store is encrypted (the default)."""
    return os.environ.get(ENCRYPTION_ENV, "on").strip().lower() not in ("off", "0", "no")


#: SQLCipher's own log lines ("hmac check failed") stay off the terminal: a wrong key is said
#: in one line of ours.
QUIET = "PRAGMA cipher_log_level = NONE"


def cipher_module() -> Any:
    """The SQLCipher DB-API module (``sqlcipher3``), or a one-line error."""
    try:
        from sqlcipher3 import dbapi2  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise StoreKeyError(
            "encryption at rest needs the 'sqlcipher3-binary' package (pip install "
            "sqlcipher3-binary)"
        ) from exc
    return dbapi2


def _raw(key_hex: str) -> str:
    return f"\"x'{key_hex}'\""


def _account(db_path: Path) -> str:
    return str(db_path.expanduser().resolve())


def key_file_for(db_path: Path) -> Path:
    """The key file of a store (in the configuration directory, named by the store's path)."""
    digest = hashlib.sha256(os.fsencode(_account(db_path))).hexdigest()[:20]
    return paths.config_dir() / "keys" / f"store-{digest}.key"


def _keyring() -> Any | None:
    """The OS keyring, when there is a real one (not the fail-safe or a plain-text one)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring is the same as none
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring


def is_plaintext(db_path: Path) -> bool:
    """Whether the file is an unencrypted SQLite database (a pipe or device is not opened)."""
    if not db_path.is_file():
        return False
    try:
        with db_path.open("rb") as f:
            return f.read(16) == _PLAIN_HEADER
    except OSError:
        return False


def _holds_data(db_path: Path) -> bool:
    try:
        return db_path.stat().st_size > 0
    except OSError:
        return False


def store_key(db_path: Path) -> StoreKey:
    """The key of the store at ``db_path``: found, or made for a new (or unencrypted) store.

    An encrypted store whose key cannot be found is refused with a line saying where the key
    was looked for — a new key is never made for it (that would not open it)."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        escaped = passphrase.replace('"', '""')
        return StoreKey(f'"{escaped}"', f"a passphrase (${PASSPHRASE_ENV})")
    account = _account(db_path)
    ring = _keyring()
    key_file = key_file_for(db_path)
    if ring is not None:
        try:
            found = ring.get_password(SERVICE, account)
        except Exception:  # noqa: BLE001
            found = None
        if found:
            return StoreKey(_raw(found), "the system keyring")
    if key_file.exists():
        return StoreKey(_raw(_read_key_file(key_file)), f"the key file {key_file}", key_file)
    if _holds_data(db_path) and not is_plaintext(db_path):
        if not looks_encrypted(db_path):
            raise StoreKeyError(f"{db_path}: not a readable Interview Companion database")
        raise StoreKeyError(
            f"{db_path}: the interviews are encrypted and their key is neither in the system "
            f"keyring nor at {key_file}; restore it with 'interview-companion key --import FILE'"
        )
    return _new_key(db_path, ring, key_file)


def looks_encrypted(db_path: Path) -> bool:
    """Whether a file looks like an encrypted database: whole pages of random-looking bytes
    (a text or other file does not)."""
    if not db_path.is_file():
        return False
    try:
        size = db_path.stat().st_size
        with db_path.open("rb") as f:
            first = f.read(4096)
    except OSError:
        return False
    return size % 512 == 0 and len(set(first)) > 200


def _new_key(db_path: Path, ring: Any | None, key_file: Path) -> StoreKey:
    key_hex = secrets.token_hex(32)
    if ring is not None:
        try:
            ring.set_password(SERVICE, _account(db_path), key_hex)
            log.info("store key for %s made and kept in the system keyring", db_path)
            return StoreKey(_raw(key_hex), "the system keyring", created=True)
        except Exception as exc:  # noqa: BLE001 - fall back to the key file
            log.warning("the system keyring refused the store key (%s); using a key file", exc)
    write_key_file(key_file, key_hex)
    log.info("store key for %s made and kept in %s", db_path, key_file)
    return StoreKey(_raw(key_hex), f"the key file {key_file}", key_file, created=True)


def keep_key_for(db_path: Path, key: StoreKey) -> None:
    """Keep ``key`` as the key of the store at ``db_path`` too (a rescued copy), where keys
    are kept; a passphrase needs nothing kept."""
    if not key.pragma.startswith("\"x'"):
        return
    key_hex = key.pragma[3:-2]
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(SERVICE, _account(db_path), key_hex)
            return
        except Exception:  # noqa: BLE001 - fall back to the key file
            pass
    write_key_file(key_file_for(db_path), key_hex)


def _read_key_file(key_file: Path) -> str:
    try:
        if not key_file.is_file():  # a folder, a device (/dev/zero is endless), a pipe
            raise StoreKeyError(f"{key_file}: not a key file (not a regular file)")
        with key_file.open("rb") as f:
            text = f.read(256).decode("ascii").strip()  # a key is 64 characters
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreKeyError(f"{key_file}: the store's key file cannot be read ({exc})") from exc
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text.lower()):
        raise StoreKeyError(f"{key_file}: not a store key (64 hexadecimal digits expected)")
    return text.lower()


def write_key_file(key_file: Path, key_hex: str) -> None:
    """Write the app's own key file (in the keys folder of the configuration directory, made
    owner-only), readable and writable by its owner only: through an owner-only temporary file
    created exclusively, never through a link planted beside it."""
    key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(key_file.parent, 0o700)
    descriptor, partial = tempfile.mkstemp(dir=key_file.parent, prefix=".key-")
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as f:
            f.write(key_hex + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, key_file)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def export_key(db_path: Path, target: Path, *, force: bool = False) -> StoreKey:
    """Copy the store's key into ``target`` (owner-only) for a backup: never over the store,
    its journal or its own key file, never over an existing file without ``force``, never
    through a link; the folder it goes into is left as it is."""
    from companion.files import Output

    key = store_key(db_path)
    if not key.pragma.startswith("\"x'"):
        raise StoreKeyError("the store is opened with a passphrase: there is no key file to export")
    protected = [(db_path, "the interview store")]
    protected += [(Path(f"{db_path}{s}"), "a journal file of the store") for s in ("-wal", "-shm")]
    protected.append((key_file_for(db_path), "the store's own key file"))
    from models.database import store_guard

    with Output(target, force=force, protected=protected, guard=store_guard) as out:
        out.write(key.pragma[3:-2] + "\n")
        out.place()
    return key


def import_key(db_path: Path, source: Path) -> StoreKey:
    """Keep the key in ``source`` as the store's key (after a restore), where keys are kept."""
    key_hex = _read_key_file(source)
    if _holds_data(db_path) and not is_plaintext(db_path) and not opens(db_path, _raw(key_hex)):
        raise StoreKeyError(f"{source}: this key does not open {db_path}")
    ring = _keyring()
    if ring is not None:
        try:
            ring.set_password(SERVICE, _account(db_path), key_hex)
            return StoreKey(_raw(key_hex), "the system keyring")
        except Exception:  # noqa: BLE001
            pass
    target = key_file_for(db_path)
    write_key_file(target, key_hex)
    return StoreKey(_raw(key_hex), f"the key file {target}", target)


def opens(db_path: Path, pragma: str) -> bool:
    """Whether ``pragma`` (a key or passphrase) opens the encrypted store at ``db_path``."""
    connection = cipher_module().connect(str(db_path))
    try:
        connection.execute(QUIET)
        connection.execute(f"PRAGMA key = {pragma}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not this key"
        return False
    finally:
        connection.close()


def _side(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def _counts(connection: Any) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith("sqlite_")
    ]
    return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _verified(copy: Path, key: StoreKey, expected: dict[str, int] | None) -> bool:
    """Whether ``copy`` opens with ``key``, is whole, and (if given) holds as many rows in each
    table as the original."""
    try:
        connection = cipher_module().connect(str(copy))
    except Exception:  # noqa: BLE001 - any failure: not a good copy
        return False
    try:
        connection.execute(QUIET)
        connection.execute(f"PRAGMA key = {key.pragma}")
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return False
        return expected is None or _counts(connection) == expected
    except Exception:  # noqa: BLE001
        return False
    finally:
        connection.close()


def _wipe(path: Path) -> None:
    """Overwrite a plain file's pages, then remove it."""
    size = path.stat().st_size
    with path.open("rb+") as f:
        f.write(b"\0" * size)
        f.flush()
        os.fsync(f.fileno())
    path.unlink()


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def encrypt_in_place(db_path: Path, key: StoreKey) -> None:
    """Turn an unencrypted store into an encrypted one (an earlier version's database), so
    that a crash at any moment loses nothing.

    The encrypted copy is written beside it (``.encrypting``), synced and verified (it opens
    with the key, is whole, and holds as many rows in every table). The original is kept under
    a second name (``.plain-original``, a hard link) while the verified copy takes the store's
    name in one atomic step; only then are the original's pages overwritten and removed. Until
    that step the store is the original, untouched; after it, the encrypted copy — and
    :func:`finish_encryption` completes whatever a crash left undone."""
    plain = sqlite3.connect(str(db_path))
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        expected = _counts(plain)
    finally:
        plain.close()
    partial, original = _side(db_path, ".encrypting"), _side(db_path, ".plain-original")
    partial.unlink(missing_ok=True)  # an earlier try that did not finish: start again
    original.unlink(missing_ok=True)  # a link to this same, still plain, file
    connection = cipher_module().connect(str(db_path))
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute(f"ATTACH DATABASE ? AS encrypted KEY {key.pragma}", (str(partial),))
        connection.execute("SELECT sqlcipher_export('encrypted')")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    os.chmod(partial, 0o600)
    with partial.open("rb+") as f:
        os.fsync(f.fileno())
    if not _verified(partial, key, expected):
        partial.unlink(missing_ok=True)
        raise OSError("the encrypted copy did not check out; the store is left as it was")
    os.link(db_path, original)
    for suffix in ("-wal", "-shm", "-journal"):  # the plain file's, checkpointed and empty
        _side(db_path, suffix).unlink(missing_ok=True)
    os.replace(partial, db_path)
    _sync_folder(db_path.parent)
    _wipe(original)
    log.warning("store %s was not encrypted; it is now (the key is in %s)", db_path, key.where)


def finish_encryption(db_path: Path, key: StoreKey) -> None:
    """Complete a first encryption that a crash cut short (this version's or an earlier
    one's): wipe the kept original once the store is the verified encrypted copy; or, if an
    earlier version had already overwritten the store but not yet put the finished copy in its
    place, put it there (after checking it opens with the key and is whole)."""
    partial, original = _side(db_path, ".encrypting"), _side(db_path, ".plain-original")
    if original.exists() and not is_plaintext(db_path) and _verified(db_path, key, None):
        _wipe(original)
        log.warning("store %s: the encryption a crash interrupted is now complete", db_path)
    if (
        partial.exists()
        and not is_plaintext(db_path)
        and not _verified(db_path, key, None)
        and _verified(partial, key, None)
    ):
        for suffix in ("-wal", "-shm", "-journal"):
            _side(db_path, suffix).unlink(missing_ok=True)
        os.replace(partial, db_path)
        _sync_folder(db_path.parent)
        log.warning("store %s: recovered from an encryption a crash interrupted", db_path)
