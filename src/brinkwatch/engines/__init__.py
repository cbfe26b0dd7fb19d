"""Engines run the pipeline over a stream of articles: ``local`` (default) or ``ray``.

An engine is a callable ``(articles, nlp) -> iterator of (article, record)`` in input order,
chosen by name like httpx chooses a transport; the store never knows which one ran.
"""

from __future__ import annotations

from ..errors import BrinkwatchError
from ..pipeline import Engine

__all__ = ["get_engine"]


def get_engine(name: str, *, workers: int | None = None, address: str | None = None) -> Engine:
    """The engine called ``name`` ("local" or "ray")."""
    if name in ("", "local"):
        from .local import LocalEngine

        return LocalEngine(workers=workers)
    if name == "ray":
        from .ray import RayEngine

        return RayEngine(address=address, workers=workers)
    raise BrinkwatchError(f"unknown engine {name!r}; choose local or ray")
