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


def join_words(words: Sequence[Word]) -> str:
    """Join Whisper word pieces (which carry their own leading spaces) into text."""
    return "".join(w.text for w in words).strip()
