"""Conversations: scope that carries over, follow-up rewriting, eligibility routing."""

from .conversation import Conversation, rewrite_follow_up

__all__ = ["Conversation", "rewrite_follow_up"]
