"""Opening the database: which URL, the engine settings, migrations, and one-line errors.

The default is SQLite in the user's data directory, in WAL mode with foreign keys on and full
fsync on commit (a committed segment survives a killed process and a power cut). Any SQLAlchemy
URL can be given instead; PostgreSQL (``postgresql://user@host/db``) is the engine for a team.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from companion import paths
from companion.errors import UserError
from models.encryption import (
    QUIET,
    StoreKey,
    StoreKeyError,
    cipher_module,
    encrypt_in_place,
    encryption_wanted,
    finish_encryption,
    is_plaintext,
    keep_key_for,
    key_file_for,
    looks_encrypted,
    opens,
    store_key,
)

log = logging.getLogger(__name__)

#: The environment variable that selects the database (CLI.md).
DATABASE_ENV = "COMPANION_DATABASE_URL"
#: The SQLite file in the data directory.
DEFAULT_FILE = "interviews.db"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(UserError):
    """The database cannot be opened, read or written; the message names it."""


def database_url(explicit: str | None = None, configured: str = "") -> str:
    """The URL to use: ``--db``, then ``COMPANION_DATABASE_URL``, then the setting, then SQLite
    in the data directory."""
    for value in (explicit, os.environ.get(DATABASE_ENV), configured):
        if value and value.strip():
            return value.strip()
    return default_url()


def default_url() -> str:
    """This computer's own store: SQLite in the user's data directory."""
    return f"sqlite:///{paths.data_dir() / DEFAULT_FILE}"


def display_url(url: str | URL) -> str:
    """The URL as shown to people: passwords hidden (in the address and in its query); a
    SQLite file as its path."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except (ArgumentError, ValueError):
        shown = re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", str(url))
        return re.sub(r"((?:pass|password|sslpassword)=)[^&]*", r"\1***", shown, flags=re.I)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    secret = {k: "hidden" for k in parsed.query if "pass" in k.lower()}
    return parsed.update_query_dict(secret).render_as_string(hide_password=True)


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"--db {display_url(url)}: not a database URL ({exc})") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "postgresql":
        parsed = _with_tls(parsed)
    return parsed


#: ``sslmode`` values that let a connection go without encryption: only when named.
INSECURE_SSLMODES = ("disable", "allow", "prefer")


def _with_tls(parsed: URL) -> URL:
    """A team server is reached over TLS: ``sslmode=require`` unless the URL names another
    mode (``verify-full`` is better still). An insecure mode is honoured only when named, and
    said in the log; psycopg's own default (``prefer``) would fall back to clear text
    silently."""
    mode = parsed.query.get("sslmode")
    if mode is None:
        return parsed.update_query_dict({"sslmode": "require"})
    if mode in INSECURE_SSLMODES:
        log.warning(
            "%s: sslmode=%s was asked for: interviews may cross the network unencrypted",
            display_url(parsed),
            mode,
        )
    return parsed


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    # Deleted interviews are overwritten on disk, not just unlinked from the file's pages.
    cursor.execute("PRAGMA secure_delete = ON")
    # When the write-ahead log is next reset, it is cut to nothing: no old frames linger.
    cursor.execute("PRAGMA journal_size_limit = 0")
    # 32 MB of (decrypted) pages per connection: a four-hour session is read from memory the
    # second time, and encrypted pages are not decrypted again.
    cursor.execute("PRAGMA cache_size = -32000")
    cursor.close()


