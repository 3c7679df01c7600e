"""Rule packs drafted from a notice's own condition clauses (unreviewed; a hand-written pack wins)."""

from .draft import Draft, draft_pack

__all__ = ["Draft", "draft_pack"]
