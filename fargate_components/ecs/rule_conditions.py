"""Which requests an Application Load Balancer listener rule matches, as pure data.

A rule's conditions are read from their AWS wire shape (the ``conditions`` input of
``aws.lb.ListenerRule``: ``hostHeader``, ``pathPattern``, ``httpHeader``,
``httpRequestMethod``, ``queryStrings``, ``sourceIp``) into a :class:`RuleMatch`, and two
questions are answered exactly:

- :func:`covers` — does every request that rule *b* matches also match rule *a*? When *a*
  has the higher priority (lower number), *b* can then never match: it is shadowed.
- :func:`overlap` — is there a request both rules match? It returns such a request.

Matching semantics encoded here (Elastic Load Balancing, "Condition types for listener
rules", https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html,
and the API reference's ``*ConditionConfig`` pages):

- Conditions of one rule are AND-ed; the values of one condition are OR-ed ("If you specify
  multiple strings, the condition is satisfied if one of them matches").
- ``host-header``: case-insensitive; ``*`` matches 0 or more characters, ``?`` exactly one
  (API_HostHeaderConditionConfig).
- ``path-pattern``: case-sensitive, same wildcards, compared with the path only, not the
  query string (API_PathPatternConditionConfig). Every request path starts with ``/``.
- ``http-header``: the header *name* is case-insensitive and has no wildcards; the values are
  case-insensitive with ``*``/``?``; a request without the header does not match
  (API_HttpHeaderConditionConfig).
- ``http-request-method``: exact, case-sensitive, no wildcards
  (API_HttpRequestMethodConditionConfig).
- ``query-string``: key/value pairs (key optional), case-insensitive, ``*``/``?`` wildcards,
  ``\\*`` and ``\\?`` for the literal characters; satisfied when one pair is found in the
  query string (API_QueryStringConditionConfig).
- ``source-ip``: IPv4/IPv6 CIDRs, no wildcards; the connecting address, not
  ``X-Forwarded-For`` (API_SourceIpConditionConfig).
- Rules are evaluated in priority order, lowest value first; the default rule last
  ("Listener rules for your Application Load Balancer",
  https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html).

Regular-expression conditions (``regexValues``) and values a preview cannot know
(``"[unknown]"``) are never guessed at: a question that depends on one is answered
:data:`UNDECIDED`.

Wildcard patterns are compared as regular languages (a small NFA per pattern, explored
breadth-first over the literal characters of both sides plus one "any other" character),
so inclusion is exact, not a heuristic: ``"?*"`` and ``"*?"`` are the same set.
"""

from __future__ import annotations

import ipaddress
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any

__all__ = [
    "UNDECIDED",
    "Condition",
    "RuleMatch",
    "Verdict",
    "covers",
    "glob_includes",
    "glob_witness",
    "overlap",
    "parse_conditions",
]

UNKNOWN_MARK = "[unknown]"
SECRET_MARK = "[secret]"

HOST = "host"
PATH = "path"
HEADER = "header"
METHOD = "method"
QUERY = "query"
SOURCE_IP = "source_ip"

#: Display order of the condition kinds.
KINDS = (HOST, PATH, HEADER, QUERY, METHOD, SOURCE_IP)


class Verdict(Enum):
    """The answer to a question whose inputs may not all be decidable."""

    YES = "yes"
    NO = "no"
    UNDECIDED = "undecided"


UNDECIDED = Verdict.UNDECIDED

# --- wildcard patterns as automata -------------------------------------------------------
_STAR = object()
_ONE = object()
#: Stands for "any character that no pattern mentions literally".
_OTHER = "\x00"
_Token = Any  # a literal one-character str, _STAR or _ONE


def _tokens(pattern: str, *, fold: bool, escapes: bool) -> tuple[_Token, ...]:
    out: list[_Token] = []
    text = pattern.lower() if fold else pattern
    i = 0
    while i < len(text):
        char = text[i]
        if escapes and char == "\\" and i + 1 < len(text) and text[i + 1] in "*?\\":
            out.append(text[i + 1])
            i += 2
            continue
        out.append(_STAR if char == "*" else _ONE if char == "?" else char)
        i += 1
    return tuple(out)


