"""Arabic text layer: normalisation with offset maps, sentences, clauses, tokens.

Knows nothing about the world beyond a small orthographic guard list in ``tokens``.
"""

from .clauses import split_clauses
from .normalize import Normalized, normalize, normalize_form
from .sentences import paragraphs, split_sentences
from .tokens import Token, segment, tokenize

__all__ = [
    "Normalized",
    "Token",
    "normalize",
    "normalize_form",
    "paragraphs",
    "segment",
    "split_clauses",
    "split_sentences",
    "tokenize",
]
