"""Text helpers for streaming: comparing hypotheses word by word and removing loops."""

from __future__ import annotations

import re
from collections.abc import Sequence

from companion.transcription.events import Word

_STRIP = re.compile(r"[^\w']+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.?!…。？！]['\"”’)]*$")


def norm(text: str) -> str:
    """A word reduced for comparison: lower case, no punctuation or spaces."""
    return _STRIP.sub("", text.lower())


def agreed_prefix(new: Sequence[Word], previous: Sequence[Word]) -> int:
    """How many leading words of ``new`` agree with ``previous`` (LocalAgreement-2).

    Words are compared without case and punctuation. The last word of the previous pass is
    not trusted on its own when it was cut off by the end of the buffer, which the caller
    handles by passing only complete hypotheses.
    """
    count = 0
    for a, b in zip(new, previous, strict=False):
        if norm(a.text) != norm(b.text) or not norm(a.text):
            break
        count += 1
    return count


def ends_sentence(word: Word) -> bool:
    """True when the word closes a sentence (., ?, !)."""
    return bool(_SENTENCE_END.search(word.text.strip()))


_CLAUSE_END = re.compile(r"[,;:\u2014\u2013]['\"\u201d\u2019)]*$")


def ends_clause(word: Word) -> bool:
    """True when the word closes a clause (a comma, semicolon, colon or dash after it)."""
    return bool(_CLAUSE_END.search(word.text.strip()))


def collapse_repeats(words: Sequence[Word], max_repeats: int = 2, max_ngram: int = 8) -> list[Word]:
    """Remove a decoding loop: an n-gram repeated more than ``max_repeats`` times in a row.

    Real speech repeats itself sometimes ("no, no, no"); three identical n-grams in a row are
    kept, more are cut back to ``max_repeats``.
    """
    out = list(words)
    changed = True
    while changed:
        changed = False
        for n in range(1, max_ngram + 1):
            i = 0
            while i + n * (max_repeats + 1) <= len(out):
                gram = [norm(w.text) for w in out[i : i + n]]
                reps = 1
                j = i + n
                while j + n <= len(out) and [norm(w.text) for w in out[j : j + n]] == gram:
                    reps += 1
                    j += n
                if reps > max(max_repeats, 3 if n == 1 else max_repeats):
                    keep = max_repeats
                    del out[i + n * keep : j]
                    changed = True
                i += 1
    return out


#: Faster than this no one speaks (about 33 letters a second; fast speech is under 20).
_SECONDS_PER_LETTER = 0.03


def drop_unheard_repeats(words: Sequence[Word], keep: int = 0, max_ngram: int = 24) -> list[Word]:
    """Remove a copy of the words just before it that has (almost) no audio of its own.

    At the end of a buffer Whisper sometimes loops: "Alright, thanks. Alright, thanks. Alright,
    thanks." where only the first copy was said; the alignment squeezes the extra copies into
    a few hundredths of a second. A copy that takes less than a third of the time the first
    one took (and under 0.15 s a word, or faster than anyone says its letters: "Montreal" in
    0.18 s) was not heard and is dropped. A real repetition ("no, no") takes its own time and
    stays. The first ``keep`` words (already committed) are only
    compared with, never dropped.
    """
    out = list(words)
    bare = [norm(w.text) for w in out]  # compared as often as n-grams overlap: once each
    i = 0
    while i < len(out):
        removed = False
        for n in range(min(max_ngram, (len(out) - i) // 2), 0, -1):
            if i + n < keep:
                continue
            if bare[i : i + n] != bare[i + n : i + 2 * n] or not all(bare[i : i + n]):
                continue
            first, second = out[i : i + n], out[i + n : i + 2 * n]
            said = max(1e-3, first[-1].end - first[0].start)
            copy = second[-1].end - second[0].start
            if copy < said / 3 and (
                copy < 0.15 * n
                or copy < _SECONDS_PER_LETTER * sum(len(b) for b in bare[i + n : i + 2 * n])
            ):
                del out[i + n : i + 2 * n]
                del bare[i + n : i + 2 * n]
                removed = True
                break
        if not removed:
            i += 1
    return out


def join_words(words: Sequence[Word]) -> str:
    """Join Whisper word pieces (which carry their own leading spaces) into text."""
    return "".join(w.text for w in words).strip()
