"""Knowledge the coder relies on: code tables, gazetteers and lexicons shipped as package data.

`KnowledgeBase` gathers all of it in one object (`default_kb()` for the package's own data).
"""

from marsad.knowledge.base import KnowledgeBase, active_kb, default_kb

__all__ = ["KnowledgeBase", "active_kb", "default_kb"]
