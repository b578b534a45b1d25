"""The usage-billed part of the estimate: what AWS bills per request, per GB or per run, each
priced at an assumption that the report prints next to the figure.

- ``aws:sqs/queue:Queue``: ``sqs_requests_per_month`` x the standard or FIFO request price;
  a dead-letter queue (another queue's redrive target or a schedule's dead-letter queue) at 0
  requests.
- ``aws:ec2/flowLog:FlowLog`` to CloudWatch Logs: ``flow_log_gb_per_month`` x the vended-logs
  price ("Publish flow logs to CloudWatch Logs": flow-log data there is charged as vended
  logs, https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-cwl.html); its log group
  is then costed at $0 so the data is not counted twice.
- ``aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration``: ``waf_log_gb_per_month``
  x the same vended-logs price (AWS WAF logs are vended logs); its log group at $0 too.
- ``aws:route53/record:Record``: alias records answer free (Route 53 pricing: "queries to
  alias records that are mapped to ... Elastic Load Balancing load balancers ... are free",
  https://aws.amazon.com/route53/pricing/, quoted in
  https://github.com/openshift/cluster-ingress-operator/issues/364); other records
  ``route53_queries_per_record_per_month`` x the standard query price.
  ``aws:route53/zone:Zone``: the hosted zone's monthly fee.
- ``aws:efs/backupPolicy:BackupPolicy`` ``ENABLED``: ``efs_backup_gb_per_month`` x AWS
  Backup's EFS warm storage price (AWS Backup bills its storage in the Backup section:
  https://docs.aws.amazon.com/aws-backup/latest/devguide/metering-and-billing.html).
- ``aws:appautoscaling/policy:Policy`` of type ``TargetTrackingScaling``: the CloudWatch
  alarms Application Auto Scaling creates and manages for it ("Target tracking scaling
  policies for Application Auto Scaling",
  https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html):
  counted as two (a scale-out and a scale-in alarm; one with ``disableScaleIn``), a count
  the stored docs do not state: unconfirmed.
- ``aws:s3/bucket:Bucket``: ``s3_storage_gb_per_month`` x the S3 Standard price.
- ``aws:ecs/cluster:Cluster``: no charge of its own; with Container Insights on, its metrics
  and performance log events are billed by CloudWatch and listed in ``not_costed``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model import ResourceRecord, is_known
from ..model.tokens import FLOW_LOG, SCHEDULE, SQS_QUEUE, WAF_LOGGING
from .report import money, num

__all__ = [
    "flow_log_of",
    "price_backup_policy",
    "price_ecs_cluster",
    "price_flow_log",
    "price_route53_record",
    "price_route53_zone",
    "price_s3_bucket",
    "price_scaling_policy",
    "price_sqs_queue",
    "price_waf_logging",
]

_MILLION = Decimal(1_000_000)


def _is_dead_letter_queue(est: Any, queue: ResourceRecord) -> str | None:
    """What uses ``queue`` as its dead-letter queue, or ``None``."""
    for other in est.graph.of_type(SQS_QUEUE):
        if other.urn == queue.urn:
            continue
        if any(t.urn == queue.urn for t in est.graph.refs(other, "redrivePolicy", documents=True)):
            return f"queue {other.name}"
    for schedule in est.graph.of_type(SCHEDULE):
        if any(t.urn == queue.urn for t in est.graph.refs(schedule, "target", SQS_QUEUE)):
            return f"schedule {schedule.name}"
    return None


def price_sqs_queue(est: Any, record: ResourceRecord) -> None:
    fifo = record.inputs.get("fifoQueue") is True or str(record.inputs.get("name", "")).endswith(
        ".fifo"
    )
    name = "sqs_fifo_requests_million" if fifo else "sqs_standard_requests_million"
    price = est.price(name)
    kind = "FIFO" if fifo else "standard"
    dead_letter_of = _is_dead_letter_queue(est, record)
    if dead_letter_of is not None:
        est.add(
            record,
            f"SQS {kind} queue {record.name} (dead-letter queue of {dead_letter_of})",
            Decimal(0),
            f"0 requests assumed: a dead-letter queue gets requests only when messages fail "
            f"({money(price)} per million, {name})",
            [name],
        )
        return
    requests = est.assume("sqs_requests_per_month")
    est.add(
        record,
        f"SQS {kind} queue {record.name}",
        requests / _MILLION * price / est.hours,
        f"{num(requests)} requests (sqs_requests_per_month) x {money(price)} per million "
        f"({name}); the 1 million free requests a month not applied",
        [name, "sqs_requests_per_month"],
    )


def price_flow_log(est: Any, record: ResourceRecord) -> None:
    kind = record.inputs.get("logDestinationType") or "cloud-watch-logs"
    if kind != "cloud-watch-logs":
        est.skip(
            record,
            f"flow log to {kind}: its delivery (vended logs to {kind}) and storage are not "
            "priced; only CloudWatch Logs delivery is",
        )
        return
    est.add_per_gb(
        record,
        f"VPC flow log {record.name} (to CloudWatch Logs)",
        "flow_log_gb_per_month",
        "cloudwatch_vended_logs_ingested_gb",
        "log storage not included",
    )


def price_waf_logging(est: Any, record: ResourceRecord) -> None:
    """A web ACL's request logs delivered to CloudWatch Logs, billed as vended logs (CloudWatch
    Logs user guide, "Built-in processors for AWS vended logs": parseWAF reads "AWS WAF vended
    logs", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Transformation-BuiltIn.html);
    its log group is then costed at $0, as a flow log's is."""
    est.add_per_gb(
        record,
        f"WAF request logs {record.name} (to CloudWatch Logs)",
        "waf_log_gb_per_month",
        "cloudwatch_vended_logs_ingested_gb",
        "log storage not included",
    )