def sqlite_file(url: str | URL) -> Path | None:
    """The file of a SQLite database on disk (``None``: another engine, or in memory)."""
    parsed = make_url(url) if isinstance(url, str) else url
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):
        return None
    return Path(database).expanduser()


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the store's settings; nothing is connected yet."""
    parsed = _parse(url)
    backend = parsed.get_backend_name()
    encryption: StoreKey | None = None
    # Testimony never reaches a log or an error message through a failed statement's values.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if backend == "sqlite":
        path = sqlite_file(parsed)
        if path is None:
            raise StoreError(
                f"--db {display_url(url)}: a database in memory keeps nothing; give a file"
            )
        if path is not None:
            refuse_foreign(path)  # before anything is changed, permissions included
            _owner_only(path)
            encryption = _encryption(path)
            if encryption is not None:
                kwargs["module"] = cipher_module()
        kwargs["connect_args"] = {"timeout": 5.0, "check_same_thread": False}
    elif backend == "postgresql":
        kwargs["connect_args"] = {"connect_timeout": 5}
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError, ArgumentError) as exc:
        raise StoreError(
            f"--db {display_url(url)}: this kind of database is not supported here ({exc})"
        ) from exc
    if backend == "sqlite":
        if encryption is not None:
            event.listen(engine, "connect", _keyed(encryption.pragma))
        event.listen(engine, "connect", _sqlite_pragmas)
    engine.companion_key = encryption  # type: ignore[attr-defined]
    return engine


