"""Bytes → text for Arabic news files whose encoding nobody wrote down.

Order matters: a valid UTF-8 decode is almost never a false positive, so it is
tried first; only then does charset-normalizer guess, and it is asked about the
encodings Arabic archives actually use before it may consider anything else.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

ARABIC_CANDIDATES: tuple[str, ...] = ("cp1256", "iso8859_6", "utf_16")
_ARABIC_BLOCK = range(0x0600, 0x0700)


class DecodeError(ValueError):
    """The bytes are empty, binary, or no encoding gives readable text."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """NUL bytes or many control bytes in the head mean it is not a text file.

    UTF-16 text has NULs too, so a UTF-16 BOM exempts the sample.
    """
    head = data[:sample]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(4, len(head) // 100)


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic: tells a right guess from mojibake."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ord(c) in _ARABIC_BLOCK) / len(letters)


def _try_utf(data: bytes) -> Decoded | None:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8-sig", label="utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    return _strict(data, "utf-8")


def _strict(data: bytes, encoding: str, label: str | None = None) -> Decoded | None:
    try:
        return Decoded(data.decode(encoding), label or encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess_arabic(data: bytes) -> Decoded | None:
    """Best Arabic candidate by charset-normalizer's chaos score, Arabic-looking text only."""
    best = from_bytes(data, cp_isolation=list(ARABIC_CANDIDATES)).best()
    if best is None:
        return None
    text = str(best)
    if arabic_ratio(text) < 0.5:
        return None
    return Decoded(text, best.encoding)


def _guess_any(data: bytes) -> Decoded | None:
    best = from_bytes(data).best()
    return Decoded(str(best), best.encoding) if best is not None else None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole file; raise DecodeError with a message a user can act on."""
    if not data or not data.strip():
        raise DecodeError("empty file")
    if looks_binary(data):
        raise DecodeError("binary file (not text)")
    for attempt in (_try_utf, _guess_arabic, _guess_any):
        decoded = attempt(data)
        if decoded is not None:
            return decoded
    raise DecodeError("could not detect the text encoding")