#: Moves remembered per pattern before its table is cleared (bounds memory in a long run).
_MAX_MOVES = 4096


@dataclass(frozen=True, eq=False)
class _Glob:
    """One wildcard pattern (already case-folded when its comparison is insensitive).

    Its automaton's moves are memoised (issue 18: the route-shadowing checks spent most of
    their time recomputing them): each state's closure is a table built once, and every
    ``step`` result is remembered per (state set, character), a character the pattern
    never names standing for all such characters, since they all move alike. Patterns are
    interned (:func:`_glob`), so compared by identity."""

    tokens: tuple[_Token, ...]
    _eps: tuple[frozenset[int], ...] = field(init=False, repr=False)
    _named: frozenset[str] = field(init=False, repr=False)
    _moves: dict[tuple[frozenset[int], str], frozenset[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = len(self.tokens)
        eps = [frozenset({n})]  # eps[k] is the closure of state n - k
        for i in range(n - 1, -1, -1):
            eps.append(frozenset({i}) | eps[-1] if self.tokens[i] is _STAR else frozenset({i}))
        object.__setattr__(self, "_eps", tuple(reversed(eps)))
        object.__setattr__(self, "_named", frozenset(self.literals()))
        object.__setattr__(self, "_moves", {})

    def closure(self, states: Iterable[int]) -> frozenset[int]:
        """The states reachable from ``states`` through ``*`` matching nothing."""
        return frozenset().union(*(self._eps[state] for state in states))

    def step(self, states: frozenset[int], char: str) -> frozenset[int]:
        key = (states, char if char in self._named else _OTHER)
        found = self._moves.get(key)
        if found is None:
            if len(self._moves) >= _MAX_MOVES:
                self._moves.clear()
            found = self._moves[key] = self._step(states, key[1])
        return found

    def _step(self, states: frozenset[int], char: str) -> frozenset[int]:
        nxt: set[int] = set()
        for state in states:
            if state >= len(self.tokens):
                continue
            token = self.tokens[state]
            if token is _STAR:
                nxt.add(state)
            elif token is _ONE or token == char:
                nxt.add(state + 1)
        return self.closure(nxt)

    def literals(self) -> set[str]:
        return {t for t in self.tokens if isinstance(t, str)}


@lru_cache(maxsize=2048)
def _glob(pattern: str, *, fold: bool = False, escapes: bool = False, widen: bool = False) -> _Glob:
    tokens = _tokens(pattern, fold=fold, escapes=escapes)
    if widen:  # '*' -> '?*': at least one character (used only to pick readable examples)
        tokens = tuple(x for t in tokens for x in ((_ONE, _STAR) if t is _STAR else (t,)))
    return _Glob(tokens)


# A "union" is the OR of several patterns; its state is one state set per pattern.
_Union = tuple[_Glob, ...]
_UnionState = tuple[frozenset[int], ...]


def _start(union: _Union) -> _UnionState:
    return tuple(g.closure([0]) for g in union)


def _advance(union: _Union, state: _UnionState, char: str) -> _UnionState:
    return tuple(g.step(s, char) for g, s in zip(union, state, strict=True))


def _accepts(union: _Union, state: _UnionState) -> bool:
    return any(len(g.tokens) in s for g, s in zip(union, state, strict=True))


def _dead(state: _UnionState) -> bool:
    """No pattern of the union can match any more (an empty state set stays empty)."""
    return not any(state)


def _search(
    unions: Sequence[_Union], want: Sequence[bool], *, max_states: int = 20000
) -> str | None:
    """The shortest string that each ``unions[i]`` accepts when ``want[i]`` is True and
    rejects when it is False; ``None`` when there is none.

    A breadth-first search over the product of the unions' automata. A state where a union
    that must accept can no longer match anything leads to no answer, so it is not
    explored (the same shortest string is found, over fewer states); each union's moves
    are remembered (:data:`_MOVES`)."""
    alphabet = [_OTHER, *sorted({c for union in unions for g in union for c in g.literals()})]
    start = tuple(_start(u) for u in unions)
    musts = [i for i, w in enumerate(want) if w]
    seen = {start}
    queue: deque[tuple[tuple[_UnionState, ...], str]] = deque([(start, "")])
    while queue:
        states, text = queue.popleft()
        if all(_accepts(u, s) == w for u, s, w in zip(unions, states, want, strict=True)):
            return text
        for char in alphabet:
            nxt = tuple(_move(u, s, char) for u, s in zip(unions, states, strict=True))
            if nxt in seen or any(_dead(nxt[i]) for i in musts):
                continue
            if len(seen) >= max_states:  # pragma: no cover - 128-character patterns stay small
                raise RuntimeError("pattern comparison too large")
            seen.add(nxt)
            queue.append((nxt, text + char))
    return None


#: A union's moves, shared by every search (its patterns are interned, so one pattern asked
#: about in many pairs of rules moves once): (union, state, character) -> next state.
_MOVES: dict[tuple[_Union, _UnionState, str], _UnionState] = {}
_MAX_UNION_MOVES = 1 << 16


def _move(union: _Union, state: _UnionState, char: str) -> _UnionState:
    key = (union, state, char)
    found = _MOVES.get(key)
    if found is None:
        if len(_MOVES) >= _MAX_UNION_MOVES:
            _MOVES.clear()
        found = _MOVES[key] = _advance(union, state, char)
    return found


def _readable(text: str, unions: Sequence[_Union]) -> str:
    used = {c for union in unions for g in union for c in g.literals()}
    stand_in = next(c for c in "xyzabcdefghijklmnopqrstuvw0123456789" if c not in used)
    return text.replace(_OTHER, stand_in)


def glob_includes(
    inner: Sequence[str],
    outer: Sequence[str],
    *,
    fold: bool = False,
    within: str | None = None,
    escapes: bool = False,
) -> bool:
    """True when every string matching one of ``inner`` (and ``within``, a pattern for the
    strings that can occur at all, e.g. ``"/*"`` for paths) matches one of ``outer``.
    ``fold``: compare case-insensitively. Answers are memoised (pure, and asked again for
    every pair of rules of every plan)."""
    return _includes(tuple(inner), tuple(outer), fold, within, escapes)


@lru_cache(maxsize=4096)
def _includes(
    inner: tuple[str, ...],
    outer: tuple[str, ...],
    fold: bool,
    within: str | None,
    escapes: bool,
) -> bool:
    unions = [
        tuple(_glob(p, fold=fold, escapes=escapes) for p in inner),
        tuple(_glob(p, fold=fold, escapes=escapes) for p in outer),
    ]
    want = [True, False]
    if within is not None:
        unions.append((_glob(within, fold=fold),))
        want.append(True)
    return _search(unions, want) is None


def glob_witness(
    groups: Sequence[Sequence[str]],
    *,
    fold: bool = False,
    within: str | None = None,
    escapes: bool = False,
) -> str | None:
    """A shortest string matching one pattern of every group (and ``within``), or None
    (memoised, as :func:`glob_includes`)."""
    return _witness_of(tuple(tuple(g) for g in groups), fold, within, escapes)


@lru_cache(maxsize=4096)
def _witness_of(
    groups: tuple[tuple[str, ...], ...], fold: bool, within: str | None, escapes: bool
) -> str | None:
    # Readable first: let every '*' match at least one character ("api.example.com" rather
    # than ".example.com" for "*.example.com"); fall back to the exact patterns.
    for widen in (True, False):
        unions = [
            tuple(_glob(p, fold=fold, escapes=escapes, widen=widen) for p in group)
            for group in groups
        ]
        if within is not None:
            unions.append((_glob(within, fold=fold),))
        found = _search(unions, [True] * len(unions))
        if found is not None:
            return _readable(found, unions)
    return None


# --- conditions --------------------------------------------------------------------------
@dataclass(frozen=True)
class Condition:
    """One condition of a rule: its kind, the header name for ``header`` conditions, and
    the values it accepts (OR-ed). Query-string values are ``(key or None, value)`` pairs;
    source-ip values are CIDR strings. ``undecidable`` is why the condition cannot be
    compared (a regular expression, a value unknown at preview), else ``None``."""

    kind: str
    values: tuple[Any, ...]
    key: str | None = None
    undecidable: str | None = None

    def describe(self) -> str:
        """E.g. ``host api.example.com``, ``path /api/* or /v2/*``, ``header x-env=beta``."""
        if self.undecidable and not self.values:
            shown = self.undecidable
        elif self.kind == QUERY:
            shown = " or ".join(f"{k}={v}" if k is not None else f"={v}" for k, v in self.values)
        else:
            shown = " or ".join(str(v) for v in self.values)
        if self.kind == HEADER:
            return f"header {self.key}: {shown}"
        label = {SOURCE_IP: "source", METHOD: "method"}.get(self.kind, self.kind)
        return f"{label} {shown}"


def _known_strings(values: Any) -> tuple[tuple[str, ...], str | None]:
    if not isinstance(values, list):
        return (), None if values is None else "values unknown at preview"
    out = tuple(v for v in values if isinstance(v, str) and v not in (UNKNOWN_MARK, SECRET_MARK))
    return out, None if len(out) == len(values) else "a value unknown at preview"


def _parse_one(raw: Mapping[str, Any]) -> Condition | None:
    simple = {"hostHeader": HOST, "pathPattern": PATH, "httpRequestMethod": METHOD}
    for wire, kind in (*simple.items(), ("sourceIp", SOURCE_IP), ("httpHeader", HEADER)):
        block = raw.get(wire)
        if block is None:
            continue
        if not isinstance(block, Mapping):
            return Condition(kind, (), undecidable="unknown at preview")
        values, why = _known_strings(block.get("values"))
        if block.get("regexValues"):
            why = "a regular expression"
        key = None
        if kind == HEADER:
            name = block.get("httpHeaderName")
            if isinstance(name, str) and name != UNKNOWN_MARK:
                key = name.lower()
            else:
                why = "header name unknown at preview"
        return Condition(kind, values, key=key, undecidable=why)
    pairs = raw.get("queryStrings")
    if pairs is not None:
        if not isinstance(pairs, list):
            return Condition(QUERY, (), undecidable="unknown at preview")
        out: list[tuple[str | None, str]] = []
        why = None
        for pair in pairs:
            key = pair.get("key") if isinstance(pair, Mapping) else UNKNOWN_MARK
            value = pair.get("value") if isinstance(pair, Mapping) else UNKNOWN_MARK
            marks = (UNKNOWN_MARK, SECRET_MARK)
            if key in marks or not isinstance(value, str) or value in marks:
                why = "a value unknown at preview"
            else:
                out.append((key if isinstance(key, str) else None, value))
        return Condition(QUERY, tuple(out), undecidable=why)
    return None


def parse_conditions(conditions: Any) -> tuple[Condition, ...]:
    """The conditions of a ``ListenerRule``'s wire-format ``conditions`` input.

    An unknown list (``"[unknown]"``) gives one undecidable condition, so no question
    about the rule is answered as if it had none."""
    if not isinstance(conditions, list):
        return (Condition(PATH, (), undecidable="conditions unknown at preview"),)
    out: list[Condition] = []
    for raw in conditions:
        if not isinstance(raw, Mapping):
            out.append(Condition(PATH, (), undecidable="a condition unknown at preview"))
            continue
        parsed = _parse_one(raw)
        if parsed is not None:
            out.append(parsed)
    return tuple(out)


@dataclass(frozen=True)
class RuleMatch:
    """The requests a rule matches: all of its conditions (none: every request)."""

    conditions: tuple[Condition, ...] = ()

    @classmethod
    def from_wire(cls, conditions: Any) -> RuleMatch:
        """From a ``ListenerRule``'s wire-format ``conditions`` input."""
        return cls(parse_conditions(conditions))

    @property
    def undecidable(self) -> str | None:
        """Why some question about this rule cannot be answered, or None."""
        return next((c.undecidable for c in self.conditions if c.undecidable), None)

    def describe(self) -> str:
        """The conditions in words, AND-ed, in a fixed kind order; ``"any request"``."""
        if not self.conditions:
            return "any request"
        ordered = sorted(self.conditions, key=lambda c: (KINDS.index(c.kind), c.key or ""))
        return " and ".join(c.describe() for c in ordered)


# --- inclusion ---------------------------------------------------------------------------
def _within(kind: str) -> str | None:
    return "/*" if kind == PATH else None


def _fold(kind: str) -> bool:
    return kind in (HOST, HEADER, QUERY)


def _pattern_subset(kind: str, inner: Sequence[str], outer: Sequence[str]) -> bool:
    return glob_includes(inner, outer, fold=_fold(kind), within=_within(kind))


def _networks(values: Iterable[str]) -> list[Any] | None:
    try:
        return [ipaddress.ip_network(v, strict=False) for v in values]
    except ValueError:
        return None


def _cidrs_subset(inner: Sequence[str], outer: Sequence[str]) -> bool:
    small, big = _networks(inner), _networks(outer)
    if small is None or big is None:
        return False
    merged = {
        4: list(ipaddress.collapse_addresses(n for n in big if n.version == 4)),
        6: list(ipaddress.collapse_addresses(n for n in big if n.version == 6)),
    }
    return all(any(n.subnet_of(m) for m in merged[n.version]) for n in small)


def _query_pair_subset(inner: tuple[str | None, str], outer: tuple[str | None, str]) -> bool:
    (ik, iv), (ok, ov) = inner, outer
    if ok is not None:
        if ik is None:
            if not glob_includes(["*"], [ok], fold=True, escapes=True):
                return False
        elif not glob_includes([ik], [ok], fold=True, escapes=True):
            return False
    return glob_includes([iv], [ov], fold=True, escapes=True)


def _condition_subset(inner: Condition, outer: Condition) -> bool:
    """Every request satisfying ``inner`` satisfies ``outer`` (both decidable)."""
    if inner.kind != outer.kind or inner.key != outer.key:
        return False
    if inner.kind == METHOD:
        return set(inner.values) <= set(outer.values)
    if inner.kind == SOURCE_IP:
        return _cidrs_subset(inner.values, outer.values)
    if inner.kind == QUERY:
        return all(any(_query_pair_subset(i, o) for o in outer.values) for i in inner.values)
    return _pattern_subset(inner.kind, inner.values, outer.values)


_UNIVERSE = {
    HOST: Condition(HOST, ("*",)),
    PATH: Condition(PATH, ("/*",)),
    SOURCE_IP: Condition(SOURCE_IP, ("0.0.0.0/0", "::/0")),
}


def _is_universal(condition: Condition) -> bool:
    """True when every request satisfies ``condition`` (e.g. path ``/*``, host ``*``).
    Header and query conditions never are: a request may lack the header or parameter."""
    universe = _UNIVERSE.get(condition.kind)
    return universe is not None and _condition_subset(universe, condition)


def covers(a: RuleMatch, b: RuleMatch) -> Verdict:
    """``YES`` when every request matched by ``b`` is matched by ``a``; ``NO`` when that
    is not shown; ``UNDECIDED`` when it depends on a regular expression or an unknown.

    ``a`` covers ``b`` when each condition of ``a`` is implied by some condition of ``b``
    (same kind, same header name, a subset of its values) or accepts every request."""
    statuses = [_implied(outer, b) for outer in a.conditions]
    if Verdict.NO in statuses:
        return Verdict.NO
    return Verdict.UNDECIDED if Verdict.UNDECIDED in statuses else Verdict.YES


def _implied(outer: Condition, b: RuleMatch) -> Verdict:
    """Whether every request matching ``b`` satisfies ``outer``."""
    if outer.undecidable:
        return Verdict.YES if outer in b.conditions else Verdict.UNDECIDED
    if _is_universal(outer):
        return Verdict.YES
    verdict = Verdict.NO
    for inner in b.conditions:
        if inner.kind != outer.kind or inner.key != outer.key:
            continue
        if inner.undecidable:
            verdict = Verdict.UNDECIDED
        elif _condition_subset(inner, outer):
            return Verdict.YES
    return verdict


# --- overlap -----------------------------------------------------------------------------
def _one_address(networks: list[Any]) -> str:
    net = networks[0]
    return str(net.network_address if net.num_addresses == 1 else next(net.hosts(), net[0]))


def _witness_cidrs(groups: list[tuple[str, ...]]) -> str | None:
    parsed = [_networks(g) for g in groups]
    if any(p is None for p in parsed):
        return None
    candidates = [n for n in parsed[0] or []]
    for group in parsed[1:]:
        nxt = []
        for n in candidates:
            for m in group or []:
                if n.version != m.version or not n.overlaps(m):
                    continue
                nxt.append(n if n.subnet_of(m) else m)
        candidates = nxt
    return _one_address(candidates) if candidates else None


def _witness_query(groups: list[tuple[Any, ...]]) -> str | None:
    """A query string satisfying every group (each: pairs OR-ed). Different parameters can
    all be present; a parameter is taken to appear once, so two groups naming the same key
    need a value both accept (the realistic case: ``?v=1&v=2`` is legal but no client
    sends it to reach two rules)."""
    chosen: dict[str, list[str]] = {}
    for group in groups:
        for key, value in group:
            name = glob_witness([[key]], fold=True, escapes=True) if key is not None else None
            if key is not None and name is None:
                continue
            name = name or f"p{len(chosen)}"
            patterns = [*chosen.get(name, []), value]
            if glob_witness([[p] for p in patterns], fold=True, escapes=True) is None:
                continue
            chosen[name] = patterns
            break
        else:
            return None
    parts = []
    for name, patterns in chosen.items():
        value = glob_witness([[p] for p in patterns], fold=True, escapes=True)
        parts.append(f"{name}={value}")
    return "&".join(parts)


def _witness(kind: str, groups: list[tuple[Any, ...]]) -> str | None:
    if kind == METHOD:
        common = set(groups[0]).intersection(*groups[1:])
        return min(common) if common else None
    if kind == SOURCE_IP:
        return _witness_cidrs(groups)
    if kind == QUERY:
        return _witness_query(groups)
    return glob_witness(groups, fold=_fold(kind), within=_within(kind))


def overlap(a: RuleMatch, b: RuleMatch) -> dict[str, str] | Verdict | None:
    """A request both rules match, as ``{"host": ..., "path": ..., "header x-env": ...}``
    (only the parts the rules constrain); ``None`` when no request matches both;
    ``UNDECIDED`` when that depends on a regular expression or an unknown value.

    A header is taken to appear once (two values for one header would satisfy two
    different header conditions, a request no client sends on purpose)."""
    grouped: dict[tuple[str, str | None], list[tuple[Any, ...]]] = {}
    undecided = False
    for condition in (*a.conditions, *b.conditions):
        if condition.undecidable:
            undecided = True
            continue
        grouped.setdefault((condition.kind, condition.key), []).append(condition.values)
    request: dict[str, str] = {}
    for (kind, key), groups in sorted(
        grouped.items(), key=lambda item: (KINDS.index(item[0][0]), item[0][1] or "")
    ):
        found = _witness(kind, groups)
        if found is None:
            return None
        request[f"header {key}" if kind == HEADER else kind] = found
    return Verdict.UNDECIDED if undecided else request