def _holds_some(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def store_guard(path: Path) -> str | None:
    """Why no output may ever be written at ``path`` — it is an interview store (this
    computer's, a rescued copy, any file a store key is kept for), a database, or in the folder
    of the stores or of their keys — or None."""
    resolved = Path(os.path.realpath(path))
    for folder, what in (
        (paths.data_dir(), "in the folder of the interview stores"),
        (paths.config_dir() / "keys", "in the folder of the interview stores' keys"),
    ):
        if resolved.is_relative_to(Path(os.path.realpath(folder))):
            return f"is {what}"
    if is_plaintext(resolved):
        return "is a database"
    if key_file_for(resolved).exists() or key_file_for(path).exists():
        return "is an encrypted interview store"
    return None


def _owner_only(path: Path) -> None:
    """The store's folder and files for its owner alone: the data folder the app made is
    0700, the database file (and so the journal files SQLite makes beside it) 0600."""
    try:
        made = not path.parent.exists()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if made or path.parent == paths.data_dir():
            os.chmod(path.parent, 0o700)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        for file in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
            if file.exists() and file.stat().st_uid == os.getuid() and file.stat().st_mode & 0o077:
                os.chmod(file, 0o600)
    except OSError as exc:
        raise StoreError(f"{path}: cannot be created or protected ({exc.strerror or exc})") from exc


def refuse_foreign(path: Path) -> None:
    """Refuse what is not an interview store — a folder, a device, another program's database
    or any other file — before anything is changed in it (its permissions included)."""
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file"
        raise StoreError(f"{path}: is {kind}, not an Interview Companion store")
    if not is_plaintext(path):
        half_encrypted = path.with_name(path.name + ".encrypting").exists()  # recovered later
        if (
            _holds_some(path)
            and encryption_wanted()
            and not looks_encrypted(path)
            and not half_encrypted
        ):
            raise StoreError(
                f"{path}: not a readable Interview Companion database (nor any database); it "
                "is left untouched — give another file"
            )
        if _holds_some(path) and not encryption_wanted() and looks_encrypted(path):
            raise StoreError(
                f"{path}: is encrypted, and COMPANION_DB_ENCRYPTION=off asks to open it "
                "without its key; unset it"
            )
        return
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a readable database ({exc})") from exc
    from models.entities import Base

    ours = {*Base.metadata.tables, "alembic_version"}
    foreign = sorted(n for n in names if n not in ours and not n.startswith("sqlite_"))
    if foreign or (names and "alembic_version" not in names):
        shown = ", ".join(foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise StoreError(
            f"{path}: is another program's database (tables {shown or 'of its own'}), not an "
            "Interview Companion store; it is left untouched — give another file"
        )


def copy_database(connection: Any, target: Path, key: StoreKey | None) -> None:
    """Copy the whole database open on ``connection`` (a DB-API connection, even to a file
    since deleted) into the new file ``target``, encrypted with the same key (kept for it too),
    owner-only."""
    _owner_only(target)
    if key is not None:
        keep_key_for(target, key)
        connection.execute(f"ATTACH DATABASE ? AS rescued KEY {key.pragma}", (str(target),))
        try:
            connection.execute("SELECT sqlcipher_export('rescued')")
        finally:
            connection.execute("DETACH DATABASE rescued")
    else:
        import sqlite3

        destination = sqlite3.connect(str(target))
        try:
            connection.backup(destination)
        finally:
            destination.close()


def store_key_of(engine: Engine) -> StoreKey | None:
    """How the engine's store is encrypted (``None``: not encrypted, e.g. PostgreSQL)."""
    return getattr(engine, "companion_key", None)


def _encryption(path: Path) -> StoreKey | None:
    """The key of a local store (made for a new one; an unencrypted one is encrypted now)."""
    if not encryption_wanted():
        return None
    try:
        key = store_key(path)
    except StoreKeyError as exc:
        raise StoreError(str(exc)) from exc
    if _holds_some(path) and not is_plaintext(path) and not opens(path, key.pragma):
        with contextlib.suppress(Exception):  # an earlier version's cut-short encryption?
            finish_encryption(path, key)
        if not opens(path, key.pragma):
            raise StoreError(f"{path}: {key.where} does not open it (a wrong key or passphrase)")
    try:
        finish_encryption(path, key)  # a first encryption a crash cut short
    except Exception as exc:  # OSError, sqlite3's and sqlcipher3's own errors
        raise StoreError(f"{path}: its encryption cannot be completed ({exc})") from exc
    if is_plaintext(path):
        try:
            encrypt_in_place(path, key)
        except Exception as exc:  # OSError, sqlite3's and sqlcipher3's own errors
            raise StoreError(f"{path}: cannot be encrypted ({exc})") from exc
    return key


def _keyed(pragma: str) -> Any:
    def key(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(QUIET)
        cursor.execute(f"PRAGMA key = {pragma}")  # first, before anything reads a page
        cursor.close()

    return key


def translate(exc: BaseException, url: str | URL) -> StoreError:
    """One line for a database failure, naming the database and what to do."""
    name = display_url(url)
    original = getattr(exc, "orig", None) or exc
    detail = str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
    lowered = detail.lower()
    if "file is not a database" in lowered or "malformed" in lowered:
        return StoreError(f"{name}: not a readable Interview Companion database ({detail})")
    if "locked" in lowered or "busy" in lowered:
        return StoreError(
            f"{name}: the database is locked by another program; close it and try again"
        )
    if "disk is full" in lowered or "no space" in lowered:
        return StoreError(f"{name}: the disk is full; free some space and try again")
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"{name}: the database is read-only; check its permissions")
    if "permission denied" in lowered or "row-level security" in lowered:
        return StoreError(
            f"{name}: this login is not allowed to do that here; its role on the server does "
            f"not include it ({detail})"
        )
    if "unable to open" in lowered:
        return StoreError(f"{name}: cannot be opened (missing folder or no permission)")
    if "connection" in lowered or "could not connect" in lowered or "timeout" in lowered:
        return StoreError(f"{name}: cannot connect to the database server ({detail})")
    return StoreError(f"{name}: database error ({detail})")


@contextmanager
def translated(url: str | URL) -> Iterator[None]:
    """Turn database failures inside the block into a :class:`StoreError`."""
    try:
        yield
    except StoreError:
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        raise translate(exc, url) from exc


def alembic_config() -> Config:
    """Alembic's configuration for the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database (``None`` for an empty one)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, url: str | URL, target: str = "head") -> None:
    """Bring the schema up to ``target``; refuse a database from a newer version of the app."""
    from alembic import command

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with translated(url):
        current = current_revision(engine)
        if current is not None:
            try:
                script.get_revision(current)
            except Exception as exc:  # alembic raises several kinds here
                raise StoreError(
                    f"{display_url(url)}: written by a newer version of Interview Companion "
                    f"(schema {current}); install that version or newer to open it"
                ) from exc
        if current == script.get_current_head() and target == "head":
            return
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
        log.info("database %s upgraded from %s to %s", display_url(url), current, target)
