"""Helpers shared by the CLI modules: settings from the click context, one-line errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from .errors import ShenbaoError
from .settings import Settings, get_settings


def context_settings(ctx: click.Context) -> Settings:
    obj = ctx.ensure_object(dict)
    return obj.get("settings") or get_settings()


def friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one clear line on stderr and exit status 1 (never a traceback)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ShenbaoError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (`shenbao … | head`): stop quietly
            try:  # so that Python's flush at exit does not fail again
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):  # stdout is not a file (a test runner's buffer)
                pass
            sys.exit(0)
        except (ValueError, OSError) as exc:
            if os.environ.get("SHENBAO_DEBUG"):
                raise
            click.echo(f"错误：{type(exc).__name__}: {exc}", err=True)
            sys.exit(1)

    return wrapper
