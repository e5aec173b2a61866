"""``interview-companion review ...``: quality assurance from the command line — the team
server's roles, interview facts, draws for review, the reviewer's read and scores, the
caseworker's feedback and a unit's figures."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from companion.clockfmt import hms
from companion.errors import UserError
from companion.review.sampling import DEFAULT_RATE
from companion.review.stages import STAGE_IDS, STAGES


def day(text: str) -> date:
    """A day on the command line: ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD)") from None


def rate(text: str) -> float:
    """A sampling rate: a share from 0 to 1 (0.035), or a percentage (3.5%)."""
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a rate (0.035 or 3.5%)") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a rate from 0 to 1 (or 0% to 100%)")
    return value


def score(text: str) -> tuple[str, int]:
    """``stage=score`` (``opening=4``)."""
    stage, _, value = text.partition("=")
    if stage not in STAGE_IDS or value not in ("1", "2", "3", "4", "5"):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give STAGE=1..5, the stages being {', '.join(STAGE_IDS)}"
        )
    return stage, int(value)


def comment(text: str) -> tuple[str, int | None, str]:
    """``STAGE[@LINE]=words`` (``substance@42=Ask where it happened``)."""
    head, sep, words = text.partition("=")
    stage, _, line = head.partition("@")
    if not sep or not words.strip() or (stage and stage not in STAGE_IDS):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give STAGE[@LINE]=words, the stages being {', '.join(STAGE_IDS)}"
        )
    if line and not line.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: @LINE is a segment's number")
    return stage, int(line) if line else None, words.strip()


def add_parser(
    commands: Any,
    parser_class: type[argparse.ArgumentParser],
    ids: Callable[[str], int],
    db_option: Callable[[argparse.ArgumentParser], None],
) -> None:
    """The ``review`` command and its actions (``ids`` reads a session id, ``db_option`` adds
    ``--db``)."""
    parser = commands.add_parser("review", help="quality assurance: sample, review, figures")
    actions = parser.add_subparsers(dest="action", parser_class=parser_class, required=True)
    actions.add_parser(
        "setup-roles", help="a team server's roles and row-level security (as its owner)"
    )
    granted = actions.add_parser("grant", help="make a server login a caseworker/reviewer/lead")
    granted.add_argument("login", help="an existing login on the server")
    granted.add_argument("--role", required=True, choices=("caseworker", "reviewer", "lead"))
    refreshed = actions.add_parser("refresh", help="keep the facts of ended interviews")
    refreshed.add_argument("--all", action="store_true", help="work them out again for all")
    sampled = actions.add_parser("sample", help="draw interviews for review (seeded, recorded)")
    _period(sampled)
    sampled.add_argument(
        "--rate", type=rate, default=DEFAULT_RATE, help="random share (default 0.035 = 3.5%%)"
    )
    sampled.add_argument("--seed", type=int, help="reproduce an earlier draw")
    sampled.add_argument("--reviewer", default="", help="assign the picks to this login")
    sampled.add_argument("--json", action="store_true", help="print JSON")
    listed = actions.add_parser("list", help="the interviews drawn for you to review")
    listed.add_argument("--json", action="store_true", help="print JSON")
    shown = actions.add_parser("show", help="read a drawn interview (the read is audited)")
    shown.add_argument("id", type=ids, help="session id")
    scored = actions.add_parser("score", help="score a drawn interview, comment, send")
    scored.add_argument("id", type=ids, help="session id")
    scored.add_argument("scores", nargs="*", type=score, help="STAGE=1..5 (opening=4 ...)")
    scored.add_argument(
        "--comment", action="append", type=comment, default=[], help="STAGE[@LINE]=words"
    )
    scored.add_argument("--submit", action="store_true", help="send it to the caseworker")
    fed = actions.add_parser("feedback", help="reviews sent on your own interviews")
    fed.add_argument("--json", action="store_true", help="print JSON")
    replied = actions.add_parser("reply", help="reply to the feedback on your interview")
    replied.add_argument("id", type=ids, help="session id")
    replied.add_argument("words", help="your reply")
    figured = actions.add_parser("figures", help="a unit's figures for a period, no testimony")
    _period(figured)
    figured.add_argument("--json", action="store_true", help="print JSON")
    figured.add_argument("--csv", metavar="FILE", help="also write them as CSV")
    figured.add_argument("--pdf", metavar="FILE", help="also write them as PDF")
    figured.add_argument("--force", action="store_true", help="replace an existing file")
    for action in actions.choices.values():
        db_option(action)


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=day, required=True, help="first day")
    parser.add_argument("--to", dest="end", type=day, required=True, help="last day")
    parser.add_argument("--unit", default="", help="one unit (default: every unit)")


def run_review(args: argparse.Namespace, db_url: str | None) -> int:
    """Run one ``review`` action against the store."""
    from companion.cli_store import open_for_command

    store = open_for_command(db_url).store
    try:
        return _ACTIONS[args.action](store, args)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.close()


def _setup(store: Any, _args: argparse.Namespace) -> int:
    from companion.usecases import review

    names = review.setup_roles(store)
    print(f"roles set up on {store.name}: {', '.join(names)} (row-level security on)")
    return 0


