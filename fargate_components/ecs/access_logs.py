"""ALB access logs: the bucket the library creates for them, and the rules for a bucket and
prefix the user gives (``LoadBalancer`` wires the bucket from these decisions).

Sources:

- "Enable access logs for your Application Load Balancer" (Elastic Load Balancing user guide,
  https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html):
  the bucket must be in the load balancer's region; "The only server-side encryption option
  that's supported is Amazon S3-managed keys (SSE-S3)"; step 2, the bucket policy: in Regions
  available before August 2022 the principal is the Elastic Load Balancing account of the
  region (:data:`ELB_ACCOUNTS`), in later Regions the service principal
  ``logdelivery.elasticloadbalancing.amazonaws.com``; the object ARN is
  ``bucket/[prefix/]AWSLogs/<account-id>/*``.
- "Enable access logs for your Network Load Balancer" (ELB user guide,
  https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html):
  "Access logs are created only if the load balancer has a TLS listener"; the bucket is in the
  load balancer's region; the example bucket policy lets the log-delivery service principal
  ``delivery.logs.amazonaws.com`` call ``s3:GetBucketAcl`` on the bucket and ``s3:PutObject``
  on ``bucket/[prefix/]AWSLogs/<account-id>/*`` (with ``s3:x-amz-acl`` =
  ``bucket-owner-full-control``), both conditioned on ``aws:SourceAccount`` = the account and
  ``aws:SourceArn`` like ``arn:aws:logs:<region>:<account>:*``
  (:func:`nlb_access_log_bucket_policy`). NLB logs may use SSE-S3 or SSE-KMS; the created
  bucket uses SSE-S3 like the ALB's.
- The prefix rules are ``load_balancing.check_access_logs`` (shared with the NLB).
- The created bucket is auto-named by Pulumi (known at the first preview, so its policy and
  configuration children are too): pulumi-aws names an ``aws.s3.Bucket`` with
  ``tfbridge.AutoNameTransform("bucket", 63, strings.ToLower)`` (provider/resources.go), i.e.
  the logical name lowercased, ``-`` and 7 random characters, at most 63 in all
  (:func:`bucket_resource_name` keeps the logical name within 55 and bucket-safe).
- S3 "General purpose bucket naming rules"
  (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), encoded whole
  in :func:`check_bucket_name`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from typing import Any

from ..errors import ValidationError, is_known
from ..iam import Statement, policy_document

__all__ = [
    "BUCKET_NAME_INPUTS",
    "CREATE_BUCKET",
    "DEFAULT_ACCESS_LOG_DAYS",
    "ELB_ACCOUNTS",
    "ELB_LOG_DELIVERY",
    "LOG_DELIVERY",
    "access_log_bucket_policy",
    "bucket_resource_name",
    "check_bucket_name",
    "creates_bucket",
    "nlb_access_log_bucket_policy",
]

#: The value of ``LoadBalancerArgs.access_logs_bucket`` that creates the bucket (the default).
CREATE_BUCKET = "create"

#: Days the created bucket keeps access logs (then S3 expires them): a year, like the other
#: audit logs (``logs.AUDIT_RETENTION_DAYS``).
DEFAULT_ACCESS_LOG_DAYS = 365

#: The service principal that delivers access logs in Regions available as of August 2022.
ELB_LOG_DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com"

#: The service principal that delivers NLB access logs (vended logs), in every Region.
LOG_DELIVERY = "delivery.logs.amazonaws.com"

#: Region -> the Elastic Load Balancing account that writes access logs there, for the
#: Regions available before August 2022 (ELB user guide, "Enable access logs ...", step 2;
#: the same table the AWS provider's ``aws.elb.getServiceAccount`` carries).
ELB_ACCOUNTS = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-southeast-3": "589379963580",
    "ap-south-1": "718504428378",
    "ap-northeast-3": "383597477331",
    "ap-northeast-2": "600734575887",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-south-1": "635631232127",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
    "cn-north-1": "638102146993",
    "cn-northwest-1": "037604701340",
}  # fmt: skip

_BUCKET_CHARS = re.compile(r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def creates_bucket(value: Any) -> bool:
    """Whether ``access_logs_bucket`` asks the load balancer to create its bucket."""
    return isinstance(value, str) and value == CREATE_BUCKET


def check_bucket_name(argument: str, value: Any) -> None:
    """S3's general purpose bucket naming rules, every one of them (see the module doc)."""
    if not is_known(value):
        return
    allowed = (
        "an S3 bucket name: 3-63 lowercase letters, digits, '.' and '-', starting and ending "
        "with a letter or digit, no '..', not an IP address, not starting with "
        f"{', '.join(_RESERVED_PREFIXES)} nor ending with {', '.join(_RESERVED_SUFFIXES)}"
    )
    if not isinstance(value, str) or not 3 <= len(value) <= 63:
        raise ValidationError(argument, value, allowed)
    if not _BUCKET_CHARS.match(value) or ".." in value or _is_ip(value):
        raise ValidationError(argument, value, allowed)
    if value.startswith(_RESERVED_PREFIXES) or value.endswith(_RESERVED_SUFFIXES):
        raise ValidationError(argument, value, allowed)