def flow_log_of(est: Any, log_group: ResourceRecord) -> ResourceRecord | None:
    """The flow log or WAF logging configuration that delivers into ``log_group`` (its data
    is costed there, as vended logs), if any."""
    for flow_log in est.graph.of_type(FLOW_LOG):
        targets = est.graph.refs(flow_log, "logDestination") + est.graph.refs(
            flow_log, "logGroupName"
        )
        if any(t.urn == log_group.urn for t in targets):
            return flow_log
    for logging in est.graph.of_type(WAF_LOGGING):
        if any(t.urn == log_group.urn for t in est.graph.refs(logging, "logDestinationConfigs")):
            return logging
    return None


def price_route53_record(est: Any, record: ResourceRecord) -> None:
    # A record named from a value AWS assigns (a certificate's validation record) is
    # unknown at preview: the logical name and no type, never "[unknown]" in the table.
    name = record.inputs.get("name")
    name = name if isinstance(name, str) and is_known(name) and name else record.name
    rtype = record.inputs.get("type")
    rtype = rtype if isinstance(rtype, str) and is_known(rtype) else ""
    if record.inputs.get("aliases"):
        est.mark_free(
            record, "an alias record: queries to AWS resources (load balancers, ...) are free"
        )
        return
    queries = est.assume("route53_queries_per_record_per_month")
    price = est.price("route53_queries_million")
    est.add(
        record,
        f"Route 53 {rtype} record {name}".replace("  ", " "),
        queries / _MILLION * price / est.hours,
        f"{num(queries)} queries (route53_queries_per_record_per_month) x {money(price)} "
        "per million (route53_queries_million); the hosted zone is costed where the plan "
        "creates it",
        ["route53_queries_per_record_per_month", "route53_queries_million"],
    )


def price_route53_zone(est: Any, record: ResourceRecord) -> None:
    price = est.price("route53_hosted_zone_month")
    est.add(
        record,
        f"Route 53 hosted zone {record.inputs.get('name') or record.name}",
        price / est.hours,
        f"1 hosted zone x {money(price)} (route53_hosted_zone_month); its records' queries "
        "are costed on the records",
        ["route53_hosted_zone_month"],
    )


def price_backup_policy(est: Any, record: ResourceRecord) -> None:
    policy = record.inputs.get("backupPolicy") or {}
    status = policy.get("status") if isinstance(policy, dict) else None
    if status == "DISABLED":
        est.mark_free(record, "automatic backups off: no AWS Backup storage")
        return
    if status != "ENABLED":
        est.skip(record, f"backup status {status!r} not known at preview: backups not priced")
        return
    est.add_per_gb(
        record,
        f"EFS automatic backups {record.name} (AWS Backup)",
        "efs_backup_gb_per_month",
        "backup_efs_warm_gb_month",
        "restores and cold storage not included",
    )


def price_scaling_policy(est: Any, record: ResourceRecord) -> None:
    kind = record.inputs.get("policyType") or "StepScaling"
    if kind != "TargetTrackingScaling" and not record.inputs.get(
        "targetTrackingScalingPolicyConfiguration"
    ):
        est.mark_free(
            record, f"a {kind} policy has no charge; the alarm that triggers it is costed"
        )
        return
    config = record.inputs.get("targetTrackingScalingPolicyConfiguration") or {}
    alarms = 1 if isinstance(config, dict) and config.get("disableScaleIn") is True else 2
    price = est.price("cloudwatch_alarm_month")
    est.add(
        record,
        f"Target tracking policy {record.name} ({alarms} managed CloudWatch alarms)",
        alarms * price / est.hours,
        f"{alarms} alarms Application Auto Scaling creates (scale-out"
        + (" and scale-in" if alarms == 2 else "")
        + f"; count unconfirmed) x {money(price)} (cloudwatch_alarm_month)",
        ["cloudwatch_alarm_month"],
    )


def _insights(record: ResourceRecord) -> str | None:
    settings = record.inputs.get("settings")
    for setting in settings if isinstance(settings, list) else []:
        if isinstance(setting, dict) and setting.get("name") == "containerInsights":
            value = setting.get("value")
            return str(value) if is_known(value) and value != "disabled" else None
    return None


def price_ecs_cluster(est: Any, record: ResourceRecord) -> None:
    insights = _insights(record)
    if insights is None:
        est.mark_free(record, "ECS on Fargate bills the tasks, not the cluster")
        return
    est.skip(
        record,
        f"Container Insights ({insights}): CloudWatch bills its metrics per metric-month and "
        "its performance log events (/aws/ecs/containerinsights/<cluster>/performance, "
        "created by AWS, not in the plan) per GB ingested; no price for them in the price "
        "files (the cluster itself is free)",
    )


def price_s3_bucket(est: Any, record: ResourceRecord) -> None:
    """S3 Standard storage at the assumed GB (requests and other classes not included)."""
    est.add_per_gb(
        record,
        f"S3 bucket {record.inputs.get('bucket') or record.name} (storage)",
        "s3_storage_gb_per_month",
        "s3_standard_gb_month",
        "requests (e.g. ALB log delivery PUTs) and other storage classes not included",
    )
