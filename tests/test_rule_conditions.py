"""Which requests an ALB listener rule matches: wildcard inclusion, every condition kind,
and the questions that are never guessed at (regular expressions, unknown values)."""

from __future__ import annotations

from typing import Any

import pytest

from fargate_components.ecs.rule_conditions import (
    RuleMatch,
    Verdict,
    covers,
    glob_includes,
    glob_witness,
    overlap,
)


def host(*values: str) -> dict[str, Any]:
    return {"hostHeader": {"values": list(values)}}


def path(*values: str) -> dict[str, Any]:
    return {"pathPattern": {"values": list(values)}}


def header(name: str, *values: str) -> dict[str, Any]:
    return {"httpHeader": {"httpHeaderName": name, "values": list(values)}}


def rule(*conditions: dict[str, Any]) -> RuleMatch:
    return RuleMatch.from_wire(list(conditions))


@pytest.mark.parametrize(
    ("inner", "outer", "expected"),
    [
        (["/api/*"], ["/api*"], True),
        (["/api*"], ["/api/*"], False),
        (["?*"], ["*?"], True),  # the same language, written two ways
        (["*?"], ["?*"], True),
        (["/a?c"], ["/a*"], True),
        (["/a*"], ["/a?c"], False),
        (["/v1/*", "/v2/*"], ["/v?/*"], True),
        (["/v10/*"], ["/v?/*"], False),
        (["/x"], ["/x", "/y"], True),
    ],
)
def test_glob_inclusion(inner: list[str], outer: list[str], expected: bool) -> None:
    assert glob_includes(inner, outer) is expected


def test_inclusion_within_the_strings_that_can_occur() -> None:
    # Every request path starts with "/": "*foo" and "/*foo" accept the same paths.
    assert not glob_includes(["*foo"], ["/*foo"])
    assert glob_includes(["*foo"], ["/*foo"], within="/*")


def test_witness_is_readable_and_exact() -> None:
    assert glob_witness([["*.example.com"], ["api*"]], fold=True) == "api.example.com"
    assert glob_witness([["/api/*"]], within="/*") == "/api/x"
    assert glob_witness([["/a"], ["/b"]]) is None
    assert glob_witness([["a*"], ["a"]]) == "a"  # '*' may be empty when it must


def test_host_is_case_insensitive_and_path_is_not() -> None:
    assert covers(rule(host("API.example.com")), rule(host("api.EXAMPLE.com"))) is Verdict.YES
    assert covers(rule(path("/API/*")), rule(path("/api/*"))) is Verdict.NO


def test_issue_example_host_only_rule_covers_host_and_path_rule() -> None:
    broad = rule(host("api.example.com"))
    narrow = rule(host("api.example.com"), path("/v2/*"))
    assert covers(broad, narrow) is Verdict.YES
    assert covers(narrow, broad) is Verdict.NO
    assert overlap(broad, narrow) == {"host": "api.example.com", "path": "/v2/x"}


def test_universal_conditions_cover_rules_that_do_not_constrain_them() -> None:
    catch_all = rule(path("/*"))
    assert covers(catch_all, rule(host("a.example.com"))) is Verdict.YES
    assert covers(rule(host("*")), rule(path("/x"))) is Verdict.YES
    assert covers(rule(), rule(path("/x"))) is Verdict.YES  # no conditions: every request


def test_header_needs_the_same_name_and_may_be_absent() -> None:
    beta = rule(header("X-Env", "beta*"))
    assert covers(beta, rule(header("x-env", "BETA-1"))) is Verdict.YES
    assert covers(beta, rule(header("x-other", "beta-1"))) is Verdict.NO
    # A request without the header does not match, so even "*" is not universal.
    assert covers(rule(header("x-env", "*")), rule(path("/x"))) is Verdict.NO
    assert overlap(beta, rule(header("X-ENV", "*-1"))) == {"header x-env": "beta-1"}
    assert overlap(beta, rule(header("x-env", "prod"))) is None


def test_method_is_exact_and_case_sensitive() -> None:
    get = rule({"httpRequestMethod": {"values": ["GET", "HEAD"]}})
    assert covers(get, rule({"httpRequestMethod": {"values": ["GET"]}})) is Verdict.YES
    assert covers(get, rule({"httpRequestMethod": {"values": ["get"]}})) is Verdict.NO
    assert overlap(get, rule({"httpRequestMethod": {"values": ["POST"]}})) is None


def test_source_ip_uses_cidr_containment() -> None:
    halves = rule({"sourceIp": {"values": ["10.0.0.0/25", "10.0.0.128/25"]}})
    whole = rule({"sourceIp": {"values": ["10.0.0.0/24"]}})
    assert covers(halves, whole) is Verdict.YES
    assert covers(rule({"sourceIp": {"values": ["10.0.0.0/25"]}}), whole) is Verdict.NO
    assert overlap(halves, whole) == {"source_ip": "10.0.0.1"}
    assert overlap(whole, rule({"sourceIp": {"values": ["192.168.0.0/16"]}})) is None
    # IPv4 anywhere is not every request on a dual-stack load balancer.
    assert covers(rule({"sourceIp": {"values": ["0.0.0.0/0"]}}), rule(path("/x"))) is Verdict.NO


def test_query_strings() -> None:
    v1 = rule({"queryStrings": [{"key": "version", "value": "1"}]})
    any_version = rule({"queryStrings": [{"key": "VERSION", "value": "*"}]})
    assert covers(any_version, v1) is Verdict.YES
    assert covers(v1, any_version) is Verdict.NO
    assert overlap(v1, rule({"queryStrings": [{"key": "version", "value": "2"}]})) is None
    assert overlap(v1, rule({"queryStrings": [{"key": "debug", "value": "true"}]})) == {
        "query": "version=1&debug=true"
    }
    # "\*" is a literal star in a query-string value.
    assert covers(rule({"queryStrings": [{"value": "a\\*"}]}), v1) is Verdict.NO


def test_regex_and_unknown_values_are_undecided_not_guessed() -> None:
    regex = rule({"pathPattern": {"regexValues": ["^/api/.*"]}})
    unknown = RuleMatch.from_wire("[unknown]")
    partly = rule(host("[unknown]"))
    for other in (regex, unknown, partly):
        assert covers(other, rule(path("/api/x"))) is Verdict.UNDECIDED
        assert covers(rule(path("/api/*")), other) in (Verdict.UNDECIDED, Verdict.NO)
    assert covers(regex, regex) is Verdict.YES  # the same condition covers itself
    assert overlap(regex, rule(path("/x"))) is Verdict.UNDECIDED
    # A decidable part that is disjoint still settles it.
    assert overlap(rule(host("a.com")), rule(host("b.com"), path("[unknown]"))) is None


def test_describe() -> None:
    assert rule(path("/api/*", "/v2/*"), host("api.example.com")).describe() == (
        "host api.example.com and path /api/* or /v2/*"
    )
    assert rule().describe() == "any request"
    assert rule({"queryStrings": [{"key": "v", "value": "1"}]}).describe() == "query v=1"
