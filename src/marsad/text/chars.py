"""Character classes of a whole text at once (numpy), for the matchers' hot paths.

The classes are the ones the regular expressions use: a word character of ``[^\\W_]`` is
``str.isalnum()``, a letter of ``[^\\W\\d_]`` is ``isalnum()`` and not ``isdecimal()``. Lookup tables
cover the Basic Multilingual Plane; the rare characters beyond it are asked one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    chars = [chr(c) for c in range(0x10000)]
    alnum = np.array([c.isalnum() for c in chars], dtype=bool)
    alpha = np.array([c.isalpha() for c in chars], dtype=bool)
    decimal = np.array([c.isdecimal() for c in chars], dtype=bool)
    return alnum, alpha, alnum & ~decimal


_ALNUM, _ALPHA, _LETTER = _tables()


@dataclass(frozen=True, slots=True)
class CharClasses:
    """Per character of a text: its code point, and whether it is alphanumeric, alphabetic, a regex letter."""

    codes: np.ndarray  # uint32
    alnum: np.ndarray  # [^\W_]
    alpha: np.ndarray  # str.isalpha
    letter: np.ndarray  # [^\W\d_]


def char_classes(text: str) -> CharClasses:
    """The classes of every character of `text` (remembered for the last text: its matchers all ask)."""
    last = _last
    if last is not None and last[0] is text:
        return last[1]
    classes = _classify(text)
    globals()["_last"] = (text, classes)
    return classes


_last: tuple[str, CharClasses] | None = None


def _classify(text: str) -> CharClasses:
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    clipped = np.minimum(codes, 0xFFFF)
    alnum, alpha, letter = _ALNUM[clipped], _ALPHA[clipped], _LETTER[clipped]
    for i in np.flatnonzero(codes > 0xFFFF).tolist():
        ch = text[i]
        alnum[i], alpha[i], letter[i] = ch.isalnum(), ch.isalpha(), ch.isalnum() and not ch.isdecimal()
    return CharClasses(codes, alnum, alpha, letter)


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the maximal runs of True in `mask` (what `re.finditer` of `[class]+` gives)."""
    padded = np.zeros(len(mask) + 2, dtype=bool)
    padded[1:-1] = mask
    return np.flatnonzero(padded[1:] & ~padded[:-1]), np.flatnonzero(padded[:-1] & ~padded[1:])
