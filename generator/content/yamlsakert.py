"""YAML as content is read: every value the parser makes is safe to use.

* A date-like value that is no date (``2025-02-30``, ``0000-01-01``, a dnr
  such as ``2024-13-01``) stays the text it was written as, so the field
  readers report it with the file and the key, instead of the parser raising.
* An integer with more digits than Python converts stays text.
* Nesting deeper than ``MAX_DJUP`` (a 500-level list) is rejected before any
  stage recurses into it.
"""
from __future__ import annotations

import yaml

try:  # the C loader is ~10x faster on large archives
    _Bas = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Bas = yaml.SafeLoader

MAX_DJUP = 40


class ForDjupt(ValueError):
    """The document nests deeper than MAX_DJUP levels."""


class Loader(_Bas):  # type: ignore[misc, valid-type]
    pass


def _tidpunkt(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _heltal(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:   # more digits than Python converts (sys.get_int_max_str_digits)
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _tidpunkt)
Loader.add_constructor("tag:yaml.org,2002:int", _heltal)


def djup(data) -> int:
    """How deeply lists and mappings nest in ``data`` (without recursion)."""
    storst, stack = 0, [(data, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            barn = list(v.keys()) + list(v.values())
        elif isinstance(v, (list, tuple, set)):
            barn = list(v)
        else:
            continue
        storst = max(storst, d)
        if d > MAX_DJUP:
            return d
        stack.extend((b, d + 1) for b in barn)
    return storst


def ladda(text: str):
    """Parse ``text``; raises yaml.YAMLError or ForDjupt."""
    try:
        data = yaml.load(text, Loader=Loader)
    except RecursionError:
        raise ForDjupt() from None
    if djup(data) > MAX_DJUP:
        raise ForDjupt()
    return data


FOR_DJUPT = (f"värdena är nästlade i fler än {MAX_DJUP} nivåer (listor i listor). Det är "
             "nästan alltid ett misstag; skriv värdena utan så många nivåer.")
