"""``interview-companion bench`` / ``make bench``: performance figures for each model.

Builds the speech corpus (espeak-ng, cached), measures each available model in its own process,
prints a table next to the goals, and writes ``results.json`` and ``results.md`` in the output
directory. Figures, not pass/fail: the exit status is 0 unless the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from companion.bench.measure import CLAIMANT_LANGUAGE
from companion.bench.speech_corpus import build_corpus, espeak_available
from companion.errors import UserError
from companion.transcription.model_store import ModelStore

GOALS = {
    "commit delay median": "<= 2.0 s",
    "commit delay p90": "<= 3.5 s",
    "tentative delay median": "<= 1.0 s",
    "streaming WER - offline WER": "<= 1.5 points",
    "words on silence/noise": "0",
    "CPU per audio second (paced)": "<= 0.50 core-s",
    "RSS growth over soak": "< 50 MB",
}


def _fmt(value: Any, unit: str = "", digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def rows(result: dict[str, Any]) -> list[tuple[str, str]]:
    """The figures of one model as (label, value) rows."""
    off, st = result["offline"], result["streaming"]
    out = [
        ("model load", _fmt(result["load_s"], " s")),
        ("offline WER (faster-whisper, beam 5)", _fmt(off["wer"], " %", 1)),
        ("streaming WER", _fmt(st["wer"], " %", 1)),
        ("streaming WER - offline WER", _fmt(st["wer"] - off["wer"], " points", 1)),
        ("CPU per audio second (fast replay)", _fmt(st["cpu_per_audio_s"], " core-s")),
        ("passes / fallbacks to 30 s window", f"{st['passes']} / {st['fallbacks']}"),
        ("segments with a repetition loop", _fmt(st["looping_segments"])),
        (
            "words on 2 min silence / 2 min noise",
            f"{result['silence_words']} / {result['noise_words']}",
        ),
    ]
    live = result.get("realtime")
    if live:
        out += [
            (
                "commit delay median / p90 (paced)",
                f"{_fmt(live['commit_delay_median'], ' s')} / "
                f"{_fmt(live['commit_delay_p90'], ' s')}",
            ),
            (
                "tentative delay median / p90 (paced)",
                f"{_fmt(live['tentative_delay_median'], ' s')} / "
                f"{_fmt(live['tentative_delay_p90'], ' s')}",
            ),
            ("CPU per audio second (paced)", _fmt(live["cpu_per_audio_s"], " core-s")),
            ("largest backlog (paced)", _fmt(live["max_backlog_s"], " s")),
        ]
    soak = result.get("soak")
    if soak:
        out += [
            (
                f"soak {soak['minutes']:.0f} min: RSS after 5 min -> end",
                f"{_fmt(soak['rss_mb_after_5_min'], ' MB', 0)} -> "
                f"{_fmt(soak['rss_mb_end'], ' MB', 0)} "
                f"(growth {_fmt(soak['rss_growth_mb'], ' MB', 1)})",
            ),
            (
                "soak: CPU per audio s, first -> last window",
                f"{_fmt(soak['cpu_per_audio_s_first_window'])} -> "
                f"{_fmt(soak['cpu_per_audio_s_last_window'])}",
            ),
            (
                "soak: segments with a repetition loop",
                f"{soak['looping_segments']} of {soak['segments']}",
            ),
        ]
    out.append(("peak RSS", _fmt(result["peak_rss_mb"], " MB", 0)))
    return out


def render(results: list[dict[str, Any]]) -> str:
    """A Markdown table of every model's figures, and the machine."""
    names = [r["model"] for r in results]
    labels: list[str] = []
    table: dict[str, dict[str, str]] = {}
    for result in results:
        for label, value in rows(result):
            if label not in table:
                labels.append(label)
                table[label] = {}
            table[label][result["model"]] = value
    lines = ["| figure | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for label in labels:
        lines.append(f"| {label} | " + " | ".join(table[label].get(n, "-") for n in names) + " |")
    m = results[0]["machine"] if results else {}
    lines.append("")
    lines.append(
        f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, {m.get('system', '')}, "
        f"Python {m.get('python', '')}; {time.strftime('%Y-%m-%d')}."
    )
    lines.append("Goals: " + "; ".join(f"{k} {v}" for k, v in GOALS.items()) + ".")
    return "\n".join(lines)


def _ui_stalls(seconds: float) -> str:
    """The window's responsiveness during the demo, measured in its own process (the core
    never imports Qt; the benchmarks are a layer above the views)."""
    import os

    print(f"measuring UI stalls during a {seconds:.0f}-second demo ...", flush=True)
    env = os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    from ui.benches import run_in_own_process

    proc = run_in_own_process("stall_bench", str(seconds), env=env)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return f"UI stalls: not measured ({tail})"
    f = json.loads(lines[-1])
    return (
        f"UI stalls during {f['seconds']:.0f} s of the demo with real transcription "
        f"({f['segments']:.0f} segments, a 20 ms timer on the UI thread): median "
        f"{f['stall_ms_median']:.1f} ms, p99 {f['stall_ms_p99']:.1f} ms, max "
        f"{f['stall_ms_max']:.1f} ms (goals: p99 under 50 ms, max under 200 ms)."
    )


def _summary_screen() -> str:
    """The summary screen's time for the same four-hour interview, in its own Qt process."""
    import os

    env = os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    from ui.benches import run_in_own_process

    proc = run_in_own_process("summary_bench", env=env)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return f"Summary screen: not measured ({tail})."
    f = json.loads(lines[-1])
    if not f:
        return "Summary screen: not measured (no corpus)."
    return (
        f"On screen: {f['total_s']:.2f} s from the stored session to the painted summary "
        f"(report {f['report_s']:.2f} s off the UI thread, then {f['screen_s']:.2f} s to fill and "
        "paint the screen; goal under 2 s)."
    )


def _analysis_figures(out: Path) -> str:
    """The analysis's speed, and its score on the live pipeline's output beside the text's."""
    from companion.bench.analysis_speed import measure_analysis

    lines = []
    speed = measure_analysis()
    if speed:
        lines.append(
            f"Analysis: {speed['segments']} segments (a four-hour interview) in "
            f"{speed['total_s']:.2f} s; per segment median "
            f"{speed['per_segment_ms_median']:.2f} ms, "
            f"p99 {speed['per_segment_ms_p99']:.2f} ms, max {speed['per_segment_ms_max']:.2f} ms "
            "(goals: under 5 s; under 20 ms per segment)."
        )
        if speed.get("second_opinion_turns"):
            lines.append(
                f"Second opinion: model loaded in {speed['second_opinion_load_s']:.2f} s (once); "
                f"rating one turn, over {speed['second_opinion_turns']} turns of the corpora: "
                f"median {speed['second_opinion_ms_median']:.2f} ms, "
                f"p99 {speed['second_opinion_ms_p99']:.2f} ms, "
                f"max {speed['second_opinion_ms_max']:.2f} ms."
            )
    command = [sys.executable, "-m", "companion.bench.spoken_analysis", "--out", str(out)]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode == 0:
        lines.append(proc.stdout.strip())
    else:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        lines.append(f"Analysis of spoken interviews: not measured ({tail[0]})")
    return "\n\n".join(lines)


def _real_speech(out: Path, names: list[str], paced: bool) -> str:
    """Recognition on real recorded speech, each model in its own process (peak memory)."""
    from companion.bench.real_speech import report
    from companion.bench.real_speech_data import build_real_speech

    data = out / "real_speech"
    print(f"fetching and building the real-speech clips in {data} ...", flush=True)
    build_real_speech(data)
    results = []
    for name in names:
        print(
            f"measuring {name} on real speech{' (then paced, both sources)' if paced else ''} ...",
            flush=True,
        )
        command = [sys.executable, "-m", "companion.bench.real_speech", name, "--data", str(data)]
        if paced:
            command.append("--paced")
        if ModelStore().resolve(name).multilingual:
            # English speech with a claimant language set: every "claimant" label is a wrong
            # language guess.
            command += ["--claimant-language", CLAIMANT_LANGUAGE]
        proc = subprocess.run(command, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
            raise UserError(f"real-speech benchmark of model '{name}' failed: {tail[0]}")
        results.append(json.loads(proc.stdout))
    out.mkdir(parents=True, exist_ok=True)
    (out / "real_speech_results.json").write_text(json.dumps(results, indent=2))
    return report(results)


def run_bench(args: argparse.Namespace) -> int:
    """Measure every requested model and print the figures."""
    out = Path(args.out)
    if getattr(args, "store_only", False):
        from companion.bench.store_speed import measure_store, store_report

        print(store_report(measure_store(getattr(args, "sub_db", None))))
        return 0
    if getattr(args, "analysis_only", False):
        print(_analysis_figures(out))
        return 0
    if getattr(args, "review_only", False):
        from companion.bench.review_scale import measure_review, review_report

        print(review_report(measure_review(getattr(args, "sub_db", None), args.interviews)))
        return 0
    names = [n.strip() for n in args.models.split(",") if n.strip()] or [
        m.name for m in ModelStore().available()
    ]
    if getattr(args, "real_speech_only", False):
        print(_real_speech(out, names, paced=not args.quick))
        return 0
    corpus_dir = out / "corpus"
    if not espeak_available() and not (corpus_dir / "manifest.json").exists():
        raise UserError(
            "the benchmark needs espeak-ng to make its speech samples; on Debian/Ubuntu run "
            "'sudo apt-get install espeak-ng'"
        )
    print(f"building the speech corpus in {corpus_dir} ...", flush=True)
    build_corpus(corpus_dir)
    results = []
    for name in names:
        print(f"measuring {name} (each model in its own process) ...", flush=True)
        command = [sys.executable, "-m", "companion.bench.measure", name, str(corpus_dir)]
        if not args.quick:
            command.append("--realtime")
        if args.soak_minutes:
            command += ["--soak-minutes", str(args.soak_minutes)]
        proc = subprocess.run(command, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
            raise UserError(f"benchmark of model '{name}' failed: {tail[0]}")
        results.append(json.loads(proc.stdout))
    report = render(results)
    report += "\n\n" + _real_speech(out, names, paced=not args.quick)
    print("measuring the analysis (speed; spoken interviews through the pipeline) ...", flush=True)
    report += "\n\n" + _analysis_figures(out)
    from companion.bench.store_speed import measure_store, store_report

    print("measuring the store ...", flush=True)
    report += "\n\n" + store_report(measure_store(getattr(args, "sub_db", None)))
    from companion.bench.review_scale import measure_review, review_report

    print("measuring the unit figures at scale ...", flush=True)
    report += "\n\n" + review_report(measure_review())
    from companion.bench.summary_speed import measure_summary, summary_report

    print("measuring the summary ...", flush=True)
    report += "\n\n" + summary_report(measure_summary()) + " " + _summary_screen()
    from companion.bench.soak import accelerated_session, soak_report

    hours = 1.0 if args.quick else 4.5
    print(f"measuring an accelerated {hours:.1f}-hour session ...", flush=True)
    report += "\n\n" + soak_report(accelerated_session(hours))
    report += "\n\n" + _ui_stalls(60.0 if args.quick else args.stall_seconds)
    print()
    print(report)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    (out / "results.md").write_text(report + "\n")
    print(f"\nwritten: {out / 'results.md'} and results.json")
    return 0
