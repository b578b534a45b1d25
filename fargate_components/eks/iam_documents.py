"""IAM documents for EKS on Fargate, as data (no Pulumi resources).

Sources (checked 2026-11):
- Cluster role: principal ``eks.amazonaws.com``, managed policy ``AmazonEKSClusterPolicy``
  (EKS user guide, "Amazon EKS cluster IAM role").
- Pod execution role: principal ``eks-fargate-pods.amazonaws.com`` with an ``ArnLike
  aws:SourceArn arn:aws:eks:<region>:<account>:fargateprofile/<cluster>/*`` condition, and
  ``AmazonEKSFargatePodExecutionRolePolicy`` (EKS user guide, "Amazon EKS Pod execution IAM role").
- Fargate logging: the pod execution role needs ``logs:CreateLogStream``,
  ``logs:CreateLogGroup``, ``logs:DescribeLogStreams``, ``logs:PutLogEvents`` (and
  ``logs:PutRetentionPolicy`` when the router creates the group) — EKS user guide,
  "Start AWS Fargate logging for your cluster". We create the log group ourselves (with
  retention) and scope the permissions to it.
- IRSA: ``sts:AssumeRoleWithWebIdentity`` from the cluster's OIDC provider with
  ``<issuer>:sub = system:serviceaccount:<ns>:<sa>`` and ``<issuer>:aud = sts.amazonaws.com``.
- AWS Load Balancer Controller: :func:`load_balancer_controller_policy`, our own rendition
  of the upstream v2 policy (kubernetes-sigs/aws-load-balancer-controller,
  docs/install/iam_policy.json, v2.14-era), with the same scoping by the
  ``elbv2.k8s.aws/cluster`` tag.
"""

from __future__ import annotations

from typing import Any

from ..iam import Statement, assume_role_policy, policy_document, statement

__all__ = [
    "CLUSTER_ADMIN_ACCESS_POLICY_ARN",
    "CLUSTER_POLICY_ARN",
    "FARGATE_POD_EXECUTION_POLICY_ARN",
    "cluster_trust_policy",
    "fargate_logging_policy",
    "irsa_trust_policy",
    "load_balancer_controller_policy",
    "pod_execution_trust_policy",
    "profile_source_arn",
]

CLUSTER_POLICY_ARN = "arn:{partition}:iam::aws:policy/AmazonEKSClusterPolicy"
FARGATE_POD_EXECUTION_POLICY_ARN = (
    "arn:{partition}:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy"
)
CLUSTER_ADMIN_ACCESS_POLICY_ARN = (
    "arn:{partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
)


def cluster_trust_policy() -> dict[str, Any]:
    """Trust policy of the EKS cluster role."""
    return assume_role_policy("eks.amazonaws.com")


def profile_source_arn(partition: str, region: str, account: str, cluster_name: str) -> str:
    """The ``aws:SourceArn`` pattern covering every Fargate profile of one cluster."""
    return f"arn:{partition}:eks:{region}:{account}:fargateprofile/{cluster_name}/*"


def pod_execution_trust_policy(
    partition: str, region: str, account: str, cluster_name: str
) -> dict[str, Any]:
    """Trust policy of the Fargate pod execution role, scoped to this cluster's profiles."""
    return assume_role_policy(
        "eks-fargate-pods.amazonaws.com",
        source_arn_like=profile_source_arn(partition, region, account, cluster_name),
    )


def fargate_logging_policy(log_group_arn: str) -> dict[str, Any]:
    """What Fargate's built-in log router needs to write to one log group."""
    return policy_document(
        [
            statement(
                ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                [log_group_arn, f"{log_group_arn}:log-stream:*"],
                sid="FargateLogRouter",
            ),
        ]
    )


def irsa_trust_policy(
    oidc_provider_arn: str, issuer_url: str, namespace: str, service_account: str
) -> dict[str, Any]:
    """Trust policy letting one Kubernetes service account assume the role (IRSA)."""
    issuer = issuer_url.removeprefix("https://")
    return policy_document(
        [
            {
                "Effect": "Allow",
                "Principal": {"Federated": oidc_provider_arn},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {
                        f"{issuer}:sub": f"system:serviceaccount:{namespace}:{service_account}",
                        f"{issuer}:aud": "sts.amazonaws.com",
                    }
                },
            }
        ]
    )


_CLUSTER_TAG = "elbv2.k8s.aws/cluster"


def _tag_null(request: str | None = None, resource: str | None = None) -> dict[str, Any]:
    null: dict[str, str] = {}
    if request is not None:
        null[f"aws:RequestTag/{_CLUSTER_TAG}"] = request
    if resource is not None:
        null[f"aws:ResourceTag/{_CLUSTER_TAG}"] = resource
    return {"Null": null}