def _is_ip(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


#: The inputs that name a bucket. The created bucket is auto-named (no ``bucket``, no
#: ``bucketPrefix``) and ignores changes to both, so a bucket an earlier version named from
#: a ``<name>-logs-`` prefix is kept as it is: no replacement, no lost logs.
BUCKET_NAME_INPUTS = ("bucket", "bucketPrefix")

#: What Pulumi's auto-name appends to the logical name: ``-`` and 7 random characters.
_AUTONAME_SUFFIX = "-0000000"
_BUCKET_NAME_MAX = 63


def _is_bucket_name(value: str) -> bool:
    try:
        check_bucket_name("bucket", value)
    except ValidationError:
        return False
    return True


def bucket_resource_name(role: str) -> str:
    """The logical name of a created bucket (``role``, e.g. ``web-access-logs``) whose
    Pulumi auto-name is a valid S3 bucket name: ``role`` itself when it already is one
    (lowercase letters, digits, ``-``; at most 55 characters), else its sanitised lowercase
    prefix and a hash of all of it (``My_LB-access-logs`` -> ``my-lb-access-logs-1a2b3c4d``:
    distinct for distinct roles, so two load balancers never share a bucket name)."""
    limit = _BUCKET_NAME_MAX - len(_AUTONAME_SUFFIX)
    if role == role.lower() and len(role) <= limit and _is_bucket_name(role + _AUTONAME_SUFFIX):
        return role
    clean = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]+", "-", role.lower())).strip("-")
    if clean.startswith(_RESERVED_PREFIXES) or not clean:
        clean = f"lb-{clean}"
    digest = hashlib.sha256(role.encode()).hexdigest()[:8]
    return f"{clean[: limit - len(digest) - 1].strip('-')}-{digest}"


def access_log_bucket_policy(
    bucket: str, prefix: str | None, account: str, partition: str, region: str
) -> dict[str, Any]:
    """The bucket policy letting Elastic Load Balancing of ``region`` write this account's
    access logs (see the module doc), and refusing any request not sent over TLS
    (``aws:SecureTransport``, S3 user guide "Security best practices": "Enforce encryption of
    data in transit")."""
    bucket_arn = f"arn:{partition}:s3:::{bucket}"
    key = f"{prefix.strip('/')}/" if prefix else ""
    elb = ELB_ACCOUNTS.get(region)
    principal = (
        {"AWS": f"arn:{partition}:iam::{elb}:root"} if elb else {"Service": ELB_LOG_DELIVERY}
    )
    deliver: Statement = {
        "Sid": "ElbLogDelivery",
        "Effect": "Allow",
        "Principal": principal,
        "Action": "s3:PutObject",
        "Resource": f"{bucket_arn}/{key}AWSLogs/{account}/*",
    }
    return policy_document([deliver, _tls_only(bucket_arn)])


def _tls_only(bucket_arn: str) -> Statement:
    """Refuse any request to the bucket not sent over TLS."""
    return {
        "Sid": "TlsOnly",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [bucket_arn, f"{bucket_arn}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def nlb_access_log_bucket_policy(
    bucket: str, prefix: str | None, account: str, partition: str, region: str
) -> dict[str, Any]:
    """The bucket policy letting log delivery write this account's NLB access logs of
    ``region`` (the ELB user guide's example policy, see the module doc), and refusing any
    request not sent over TLS."""
    bucket_arn = f"arn:{partition}:s3:::{bucket}"
    key = f"{prefix.strip('/')}/" if prefix else ""
    source = {
        "StringEquals": {"aws:SourceAccount": account},
        "ArnLike": {"aws:SourceArn": f"arn:{partition}:logs:{region}:{account}:*"},
    }
    acl_check: Statement = {
        "Sid": "LogDeliveryAclCheck",
        "Effect": "Allow",
        "Principal": {"Service": LOG_DELIVERY},
        "Action": "s3:GetBucketAcl",
        "Resource": bucket_arn,
        "Condition": source,
    }
    write: Statement = {
        "Sid": "LogDeliveryWrite",
        "Effect": "Allow",
        "Principal": {"Service": LOG_DELIVERY},
        "Action": "s3:PutObject",
        "Resource": f"{bucket_arn}/{key}AWSLogs/{account}/*",
        "Condition": {
            "StringEquals": {
                "s3:x-amz-acl": "bucket-owner-full-control",
                "aws:SourceAccount": account,
            },
            "ArnLike": source["ArnLike"],
        },
    }
    return policy_document([acl_check, write, _tls_only(bucket_arn)])
