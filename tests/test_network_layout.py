"""The subnet layout: pure tests, golden values frozen, properties with Hypothesis."""

from __future__ import annotations

import ipaddress
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fargate_components.errors import ValidationError
from fargate_components.network.layout import az_slot, subnet_layout

ZONES = [f"us-east-1{x}" for x in "abcdef"]

# Frozen: changing any of these renumbers live subnets. Never edit; only add.
GOLDEN_10_0_16 = {
    ("us-east-1a", "public"): "10.0.192.0/22",
    ("us-east-1a", "private"): "10.0.0.0/19",
    ("us-east-1b", "public"): "10.0.196.0/22",
    ("us-east-1b", "private"): "10.0.32.0/19",
    ("us-east-1c", "public"): "10.0.200.0/22",
    ("us-east-1c", "private"): "10.0.64.0/19",
    ("us-east-1d", "public"): "10.0.204.0/22",
    ("us-east-1d", "private"): "10.0.96.0/19",
    ("us-east-1e", "public"): "10.0.208.0/22",
    ("us-east-1e", "private"): "10.0.128.0/19",
    ("us-east-1f", "public"): "10.0.212.0/22",
    ("us-east-1f", "private"): "10.0.160.0/19",
}


def _as_map(cidr: str, zones: list[str]) -> dict[tuple[str, str], str]:
    return {(s.availability_zone, s.tier): s.cidr_block for s in subnet_layout(cidr, zones)}


def test_golden_layout_is_frozen() -> None:
    assert _as_map("10.0.0.0/16", ZONES) == GOLDEN_10_0_16


def test_growing_from_two_to_three_azs_renumbers_nothing() -> None:
    two = _as_map("10.0.0.0/16", ZONES[:2])
    three = _as_map("10.0.0.0/16", ZONES[:3])
    assert {k: three[k] for k in two} == two


def test_order_and_gaps_do_not_matter() -> None:
    # The slot follows the AZ letter, not the position in the list.
    assert _as_map("10.0.0.0/16", ["us-east-1c", "us-east-1a"]) == {
        k: v for k, v in GOLDEN_10_0_16.items() if k[0] in ("us-east-1a", "us-east-1c")
    }


def test_private_subnets_are_bigger_than_public() -> None:
    specs = subnet_layout("10.0.0.0/16", ZONES[:1])
    sizes = {s.tier: ipaddress.ip_network(s.cidr_block).num_addresses for s in specs}
    assert sizes["private"] == 8192 and sizes["public"] == 1024


@given(
    st.sampled_from(["10.0.0.0", "172.16.0.0", "192.168.0.0", "100.64.0.0"]),
    st.integers(16, 22),
    st.sets(st.sampled_from(ZONES), min_size=1, max_size=6),
)
def test_subnets_never_overlap_and_stay_inside_the_vpc(
    base: str, prefix: int, zones: set[str]
) -> None:
    vpc = ipaddress.ip_network(f"{base}/{prefix}")
    specs = subnet_layout(str(vpc), sorted(zones))
    nets = [ipaddress.ip_network(s.cidr_block) for s in specs]
    assert all(n.subnet_of(vpc) for n in nets)  # type: ignore[arg-type]
    assert all(n.prefixlen <= 28 for n in nets)
    for a, b in itertools.combinations(nets, 2):
        assert not a.overlaps(b)


@given(st.sets(st.sampled_from(ZONES), min_size=1, max_size=6), st.sampled_from(ZONES))
def test_adding_any_az_keeps_every_existing_cidr(zones: set[str], extra: str) -> None:
    before = _as_map("10.0.0.0/16", sorted(zones))
    after = _as_map("10.0.0.0/16", sorted(zones | {extra}))
    assert all(after[k] == v for k, v in before.items())


def test_az_slot() -> None:
    assert az_slot("az", "eu-west-1a") == 0
    assert az_slot("az", "us-gov-west-1c") == 2
    with pytest.raises(ValidationError):
        az_slot("az", "us-east-1-bos-1a")
