"""Marsad (مرصد): Arabic news → political event data, natively.

>>> from marsad import code, Document
>>> events = code(Document(id="1", text="زار الرئيس التركي القاهرة أمس.", published="2024-01-02"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marsad.model import Actor, Document, Event

if TYPE_CHECKING:
    from marsad.knowledge.base import KnowledgeBase

__version__ = "0.1.0"


def code(doc: Document, kb: KnowledgeBase | None = None) -> list[Event]:
    """All events of one document (see `marsad.coder.code`); `kb` defaults to the package's knowledge."""
    from marsad.coder import code as _code

    if not isinstance(doc, Document):
        raise TypeError(f"code() takes a marsad.Document, not {type(doc).__name__}: "
                        "code(Document(id='1', text='...', published='2024-01-02'))")
    doc.__post_init__()  # fields may have been changed since the Document was made
    return _code(doc, kb)


__all__ = ["Actor", "Document", "Event", "code", "__version__"]
