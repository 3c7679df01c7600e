"""Shenbao (申报): an assistant for the service-oriented manufacturing demonstration programs."""

__version__ = "0.1.0"
