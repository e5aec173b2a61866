"""Word error rate with a normaliser that makes "2022" and "twenty twenty two" equal."""

from __future__ import annotations

import re

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
_SPELLING = {
    "center": "centre",
    "centers": "centres",
    "color": "colour",
    "program": "programme",
    "okay": "ok",
    "favor": "favour",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
}


def _cardinal(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("" if not ones else " " + _ONES[ones])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _ONES[hundreds] + " hundred" + ("" if not rest else " and " + _cardinal(rest))
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        tail = "" if not rest else (" and " if rest < 100 else " ") + _cardinal(rest)
        return _cardinal(thousands) + " thousand" + tail
    return str(n)


def _year(n: int) -> str:
    high, low = divmod(n, 100)
    if low == 0:
        return _cardinal(high) + " hundred"
    if 2000 <= n < 2010:
        return _cardinal(n)
    return _cardinal(high) + " " + ("oh " + _ONES[low] if low < 10 else _cardinal(low))


def _ordinal(words: str) -> str:
    head, _, last = words.rpartition(" ")
    if last in _ORD:
        last = _ORD[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return (head + " " + last).strip()


def _number(match: re.Match[str]) -> str:
    digits, suffix = match.group(1).replace(",", ""), match.group(2)
    n = int(digits)
    words = _year(n) if 1100 <= n <= 2099 and not suffix and len(digits) == 4 else _cardinal(n)
    return " " + (_ordinal(words) if suffix else words) + " "


def normalise(text: str) -> list[str]:
    """Lower case, numbers as words, British spelling for a few words, no punctuation."""
    text = text.lower().replace("-", " ")
    text = re.sub(r"(\d[\d,]*)(st|nd|rd|th)?\b", _number, text)
    text = re.sub(r"[^\w' ]+", " ", text)
    words = [w.strip("'") for w in text.split()]
    return [_SPELLING.get(w, w) for w in words if w]


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edit distance in words, reference length) after normalising both."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1], len(ref)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate in percent."""
    errors, total = word_errors(reference, hypothesis)
    return 100.0 * errors / max(1, total)
