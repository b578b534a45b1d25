"""Certificate ARNs for HTTPS/TLS listeners, checked before anything is created.

AWS formats (ACM API reference, e.g. DescribeCertificate ``CertificateArn``: "The ARN must
have the following form: arn:aws:acm:region:123456789012:certificate/12345678-1234-1234-1234-
123456789012"; ARNs in general: "Amazon Resource Names (ARNs)", IAM User Guide):

- ACM: ``arn:<partition>:acm:<region>:<12-digit account>:certificate/<id>``. "Certificates in
  ACM are regional resources. To use a certificate with Elastic Load Balancing ... in more than
  one AWS region, you must request or import a certificate for each region" (ACM User Guide,
  "Supported Regions", https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html), so
  the region must be the stack's (when the
  stack's region is known: ``aws:region`` config, else ``AWS_REGION``/``AWS_DEFAULT_REGION``
  as the provider reads them; when none is set only the region check is skipped).
- IAM server certificates (for regions or cases without ACM):
  ``arn:<partition>:iam::<12-digit account>:server-certificate/<path/><name>`` — global, no
  region. Accepted because the listener API takes any certificate ARN
  (AWS::ElasticLoadBalancingV2::Listener Certificate: "The Amazon Resource Name (ARN) of the
  certificate"); not further confirmed in the stored ELB docs.

An empty string is refused: the provider would send a listener without a certificate, which
AWS rejects only at deploy time.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ValidationError, is_known

__all__ = ["check_certificate_arn"]

_PARTITION = r"aws(?:-[a-z]+)*"
_REGION = r"[a-z]{2}(?:-[a-z]+)+-\d+"
_ACM = re.compile(
    rf"^arn:(?P<partition>{_PARTITION}):acm:(?P<region>{_REGION}):\d{{12}}"
    r":certificate/[A-Za-z0-9][A-Za-z0-9-]*$"
)
_IAM = re.compile(rf"^arn:{_PARTITION}:iam::\d{{12}}:server-certificate/[\w+=,.@/-]+$")

_ALLOWED = (
    "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM "
    "server-certificate ARN (arn:aws:iam::<account>:server-certificate/<name>)"
)


def check_certificate_arn(argument: str, value: Any, region: str | None) -> None:
    """Require a well-formed certificate ARN; an ACM one must be in ``region`` (skipped when
    ``region`` is None). Outputs are skipped (checked when they resolve, see the
    component)."""
    if not is_known(value):
        return
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(argument, value, _ALLOWED + "; an empty ARN gives no certificate")
    acm = _ACM.match(value)
    if acm is None:
        if _IAM.match(value):
            return
        raise ValidationError(argument, value, _ALLOWED)
    if region is not None and acm.group("region") != region:
        raise ValidationError(
            argument,
            value,
            f"a certificate in the stack's region {region!r} (an ACM certificate can only be "
            f"used in its own region; this one is in {acm.group('region')!r})",
        )