def _grant(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review

    group = review.grant_role(store, args.login, args.role)
    print(f"{args.login} is now a member of {group}")
    return 0


def _refresh(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review

    done = review.refresh_facts(store, all_sessions=args.all)
    print(f"facts kept for {len(done)} ended interview(s)")
    return 0


def _sample(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review

    made = review.draw_sample(
        store,
        args.start,
        args.end,
        rate=args.rate,
        seed=args.seed,
        unit=args.unit,
        reviewer=args.reviewer,
    )
    picks: list[dict[str, Any]] = [
        {"session": p.session_id, "reasons": list(p.reasons)} for p in made.draw.picks
    ]
    if args.json:
        out = {
            "draw": made.draw_id,
            "seed": made.draw.seed,
            "rate": made.draw.rate,
            "candidates": made.draw.candidates,
            "picks": picks,
        }
        print(json.dumps(out, indent=2))
        return 0
    print(
        f"draw {made.draw_id}: {len(picks)} of {made.draw.candidates} interview(s) "
        f"({made.draw.random_picks} at random at {made.draw.rate * 100:g} %, "
        f"{made.draw.risk_picks} for a risk); seed {made.draw.seed} (--seed to draw again)"
    )
    for pick in picks:
        print(f"  session {pick['session']}: {', '.join(pick['reasons'])}")
    return 0


def _list(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review

    found = review.samples_for_review(store)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "session": s.session_id,
                        "reference": s.reference,
                        "day": s.day.isoformat() if s.day else None,
                        "unit": s.unit,
                        "reasons": list(s.reasons),
                        "state": s.state,
                    }
                    for s in found
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if not found:
        print("no interviews drawn for you to review")
    for s in found:
        why = ", ".join(s.reasons)
        print(f"{s.session_id:>6}  {s.day or '':<10}  {s.state:<9}  {s.reference}  ({why})")
    return 0


def _show(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review

    case = review.open_for_review(store, args.id)
    f = case.facts
    out = sys.stdout
    out.write(f"{case.reference} · {case.started} · read-only; this read is in the audit trail\n")
    out.write(
        f"questioning {hms(f.questioning_s)}, longest without a break "
        f"{hms(f.longest_without_break_s)}, {f.breaks} break(s); disclosures {f.disclosures} "
        f"({f.acknowledged} acknowledged, {f.fully_followed_up} fully followed up); distress "
        f"{f.distress} ({f.distress_responded} responded to)\n\n"
    )
    for line in case.lines:
        at = hms(line.start_s) if line.start_s is not None else "--:--:--"
        out.write(f"[{line.position}] {at} {line.speaker}: {line.text}\n")
    return 0


def _score(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review

    scores = dict(review.my_review(store, args.id).scores)
    scores.update(dict(args.scores))
    comments = tuple(review.NewComment(w, s, line) for s, line, w in args.comment)
    state = review.save_review(store, args.id, scores, comments, submit=args.submit)
    shown = ", ".join(f"{k} {v if v is not None else '-'}" for k, v in state.scores.items())
    sent = "sent to the caseworker" if state.submitted_at else "kept as a draft"
    print(f"review of session {args.id} {sent}: {shown}")
    return 0


def _feedback(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review

    found = review.feedback_for_me(store)
    titles = {s.id: s.title for s in STAGES}
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "session": f.session_id,
                        "reference": f.reference,
                        "reviewer": f.review.reviewer,
                        "scores": f.review.scores,
                        "seen": not f.unseen,
                        "comments": [
                            {
                                "id": c.id,
                                "stage": c.stage,
                                "line": c.segment_position,
                                "by": c.author,
                                "role": c.role,
                                "text": c.text,
                                "reply_to": c.reply_to,
                            }
                            for c in f.review.comments
                        ],
                    }
                    for f in found
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if not found:
        print("no feedback on your interviews yet")
    for f in found:
        print(f"session {f.session_id} ({f.reference}), reviewed by {f.review.reviewer}:")
        for stage, value in f.review.scores.items():
            print(f"  {titles[stage]}: {value}")
        for c in f.review.comments:
            where = titles.get(c.stage, "overall") + (
                f", line {c.segment_position}" if c.segment_position is not None else ""
            )
            print(f"  - {c.author} ({c.role}, {where}): {c.text}")
    return 0


def _reply(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review

    review.reply(store, args.id, args.words)
    print(f"reply sent on session {args.id}")
    return 0


def _figures(store: Any, args: argparse.Namespace) -> int:
    from companion.usecases import review
    from companion.usecases.exports import deliver

    figures = review.figures(store, args.start, args.end, args.unit)
    protected = store.protected_files()
    if args.csv:
        deliver(figures.to_csv(), args.csv, force=args.force, protected=protected)
    if args.pdf:
        deliver(figures.to_pdf(), args.pdf, force=args.force, protected=protected)
    if args.json:
        print(json.dumps(figures.to_json(), indent=2))
        return 0
    print(f"{figures.unit or 'all units'}, {figures.period}")
    width = max(len(f.label) for f in figures.figures)
    for f in figures.figures:
        print(f"  {f.label:<{width}}  {f.shown()}")
    return 0


_ACTIONS = {
    "setup-roles": _setup,
    "grant": _grant,
    "refresh": _refresh,
    "sample": _sample,
    "list": _list,
    "show": _show,
    "score": _score,
    "feedback": _feedback,
    "reply": _reply,
    "figures": _figures,
}
