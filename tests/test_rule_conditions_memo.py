"""The memoised wildcard automata of ``ecs.rule_conditions`` (issue 18's route-check hot
spot) answer exactly as the plain automaton did: Hypothesis compares ``glob_includes`` and
``glob_witness`` with a reference search that recomputes every closure and step and explores
every state (the code before memoisation, kept here as the definition)."""

from __future__ import annotations

from collections import deque
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fargate_components.ecs import rule_conditions as rc


class _Plain:
    """One pattern's automaton, nothing remembered."""

    def __init__(self, tokens: tuple[Any, ...]) -> None:
        self.tokens = tokens

    def closure(self, states: Any) -> frozenset[int]:
        out: set[int] = set()
        todo = list(states)
        while todo:
            state = todo.pop()
            if state not in out:
                out.add(state)
                if state < len(self.tokens) and self.tokens[state] is rc._STAR:
                    todo.append(state + 1)
        return frozenset(out)

    def step(self, states: frozenset[int], char: str) -> frozenset[int]:
        moved = {
            s + (0 if self.tokens[s] is rc._STAR else 1)
            for s in states
            if s < len(self.tokens)
            and (self.tokens[s] in (rc._STAR, rc._ONE) or self.tokens[s] == char)
        }
        return self.closure(moved)

    def literals(self) -> set[str]:
        return {t for t in self.tokens if isinstance(t, str)}


def _plain(pattern: str, fold: bool = False, widen: bool = False) -> _Plain:
    tokens = rc._tokens(pattern, fold=fold, escapes=False)
    if widen:
        tokens = tuple(x for t in tokens for x in ((rc._ONE, rc._STAR) if t is rc._STAR else (t,)))
    return _Plain(tokens)


def _reference(unions: list[tuple[_Plain, ...]], want: list[bool]) -> str | None:
    """Breadth first over every product state, the alphabet in the same order."""
    alphabet = [rc._OTHER, *sorted({c for u in unions for g in u for c in g.literals()})]
    start = tuple(tuple(g.closure([0]) for g in u) for u in unions)
    seen, queue = {start}, deque([(start, "")])
    while queue:
        states, text = queue.popleft()
        pairs = list(zip(unions, states, strict=True))
        accepted = [any(len(g.tokens) in s for g, s in zip(u, us, strict=True)) for u, us in pairs]
        if accepted == want:
            return text
        for char in alphabet:
            nxt = tuple(
                tuple(g.step(s, char) for g, s in zip(u, us, strict=True)) for u, us in pairs
            )
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, text + char))
    return None


PATTERNS = st.lists(st.text("ab/*?", min_size=0, max_size=5), min_size=1, max_size=2)


@settings(max_examples=30, database=None)
@given(inner=PATTERNS, outer=PATTERNS, within=st.sampled_from([None, "/*"]))
def test_inclusion_is_unchanged(inner: list[str], outer: list[str], within: str | None) -> None:
    unions = [tuple(map(_plain, inner)), tuple(map(_plain, outer))]
    want = [True, False]
    if within is not None:
        unions.append((_plain(within),))
        want.append(True)
    assert rc.glob_includes(inner, outer, within=within) == (_reference(unions, want) is None)


@settings(max_examples=30, database=None)
@given(groups=st.lists(PATTERNS, min_size=1, max_size=3), fold=st.booleans())
def test_witness_is_unchanged(groups: list[list[str]], fold: bool) -> None:
    expected = None
    for widen in (True, False):
        unions = [tuple(_plain(p, fold, widen) for p in g) for g in groups]
        found = _reference(unions, [True] * len(unions))
        if found is not None:
            expected = rc._readable(found, unions)  # type: ignore[arg-type]
            break
    assert rc.glob_witness(groups, fold=fold) == expected