def load_balancer_controller_policy(partition: str = "aws") -> dict[str, Any]:
    """The IAM policy of the AWS Load Balancer Controller (v2).

    Read-only describes are on ``*`` (they take no resource); every create/modify/delete
    is limited to resources carrying the controller's ``elbv2.k8s.aws/cluster`` tag, as
    upstream does.
    """
    elb = f"arn:{partition}:elasticloadbalancing:*:*"
    balancers_and_groups = [
        f"{elb}:targetgroup/*/*",
        f"{elb}:loadbalancer/net/*/*",
        f"{elb}:loadbalancer/app/*/*",
    ]
    security_groups = f"arn:{partition}:ec2:*:*:security-group/*"
    statements: list[Statement] = [
        statement(
            ["iam:CreateServiceLinkedRole"],
            "*",
            sid="ElbServiceLinkedRole",
            condition={
                "StringEquals": {"iam:AWSServiceName": "elasticloadbalancing.amazonaws.com"}
            },
        ),
        statement(
            [
                "ec2:DescribeAccountAttributes",
                "ec2:DescribeAddresses",
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeCoipPools",
                "ec2:DescribeInstances",
                "ec2:DescribeInternetGateways",
                "ec2:DescribeIpamPools",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeRouteTables",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSubnets",
                "ec2:DescribeTags",
                "ec2:DescribeVpcPeeringConnections",
                "ec2:DescribeVpcs",
                "ec2:GetCoipPoolUsage",
                "ec2:GetSecurityGroupsForVpc",
                "elasticloadbalancing:DescribeCapacityReservation",
                "elasticloadbalancing:DescribeListenerAttributes",
                "elasticloadbalancing:DescribeListenerCertificates",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeRules",
                "elasticloadbalancing:DescribeSSLPolicies",
                "elasticloadbalancing:DescribeTags",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:DescribeTrustStores",
            ],
            "*",
            sid="Describe",
        ),
        statement(
            [
                "acm:DescribeCertificate",
                "acm:ListCertificates",
                "cognito-idp:DescribeUserPoolClient",
                "iam:GetServerCertificate",
                "iam:ListServerCertificates",
                "shield:CreateProtection",
                "shield:DeleteProtection",
                "shield:DescribeProtection",
                "shield:GetSubscriptionState",
                "waf-regional:AssociateWebACL",
                "waf-regional:DisassociateWebACL",
                "waf-regional:GetWebACL",
                "waf-regional:GetWebACLForResource",
                "wafv2:AssociateWebACL",
                "wafv2:DisassociateWebACL",
                "wafv2:GetWebACL",
                "wafv2:GetWebACLForResource",
            ],
            "*",
            sid="CertificatesWafShield",
        ),
        statement(
            ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
            "*",
            sid="SecurityGroupIngress",
        ),
        statement(["ec2:CreateSecurityGroup"], "*", sid="CreateSecurityGroup"),
        statement(
            ["ec2:CreateTags"],
            security_groups,
            sid="TagNewSecurityGroup",
            condition={
                "StringEquals": {"ec2:CreateAction": "CreateSecurityGroup"},
                **_tag_null(request="false"),
            },
        ),
        statement(
            ["ec2:CreateTags", "ec2:DeleteTags"],
            security_groups,
            sid="RetagOwnSecurityGroups",
            condition=_tag_null(request="true", resource="false"),
        ),
        statement(
            [
                "ec2:AuthorizeSecurityGroupIngress",
                "ec2:DeleteSecurityGroup",
                "ec2:RevokeSecurityGroupIngress",
            ],
            "*",
            sid="ManageOwnSecurityGroups",
            condition=_tag_null(resource="false"),
        ),
        statement(
            ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
            "*",
            sid="CreateTaggedLoadBalancers",
            condition=_tag_null(request="false"),
        ),
        statement(
            [
                "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:CreateRule",
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:DeleteRule",
            ],
            "*",
            sid="ListenersAndRules",
        ),
        statement(
            ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
            balancers_and_groups,
            sid="RetagOwnLoadBalancers",
            condition=_tag_null(request="true", resource="false"),
        ),
        statement(
            ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
            [
                f"{elb}:listener/net/*/*/*",
                f"{elb}:listener/app/*/*/*",
                f"{elb}:listener-rule/net/*/*/*",
                f"{elb}:listener-rule/app/*/*/*",
            ],
            sid="TagListeners",
        ),
        statement(
            [
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:ModifyCapacityReservation",
                "elasticloadbalancing:ModifyIpPools",
                "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:SetIpAddressType",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets",
            ],
            "*",
            sid="ManageOwnLoadBalancers",
            condition=_tag_null(resource="false"),
        ),
        statement(
            ["elasticloadbalancing:AddTags"],
            balancers_and_groups,
            sid="TagOnCreate",
            condition={
                "StringEquals": {
                    "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"]
                },
                **_tag_null(request="false"),
            },
        ),
        statement(
            ["elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"],
            f"{elb}:targetgroup/*/*",
            sid="RegisterTargets",
        ),
        statement(
            [
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:SetRulePriorities",
                "elasticloadbalancing:SetWebAcl",
            ],
            "*",
            sid="ListenerSettings",
        ),
    ]
    return policy_document(statements)
