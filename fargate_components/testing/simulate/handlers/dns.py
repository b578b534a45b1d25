"""ACM certificates, their DNS validation, and Route 53 records.

- A certificate is requested in moto (DNS validation); its validation options are paired
  with the plan's by domain name (moto lists them in no fixed order).
- A record is written with ``ChangeResourceRecordSets`` (``UPSERT`` with
  ``allowOverwrite``, else ``CREATE``); moto refuses a name outside the zone, as Route 53 does.
- The wait for validation is emulated with AWS's own precondition: every validation record
  ACM asks for must be in a hosted zone of the account with the value ACM gave (moto never
  resolves DNS, and issues a certificate by the clock, so this check is ours; ACM's rule:
  "ACM ... checks for the CNAME record" it provided, ACM User Guide, "DNS validation").
"""

from __future__ import annotations

from typing import Any

from ..context import Ctx, Out, Unsupported
from ..fixture_file import set_certificate_status
from .common import _known, _tags, aws_error


def acm_certificate(inputs: dict[str, Any], ctx: Ctx) -> Out:
    acm = ctx.client("acm")
    if inputs.get("validationMethod") != "DNS":
        raise Unsupported("only DNS-validated certificates are replayed")
    sans = [
        _known(s, "subjectAlternativeNames") for s in inputs.get("subjectAlternativeNames") or []
    ]
    domain = _known(inputs.get("domainName"), "domainName")
    arn = acm.request_certificate(
        DomainName=domain,
        ValidationMethod="DNS",
        **({"SubjectAlternativeNames": [domain, *sans]} if sans else {}),
        **({"Tags": _tags(inputs)} if inputs.get("tags") else {}),
    )["CertificateArn"]
    described = acm.describe_certificate(CertificateArn=arn)["Certificate"]
    real = {
        str(o["DomainName"]).lower(): o["ResourceRecord"]
        for o in described.get("DomainValidationOptions", [])
        if "ResourceRecord" in o
    }
    out: Out = {"id": arn, "arn": arn}
    for i, option in enumerate(ctx.record.outputs.get("domainValidationOptions") or []):
        record = real.get(str(option.get("domainName", "")).lower())
        if record is None:
            continue
        out[f"domainValidationOptions.{i}.resourceRecordName"] = record["Name"]
        out[f"domainValidationOptions.{i}.resourceRecordValue"] = record["Value"]
    return out


def _zone_name(route53: Any, zone_id: str) -> str:
    return str(route53.get_hosted_zone(Id=zone_id)["HostedZone"]["Name"]).rstrip(".")


def route53_record(inputs: dict[str, Any], ctx: Ctx) -> Out:
    route53 = ctx.client("route53")
    zone_id = _known(inputs.get("zoneId"), "zoneId")
    name = str(_known(inputs.get("name"), "name")).rstrip(".")
    record: dict[str, Any] = {"Name": name, "Type": inputs.get("type")}
    aliases = inputs.get("aliases") or []
    if aliases:
        alias = aliases[0]
        record["AliasTarget"] = {
            "HostedZoneId": _known(alias.get("zoneId"), "aliases.zoneId"),
            "DNSName": _known(alias.get("name"), "aliases.name"),
            "EvaluateTargetHealth": bool(alias.get("evaluateTargetHealth")),
        }
    else:
        record["TTL"] = int(inputs.get("ttl") or 300)
        record["ResourceRecords"] = [
            {"Value": _known(v, "records")} for v in inputs.get("records") or []
        ]
    action = "UPSERT" if inputs.get("allowOverwrite") else "CREATE"
    route53.change_resource_record_sets(
        HostedZoneId=zone_id,
        ChangeBatch={"Changes": [{"Action": action, "ResourceRecordSet": record}]},
    )
    return {"id": f"{zone_id}_{name}_{record['Type']}", "fqdn": name}


def _records_of_account(route53: Any) -> dict[tuple[str, str], set[str]]:
    """``{(name, type): {values}}`` over every hosted zone in moto."""
    found: dict[tuple[str, str], set[str]] = {}
    for zone in route53.list_hosted_zones()["HostedZones"]:
        sets = route53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
        for rrset in sets:
            key = (str(rrset["Name"]).rstrip(".").lower(), rrset["Type"])
            values = {str(r["Value"]).rstrip(".") for r in rrset.get("ResourceRecords", [])}
            found.setdefault(key, set()).update(values)
    return found


def certificate_validation(inputs: dict[str, Any], ctx: Ctx) -> Out:
    arn = _known(inputs.get("certificateArn"), "certificateArn")
    described = ctx.client("acm").describe_certificate(CertificateArn=arn)["Certificate"]
    expected = {
        str(o["DomainName"]).lower(): o["ResourceRecord"]
        for o in described.get("DomainValidationOptions", [])
        if "ResourceRecord" in o
    }
    if not expected:
        raise Unsupported("the certificate has no DNS validation options to check")
    present = _records_of_account(ctx.client("route53"))
    for domain, record in sorted(expected.items()):
        key = (str(record["Name"]).rstrip(".").lower(), record["Type"])
        if str(record["Value"]).rstrip(".") not in present.get(key, set()):
            raise aws_error(
                "ValidationTimedOut",
                f"certificate {arn}: no {record['Type']} record {record['Name']} -> "
                f"{record['Value']} in any hosted zone, so ACM cannot validate {domain}",
                "WaitUntilCertificateValidated",
            )
    fqdns = {str(f).rstrip(".").lower() for f in inputs.get("validationRecordFqdns") or []}
    missing = sorted(
        r["Name"] for r in expected.values() if str(r["Name"]).rstrip(".").lower() not in fqdns
    )
    if fqdns and missing:
        raise aws_error(
            "InvalidParameter",
            f"validation_record_fqdns lacks {missing} that certificate {arn} needs",
            "CertificateValidation",
        )
    set_certificate_status(ctx.sim, arn, "ISSUED")  # validated: ACM issues it
    ctx.sim.notes.setdefault("acm-validated-by", {})[arn] = ctx.record.urn
    return {"id": arn, "certificateArn": arn}


#: ELB serves only an ISSUED ACM certificate: "The certificate isn't available for use in
#: ... load balancers" until validated ("Why is my ACM certificate pending validation?", AWS
#: Knowledge Center; ACM user guide, "Troubleshoot certificate validation"). The error code
#: ELB answers with is not documented for this case: UnsupportedCertificate (one of
#: CreateListener's documented errors) is assumed.
SERVABLE = "ISSUED"


def check_listener_certificates(ctx: Ctx, arns: list[str], operation: str) -> None:
    """Every ACM certificate a listener is given exists and is ISSUED (moto checks
    neither). Certificates of other services (IAM server certificates) are not checked."""
    acm = ctx.client("acm")
    for arn in arns:
        if ":acm:" not in str(arn):
            continue
        status = acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"]
        validation = ctx.sim.notes.get("acm-validated-by", {}).get(arn)
        if status == SERVABLE and validation and validation not in ctx.upstream():
            # The replay is sequential, a real deploy is not: without a dependency on the
            # validation, the listener is created while the certificate is still pending.
            status = f"PENDING_VALIDATION while {validation} waits for it (concurrently)"
        if status != SERVABLE:
            raise aws_error(
                "UnsupportedCertificate",
                f"certificate {arn} is {status}, not ISSUED: a listener can serve only an "
                "issued certificate (a DNS-validated one is issued once its validation "
                "records are in the hosted zone: make the listener use the "
                "CertificateValidation's certificateArn, so it waits for it)",
                operation,
            )
