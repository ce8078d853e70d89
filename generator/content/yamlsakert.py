"""YAML as content is read: every value the parser makes is safe to use.

* A date-like value that is no date (``2025-02-30``, ``0000-01-01``, a dnr
  such as ``2024-13-01``) stays the text it was written as, so the field
  readers report it with the file and the key, instead of the parser raising.
* An integer with more digits than Python converts stays text.
* Nesting deeper than ``MAX_DJUP`` (a 500-level list) is rejected before any
  stage recurses into it.
* Aliases (``*a``) that would expand to more than ``MAX_VARDEN`` values (the
  "billion laughs") are rejected before any stage walks them.

Speed: the C parser (libyaml) builds the nodes; PyYAML's constructor then walks
them in Python, which was most of the time of reading a large archive. ``ladda``
first builds the values itself (``_snabb``) for the ordinary case: plain
strings, numbers, booleans, null, dates, lists and mappings with scalar keys, no
alias to a list or mapping, no merge key, no other tag, at most ``MAX_DJUP``
levels. Anything else, or any error on the way, is handed to PyYAML's
constructor unchanged, so every value and every error message is the one it
gives (``tests/core/test_yamlsakert.py`` compares the two on every fixture).
"""
from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:  # the C parser is ~10x faster than the pure one
    _Bas = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Bas = yaml.SafeLoader

MAX_DJUP = 40
MAX_VARDEN = 100_000     # values after expanding aliases; a frontmatter has a few dozen


class ForDjupt(ValueError):
    """The document nests deeper than MAX_DJUP levels, or its aliases expand to more than
    MAX_VARDEN values; ``meddelande`` says which, in Swedish."""

    def __init__(self, meddelande: str | None = None) -> None:
        super().__init__()
        self.meddelande = meddelande or FOR_DJUPT


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

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SKALARER = {t: Loader.yaml_constructors[t] for t in (
    "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:float")}


class _Avvik(Exception):
    """Not the ordinary case: PyYAML's constructor takes the document."""


def _snabb(loader, node, djup: int, sedda: set[int]):
    """The value of ``node`` as PyYAML's safe constructor makes it, for the ordinary case;
    raises _Avvik otherwise."""
    if node.__class__ is ScalarNode:
        tag = node.tag
        if tag == _STR:
            return node.value
        konstruktor = _SKALARER.get(tag)
        if konstruktor is None:
            raise _Avvik()
        return konstruktor(loader, node)
    if djup > MAX_DJUP or id(node) in sedda:
        raise _Avvik()
    sedda.add(id(node))
    if node.__class__ is SequenceNode and node.tag == _SEQ:
        return [_snabb(loader, barn, djup + 1, sedda) for barn in node.value]
    if node.__class__ is not MappingNode or node.tag != _MAP:
        raise _Avvik()
    ut = {}
    for k, v in node.value:
        if k.__class__ is not ScalarNode or k.tag not in _NYCKELTAGGAR:
            raise _Avvik()    # a merge key (<<), a list as key, ...
        ut[_snabb(loader, k, djup, sedda)] = _snabb(loader, v, djup + 1, sedda)
    return ut


_NYCKELTAGGAR = {_STR, *_SKALARER}


_TAGG_FOR: dict[str, str] = {}     # plain scalar -> its tag (the resolver's answer, remembered)


class _SnabbLoader(Loader):
    snabb = False      # the ordinary case was built by _snabb: a tree of at most MAX_DJUP levels

    def resolve(self, kind, value, implicit):
        # the tag of a scalar depends only on its text (and whether it was quoted): the
        # same names, keys and values recur in every file, so the answer is remembered
        if kind is not ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if not implicit[0]:
            return _STR
        tag = _TAGG_FOR.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_TAGG_FOR) < 200_000:
                _TAGG_FOR[value] = tag
        return tag

    def construct_document(self, node):
        try:
            data = _snabb(self, node, 1, set())
        except Exception:  # noqa: BLE001 - PyYAML's own constructor gives its own answer
            return super().construct_document(node)
        self.snabb = True
        return data


def djup(data) -> int:
    """How deeply lists and mappings nest in ``data`` (without recursion). A value reached
    twice (an alias) is walked once; a value that contains itself counts as too deep.
    Raises ForDjupt when aliases make the values, expanded, more than MAX_VARDEN."""
    nivaer: dict[int, int] = {}          # id -> levels in it, itself included
    antal: dict[int, int] = {}           # id -> values in it, aliases expanded
    stack: list[tuple[object, bool]] = [(data, False)]
    pa_vag: set[int] = set()             # the containers from data down to this one
    delad = False
    while stack:
        v, klar = stack.pop()
        if not isinstance(v, (dict, list, tuple, set)):
            continue
        barn = (list(v.keys()) + list(v.values())) if isinstance(v, dict) else list(v)
        if klar:
            pa_vag.discard(id(v))
            nivaer[id(v)] = 1 + max((nivaer.get(id(b), 0) for b in barn), default=0)
            antal[id(v)] = len(barn) + sum(antal.get(id(b), 0) for b in barn)
            continue
        if id(v) in nivaer:
            delad = True
            continue
        if id(v) in pa_vag or len(pa_vag) > MAX_DJUP:
            return MAX_DJUP + 1          # contains itself, or too deep already
        pa_vag.add(id(v))
        stack.append((v, True))
        stack.extend((b, False) for b in barn)
    if delad and antal.get(id(data), 0) > MAX_VARDEN:
        raise ForDjupt(FOR_MANGA)
    return nivaer.get(id(data), 0)


def ladda(text: str, *, snabb: bool = True):
    """Parse ``text``; raises yaml.YAMLError or ForDjupt. ``snabb=False``: PyYAML's
    constructor for every document (what the tests compare with)."""
    loader = (_SnabbLoader if snabb else Loader)(text)
    try:
        data = loader.get_single_data()
    except RecursionError:
        raise ForDjupt() from None
    finally:
        loader.dispose()
    if not getattr(loader, "snabb", False) and djup(data) > MAX_DJUP:
        raise ForDjupt()
    return data


FOR_DJUPT = (f"värdena är nästlade i fler än {MAX_DJUP} nivåer (listor i listor). Det är "
             "nästan alltid ett misstag; skriv värdena utan så många nivåer.")
FOR_MANGA = ("värdena upprepas med * (YAML-alias) så många gånger att de blir fler än "
             f"{MAX_VARDEN:,}".replace(",", " ") + ". Skriv ut värdena i stället för att "
             "upprepa dem med *.")
