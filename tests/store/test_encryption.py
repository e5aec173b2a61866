"""Encryption at rest: a copy of the database file alone reveals no testimony; the key is kept
apart from the data (owner-only key file, or the system keyring); a lost key is refused in one
line that says how to restore it; an old unencrypted store is encrypted on first open; the key
can be backed up and restored."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from companion.cli import main
from companion.interpreting.concerns import Concern
from models import record
from models.database import StoreError
from models.encryption import key_file_for
from models.store import Store

SECRET = "Zebulon-Quartermaine was burned with cigarettes in Tessaly"


def _fill(store: Store) -> int:
    sid = store.create_session("IC-ENC-1")
    with store.session() as db:
        record.add_segment(db, sid, 0, speaker="interpreter", text=SECRET)
        record.correct_text(db, sid, 0, SECRET + " in 1399", author="interpreter")
        record.add_note(db, sid, "Zebulon-Quartermaine needs a break", 10.0, 0)
        record.add_concern(db, sid, Concern("claimant", "dialect", "Zebulon-Quartermaine dialect"))
    return sid


def _files(path: Path) -> list[Path]:
    return [p for p in path.parent.glob(path.name + "*") if p.is_file()]


def test_a_copy_of_the_database_reveals_no_testimony(tmp_path: Path) -> None:
    path = tmp_path / "data" / "interviews.db"
    store = Store.open(f"sqlite:///{path}")
    try:
        sid = _fill(store)
        files = _files(path)  # the database, its write-ahead log and index, while open
        assert {p.name for p in files} >= {"interviews.db", "interviews.db-wal"}
        for file in files:
            assert b"Zebulon" not in file.read_bytes(), file.name
        copy = tmp_path / "copied.db"
        shutil.copy(path, copy)
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            sqlite3.connect(copy).execute("SELECT * FROM segments").fetchall()
    finally:
        store.close()
    key = key_file_for(path)
    assert path.parent not in key.parents  # the key is not in the data folder
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    reopened = Store.open(f"sqlite:///{path}")
    try:
        assert reopened.load(sid).segments[0].text == SECRET
    finally:
        reopened.close()


def test_without_its_key_the_store_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "interviews.db"
    Store.open(f"sqlite:///{path}").close()
    key_file_for(path).unlink()  # the key is lost
    with pytest.raises(StoreError) as refused:
        Store.open(f"sqlite:///{path}")
    message = str(refused.value)
    assert "\n" not in message
    assert "encrypted and their key is neither in the system keyring nor at" in message
    assert "interview-companion key --import FILE" in message
    assert not key_file_for(path).exists()  # no new key was made for it


def test_an_old_unencrypted_store_is_encrypted_when_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "interviews.db"
    monkeypatch.setenv("COMPANION_DB_ENCRYPTION", "off")  # an earlier version's store
    old = Store.open(f"sqlite:///{path}")
    sid = _fill(old)
    old.close()
    assert any(b"Zebulon" in f.read_bytes() for f in _files(path))
    monkeypatch.delenv("COMPANION_DB_ENCRYPTION")
    store = Store.open(f"sqlite:///{path}")
    try:
        assert store.load(sid).segments[0].text == SECRET  # nothing lost
        assert store.key is not None and "key file" in store.key.where
    finally:
        store.close()
    for file in _files(path):
        assert b"Zebulon" not in file.read_bytes(), file.name
    assert not path.with_name(path.name + ".encrypting").exists()


def test_the_key_is_backed_up_and_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "interviews.db"
    url = f"sqlite:///{path}"
    store = Store.open(url)
    sid = _fill(store)
    store.close()
    assert main(["key", "--db", url]) == 0
    assert "Without that key nobody can read them" in capsys.readouterr().out
    backup = tmp_path / "usb" / "interviews.key"
    capsys.readouterr()
    assert main(["key", "--db", url, "--export", str(backup)]) == 2  # no such drive: said
    assert capsys.readouterr().err.strip().endswith("does not exist")
    backup.parent.mkdir()
    assert main(["key", "--db", url, "--export", str(backup)]) == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    key_file_for(path).unlink()  # a new laptop account: the key is gone
    wrong = tmp_path / "wrong.key"
    wrong.write_text("ab" * 32)
    capsys.readouterr()
    assert main(["key", "--db", url, "--import", str(wrong)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"interview-companion: {wrong}: this key does not open {path}"
    )
    assert main(["key", "--db", url, "--import", str(backup)]) == 0
    restored = Store.open(url)
    try:
        assert restored.load(sid).segments[0].text == SECRET
    finally:
        restored.close()


def test_a_passphrase_can_stand_in_for_the_stored_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "interviews.db"
    monkeypatch.setenv("COMPANION_DB_PASSPHRASE", 'correct horse "battery" staple')
    store = Store.open(f"sqlite:///{path}")
    sid = _fill(store)
    store.close()
    assert not key_file_for(path).exists()
    monkeypatch.delenv("COMPANION_DB_PASSPHRASE")
    with pytest.raises(StoreError, match="encrypted and their key"):
        Store.open(f"sqlite:///{path}")
    monkeypatch.setenv("COMPANION_DB_PASSPHRASE", 'correct horse "battery" staple')
    store = Store.open(f"sqlite:///{path}")
    try:
        assert store.load(sid).segments[0].text == SECRET
    finally:
        store.close()


def _old_plain_store(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("COMPANION_DB_ENCRYPTION", "off")  # an earlier version's store
    old = Store.open(f"sqlite:///{path}")
    sid = _fill(old)
    old.close()
    monkeypatch.delenv("COMPANION_DB_ENCRYPTION")
    return sid


@pytest.mark.parametrize("cut", ["before the swap", "after the swap"])
def test_a_first_encryption_cut_short_loses_nothing_and_completes_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut: str
) -> None:
    from models import encryption

    path = tmp_path / "interviews.db"
    sid = _old_plain_store(path, monkeypatch)

    class Killed(BaseException):
        """The process dies here."""

    def die(*_args: object, **_kwargs: object) -> None:
        raise Killed

    with monkeypatch.context() as patch:
        if cut == "before the swap":  # the copy is written, not yet checked nor in place
            patch.setattr(encryption, "_verified", die)
        else:
            patch.setattr(encryption, "_wipe", die)
        with pytest.raises(Killed):
            Store.open(f"sqlite:///{path}")
    store = Store.open(f"sqlite:///{path}")  # the next start
    try:
        assert store.load(sid).segments[0].text == SECRET  # nothing lost
    finally:
        store.close()
    for file in tmp_path.iterdir():  # and no plain copy is left anywhere
        if file.is_file():
            assert b"Zebulon" not in file.read_bytes(), file.name
    assert not any(f.name.endswith((".encrypting", ".plain-original")) for f in tmp_path.iterdir())


def test_a_store_an_earlier_version_left_half_encrypted_is_recovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The earlier version overwrote the plain file before putting the encrypted copy in its
    place; killed in between, every later start only said the file was unreadable."""
    from models import encryption

    path = tmp_path / "interviews.db"
    sid = _old_plain_store(path, monkeypatch)
    copy = tmp_path / "finished.db"
    plain_backup = tmp_path / "backup.db"
    plain_backup.write_bytes(path.read_bytes())
    Store.open(f"sqlite:///{path}").close()  # encrypted properly...
    copy.write_bytes(path.read_bytes())
    path.write_bytes(b"\0" * path.stat().st_size)  # ...then the state the old version left:
    copy.rename(path.with_name(path.name + ".encrypting"))  # zeros, and the copy beside them
    plain_backup.unlink()
    assert not encryption.is_plaintext(path)
    store = Store.open(f"sqlite:///{path}")
    try:
        assert store.load(sid).segments[0].text == SECRET
    finally:
        store.close()
    assert not path.with_name(path.name + ".encrypting").exists()


def test_another_programs_database_is_refused_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    theirs = tmp_path / "contacts.sqlite"
    connection = sqlite3.connect(theirs)
    connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Amina', '0123')")
    connection.commit()
    connection.close()
    before = theirs.read_bytes()
    assert main(["sessions", "list", "--db", f"sqlite:///{theirs}"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "is another program's database (tables contacts)" in err
    assert theirs.read_bytes() == before  # not encrypted, no tables added
    assert not key_file_for(theirs).exists()


def test_the_store_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    from companion import paths

    store = Store.open()  # the default store, in the data folder
    try:
        _fill(store)
    finally:
        store.close()
    folder = paths.data_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in folder.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
