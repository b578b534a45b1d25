"""Cost estimate: dated per-region prices, a pure model, and an estimator over a Plan.

Example::

    # fragment: `program` is yours (a function that creates resources)
    from fargate_components.pricing import estimate_cost, render_cost_text
    from fargate_components.testing import run_in_mocks

    plan = run_in_mocks(program)
    report = estimate_cost(plan, assumptions={"fargate_spot_discount": 0.6})
    print(render_cost_text(report))
"""

from .advisor import THRESHOLD, Advice, Considered, Saving, advise
from .estimate import (
    CostItem,
    CostReport,
    FreeResource,
    NotCosted,
    estimate_cost,
    render_cost_markdown,
    render_cost_text,
)
from .model import (
    DEFAULT_ASSUMPTIONS,
    HOURS_PER_MONTH,
    Assumptions,
    Price,
    PriceBook,
    StrategyItem,
    available_regions,
    expected_split,
    load_prices,
    task_hourly_cost,
)
from .render import render_advice_markdown, render_advice_text

__all__ = [
    "DEFAULT_ASSUMPTIONS",
    "HOURS_PER_MONTH",
    "THRESHOLD",
    "Advice",
    "Assumptions",
    "Considered",
    "CostItem",
    "CostReport",
    "FreeResource",
    "NotCosted",
    "Price",
    "PriceBook",
    "Saving",
    "StrategyItem",
    "advise",
    "available_regions",
    "estimate_cost",
    "expected_split",
    "load_prices",
    "render_advice_markdown",
    "render_advice_text",
    "render_cost_markdown",
    "render_cost_text",
    "task_hourly_cost",
]
