"""Bad inputs of a load balancer's access logs: S3's bucket naming rules (every rule of
"General purpose bucket naming rules"), the created bucket's retention, data protection."""

from __future__ import annotations

from . import BadInput
from .ecs_network_load_balancer import _nlb
from .ecs_service import _lb

A = "LoadBalancerArgs"

#: One bad name per S3 naming rule (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
BAD_BUCKETS = {
    "too-short": "ab",
    "too-long": "a" * 64,
    "uppercase": "My-Logs",
    "underscore": "my_logs",
    "starts-with-hyphen": "-logs",
    "ends-with-dot": "logs.",
    "adjacent-dots": "my..logs",
    "ip-address": "192.168.5.4",
    "prefix-xn": "xn--logs",
    "prefix-sthree": "sthree-logs",
    "prefix-demo": "amzn-s3-demo-logs",
    "suffix-s3alias": "logs-s3alias",
    "suffix-ol-s3": "logs--ol-s3",
    "suffix-mrap": "logs.mrap",
    "suffix-x-s3": "logs--x-s3",
    "suffix-table-s3": "logs--table-s3",
    "not-a-string": 42,
}

CASES = [
    *(
        BadInput(
            f"alb-log-bucket-{rule}",
            (lambda b=b: _lb(access_logs_bucket=b)),
            f"{A}.access_logs_bucket",
        )
        for rule, b in BAD_BUCKETS.items()
    ),
    BadInput(
        "nlb-log-bucket-uppercase",
        lambda: _nlb(access_logs_bucket="NLB-Logs"),
        "NetworkLoadBalancerArgs.access_logs_bucket",
    ),
    BadInput(
        "alb-log-retention-zero",
        lambda: _lb(access_logs_retention_days=0),
        f"{A}.access_logs_retention_days",
    ),
    BadInput(
        "alb-log-retention-above-ten-years",
        lambda: _lb(access_logs_retention_days=3654),
        f"{A}.access_logs_retention_days",
    ),
    BadInput(
        "alb-log-retention-own-bucket",
        lambda: _lb(access_logs_bucket="my-logs", access_logs_retention_days=30),
        f"{A}.access_logs_retention_days",
    ),
    BadInput(
        "alb-data-protection-word",
        lambda: _lb(data_protection="no"),
        f"{A}.data_protection",
    ),
    # The NLB takes the same four access-log arguments (load_balancing.check_access_log_settings).
    BadInput(
        "nlb-access-logs-retention-zero",
        lambda: _nlb(access_logs_retention_days=0),
        "NetworkLoadBalancerArgs.access_logs_retention_days",
    ),
    BadInput(
        "nlb-access-logs-retention-with-own-bucket",
        lambda: _nlb(access_logs_bucket="my-logs", access_logs_retention_days=30),
        "NetworkLoadBalancerArgs.access_logs_retention_days",
    ),
    BadInput(
        "nlb-data-protection-word",
        lambda: _nlb(data_protection="no"),
        "NetworkLoadBalancerArgs.data_protection",
    ),
]
