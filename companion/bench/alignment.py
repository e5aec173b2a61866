"""What a transcript got wrong, word by word: substitutions, deletions and insertions, words
written twice across a segment boundary, and stretches of speech left out.

Used by the real-speech benchmark (:mod:`companion.bench.real_speech`). Words are compared after
:func:`words_for_scoring`: the WER normaliser of :mod:`companion.bench.wer` (numbers as words,
no punctuation), with hesitation sounds ("um", "uh", ...) removed from both sides, since the
references of conversational clips write them and Whisper leaves them out.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from companion.bench.wer import normalise

#: Hesitations that references write and recognisers drop; not counted either way.
FILLERS = frozenset({"um", "uh", "er", "erm", "ah", "eh", "hm", "hmm", "mm", "mhm", "uhm", "umm"})


def words_for_scoring(text: str) -> list[str]:
    """The words of ``text`` as they are compared: normalised, without hesitations, and letters
    spelt out one by one joined ("m f a" and "MFA" are the same)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    words: list[str] = []
    spelt = False
    for word in normalise(text):
        if word in FILLERS:
            continue
        # "a" and "i" are words of their own unless they follow a spelt-out letter.
        letter = len(word) == 1 and word.isalpha() and (spelt or word not in ("a", "i"))
        if letter and spelt:
            words[-1] += word
        else:
            words.append(word)
        spelt = letter
    return words


@dataclass(frozen=True)
class Errors:
    """Word errors of one hypothesis against its reference."""

    reference_words: int
    substitutions: int
    deletions: int
    insertions: int
    #: For each reference word, whether the hypothesis has it right (same word, aligned).
    correct: tuple[bool, ...]
    #: For each reference word, whether the hypothesis has nothing for it (a deletion).
    deleted: tuple[bool, ...] = ()

    @property
    def wer(self) -> float:
        """Word error rate in percent."""
        edits = self.substitutions + self.deletions + self.insertions
        return 100.0 * edits / max(1, self.reference_words)


def align(reference: Sequence[str], hypothesis: Sequence[str]) -> Errors:
    """Minimum-edit alignment of two word lists, with the kinds of error counted.

    A compound written as one word on one side and as two on the other ("firefox" and "fire
    fox", "blacklist" and "black list") is the same speech spelt two ways, not a recognition
    error: it aligns at no cost, and the reference's words count as right."""
    n, m = len(reference), len(hypothesis)
    # cost[i][j]: edits to turn reference[:i] into hypothesis[:j]
    cost = [list(range(m + 1))]
    for i in range(1, n + 1):
        row = [i] + [0] * m
        prev = cost[i - 1]
        r = reference[i - 1]
        for j in range(1, m + 1):
            best = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (r != hypothesis[j - 1]))
            if j > 1 and r == hypothesis[j - 2] + hypothesis[j - 1]:
                best = min(best, prev[j - 2])
            if i > 1 and reference[i - 2] + r == hypothesis[j - 1]:
                best = min(best, cost[i - 2][j - 1])
            row[j] = best
        cost.append(row)
    subs = dels = ins = 0
    correct = [False] * n
    deleted = [False] * n
    i, j = n, m
    while i or j:
        if (
            i
            and j > 1
            and reference[i - 1] == hypothesis[j - 2] + hypothesis[j - 1]
            and (cost[i][j] == cost[i - 1][j - 2])
        ):
            correct[i - 1] = True
            i, j = i - 1, j - 2
        elif (
            i > 1
            and j
            and reference[i - 2] + reference[i - 1] == hypothesis[j - 1]
            and (cost[i][j] == cost[i - 2][j - 1])
        ):
            correct[i - 1] = correct[i - 2] = True
            i, j = i - 2, j - 1
        elif i and j and cost[i][j] == cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]):
            if reference[i - 1] == hypothesis[j - 1]:
                correct[i - 1] = True
            else:
                subs += 1
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            dels += 1
            deleted[i - 1] = True
            i -= 1
        else:
            ins += 1
            j -= 1
    return Errors(n, subs, dels, ins, tuple(correct), tuple(deleted))


@dataclass(frozen=True)
class Part:
    """One recording inside a benchmark clip: where it is and what it says."""

    start: float
    end: float
    words: tuple[str, ...]


def doubled_spans(
    segments: Sequence[str],
    reference: Sequence[str],
    longest: int = 12,
    *,
    times: Sequence[tuple[float, float]] = (),
    parts: Sequence[Part] = (),
) -> list[str]:
    """Phrases written twice across a segment boundary: the end of one segment repeated at the
    start of the next (two words or more, or one word of four letters or more) where the
    speaker did not say them twice.

    The speaker said them twice when the reference has the phrase twice in a row, or (given
    each segment's ``times`` and the clip's ``parts``) when the two copies lie in two different
    recordings of the clip and each reads like its own recording's transcript (letters 75 %
    the same: "a liner" for "aligner" is the speaker's word misheard, not a doubling). A
    phrase echoed into the next recording, or decoded twice from one, is a doubling.
    ``segments`` are one source's committed texts in order; ``reference`` is the reference
    text's words (as :func:`words_for_scoring` gives them)."""
    ref_joined = " " + " ".join(reference) + " "
    words = [words_for_scoring(s) for s in segments]
    found = []
    for n, (before, after) in enumerate(itertools.pairwise(words)):
        for k in range(min(longest, len(before), len(after)), 0, -1):
            if before[-k:] != after[:k] or (k == 1 and len(after[0]) < 4):
                continue
            phrase = " ".join(after[:k])
            said_twice = f" {phrase} {phrase} " in ref_joined
            if not said_twice and times and parts:
                first = _part_at(parts, times[n][1] - 0.05)
                second = _part_at(parts, times[n + 1][0] + 0.05)
                said_twice = (
                    first is not None
                    and second is not None
                    and first is not second
                    and _reads_like(phrase, first)
                    and _reads_like(phrase, second)
                )
            if not said_twice:
                found.append(phrase)
            break
    return found


def _part_at(parts: Sequence[Part], moment: float) -> Part | None:
    return next((p for p in parts if p.start - 0.3 <= moment <= p.end + 0.3), None)


def _reads_like(phrase: str, part: Part) -> bool:
    """Whether most of the phrase's letters are found, in order, in the part's transcript."""
    said = " ".join(part.words)
    blocks = difflib.SequenceMatcher(None, phrase, said, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) >= 0.75 * len(phrase)


def dropped_spans(
    reference: Sequence[str], streaming: Errors, offline: Errors, min_words: int = 4
) -> list[str]:
    """Stretches of speech the offline recogniser kept and streaming dropped.

    A run of at least ``min_words`` reference words for which streaming wrote nothing (all
    deletions, not words misheard), where offline recognition has at least half of them
    right."""
    spans = []
    run: list[int] = []
    for index in [*range(len(reference)), None]:
        if index is not None and streaming.deleted[index]:
            run.append(index)
            continue
        if len(run) >= min_words and sum(offline.correct[i] for i in run) * 2 >= len(run):
            spans.append(" ".join(reference[i] for i in run))
        run = []
    return spans
