"""Errors the user sees as one clear line (the CLI and API turn them into messages, never tracebacks)."""


class ShenbaoError(Exception):
    """Base class: its message is shown to the user as is."""


class LoadError(ShenbaoError):
    """A source file cannot be read into text."""


class IndexMissingError(ShenbaoError):
    """No index has been built yet."""


class UnknownNoticeError(ShenbaoError):
    """A notice id that is not in the corpus or index."""
