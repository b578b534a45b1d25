"""The ``Network`` component: a VPC for ECS and EKS on Fargate, and ``NetworkRef`` for an
existing one. All decisions (CIDRs, which NAT serves which AZ) come from ``layout.py`` and
the small pure functions below; this module only wires resources."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_aws as aws

from .. import iam
from .._component import (
    TYPE_PREFIX,
    child_kms_key_or_given,
    child_opts,
    log_group_arn,
    merge_tags,
    stack_account_id,
    stack_region,
)
from ..data_protection import check_data_protection, data_protection_enabled, protection_options
from ..errors import (
    ValidationError,
    argument_path,
    check_choice,
    check_int_range,
    check_unique,
    is_known,
)
from ..kms import CREATE_KEY, check_kms_key
from ..logs import AUDIT_RETENTION_DAYS, check_retention_days
from ..model.tokens import LOG_GROUP
from ..outputs import concat
from ..tags import check_name_tag, check_tags
from .layout import MAX_AZS, SubnetSpec, check_availability_zones, check_vpc_cidr, subnet_layout
from .nat_instance import INSTANCE_STRATEGIES, check_nat_instance, trade_off
from .nat_instance_component import build_nat_instances
from .security_component import allow_tcp_ingress
from .types import NAT_STRATEGIES, VpcIdentity, plain_vpc_id

__all__ = ["Network", "NetworkArgs", "NetworkRef", "nat_assignment"]

# Child name suffixes: part of each child's identity (renaming one replaces it).
VPC = "vpc"
IGW = "igw"
PUBLIC_RT = "public-rt"
DEFAULT_SG = "default-sg"
FLOW_LOGS = "flow-logs"
FLOW_LOGS_ROLE = "flow-logs-role"
FLOW_LOGS_POLICY = "flow-logs-policy"
FLOW_LOGS_KEY = "flow-logs-key"
ENDPOINTS_SG = "endpoints-sg"

#: Interface endpoints created with ``vpc_endpoints=True`` (plus the S3 gateway endpoint):
#: what a private Fargate task or pod needs to pull from ECR, log and get credentials.
INTERFACE_ENDPOINTS = ("ecr.api", "ecr.dkr", "logs", "sts")
FLOW_LOG_TRAFFIC = ("ALL", "ACCEPT", "REJECT")

Tagger = Callable[..., dict[str, str]]


@dataclass(frozen=True, kw_only=True)
class NetworkArgs:
    """Arguments of :class:`Network`."""

    cidr_block: str = "10.0.0.0/16"
    """The VPC CIDR: a private range, /16 to /22. Default ``"10.0.0.0/16"``."""

    az_count: int | None = None
    """How many AZs to use (1-6), taken from the region's available AZs in order.
    Ignored when ``availability_zones`` is given. Default 3."""

    availability_zones: Sequence[str] | None = None
    """Explicit AZ names, e.g. ``["eu-west-1a", "eu-west-1b"]`` (the most stable choice).
    Default: the first ``az_count`` available AZs of the region."""

    nat_gateways: str = "one_per_az"
    """Egress for private subnets: ``"one_per_az"`` (highly available), ``"single"``
    (cheaper; one AZ's failure cuts egress for all), ``"instance_per_az"`` /
    ``"single_instance"`` (NAT on small ARM64 EC2 instances: far cheaper, limited bandwidth,
    OS patching is yours; the plan states the trade-off) or ``"none"``. Default
    ``"one_per_az"``."""

    nat_instance_type: str = "t4g.nano"
    """The NAT instances' size (with ``"instance_per_az"`` / ``"single_instance"``): a T4g
    (ARM64) type. Default ``"t4g.nano"``."""

    nat_instance_ami: str | None = None
    """The NAT instances' image: an ARM64 Amazon Linux 2023 AMI id of yours. Default: AWS's
    latest Amazon Linux 2023 ARM64 image (SSM public parameter), read at plan time."""

    eks_cluster_names: Sequence[str] = ()
    """EKS cluster names to tag the subnets for (``kubernetes.io/cluster/<name>=shared``).
    Default none."""

    flow_logs: bool = True
    """Send VPC flow logs to a CloudWatch log group. Default ``True``."""

    flow_logs_retention_days: int = AUDIT_RETENTION_DAYS
    """Retention of the flow-log group (audit data), one of CloudWatch's allowed values; a
    dev stack may lower it (e.g. 7). Default 365."""

    flow_logs_kms_key_arn: pulumi.Input[str] | None = CREATE_KEY
    """The KMS key encrypting the flow-log group: ``"create"`` creates a customer managed key
    (child ``<name>-flow-logs-key``, $1/month, kept on delete) whose key policy lets
    CloudWatch Logs use it; a key ARN uses yours (its policy must allow
    ``logs.<region>.amazonaws.com``); ``None`` keeps CloudWatch's own encryption (dev).
    Default: "create"."""

    flow_logs_traffic_type: str = "ALL"
    """Which traffic to log: ``"ALL"``, ``"ACCEPT"`` or ``"REJECT"``. Default ``"ALL"``."""

    vpc_endpoints: bool = False
    """Create an S3 gateway endpoint and interface endpoints for ECR, CloudWatch Logs and
    STS in the private subnets (lets workloads run without NAT; each interface endpoint
    is billed per AZ-hour). Default ``False``."""

    data_protection: bool | None = None
    """Protect the stateful children (the flow-log group: audit data) from losing their data: ``retain_on_delete``, so the traffic records stay in AWS when the network is renamed or removed. ``False`` turns
    it off (e.g. a dev stack). Default: on, unless the stack config ``fargate:dataProtection``
    is ``"false"`` (see ``fargate_components.data_protection``)."""
    tags: Mapping[str, str] | None = None
    """Tags for every taggable child. Default none."""


def nat_assignment(strategy: str, zones: Sequence[str]) -> dict[str, str | None]:
    """Which AZ's NAT gateway each AZ's private subnets route through (``None``: no route).

    ``one_per_az`` / ``instance_per_az``: its own; ``single`` / ``single_instance``: the
    first AZ's; ``none``: nowhere.
    """
    if strategy == "none":
        return dict.fromkeys(zones)
    if strategy in ("single", "single_instance"):
        return dict.fromkeys(zones, zones[0])
    return {z: z for z in zones}


@argument_path("NetworkArgs")
def _validate(args: NetworkArgs) -> None:
    check_data_protection("data_protection", args.data_protection)
    check_vpc_cidr("cidr_block", args.cidr_block)
    check_choice("nat_gateways", args.nat_gateways, NAT_STRATEGIES)
    check_nat_instance(args.nat_instance_type, args.nat_instance_ami)
    check_choice("flow_logs_traffic_type", args.flow_logs_traffic_type, FLOW_LOG_TRAFFIC)
    check_retention_days("flow_logs_retention_days", args.flow_logs_retention_days)
    check_kms_key("flow_logs_kms_key_arn", args.flow_logs_kms_key_arn)
    if args.availability_zones is not None:
        if args.az_count is not None and args.az_count != len(args.availability_zones):
            raise ValidationError(
                "az_count",
                args.az_count,
                f"omitted, or equal to len(availability_zones) = {len(args.availability_zones)}",
            )
        check_availability_zones("availability_zones", args.availability_zones)
    elif args.az_count is not None:
        check_int_range("az_count", args.az_count, 1, MAX_AZS)
    if isinstance(args.eks_cluster_names, str):
        raise ValidationError(
            "eks_cluster_names", args.eks_cluster_names, "a list of cluster names"
        )
    check_unique("eks_cluster_names", args.eks_cluster_names)
    from ..eks.validation import check_cluster_name  # here: eks imports the network package

    for i, cluster in enumerate(args.eks_cluster_names):
        # It becomes the subnets' tag key kubernetes.io/cluster/<name>.
        check_cluster_name(f"eks_cluster_names[{i}]", cluster)
    # A subnet carries Name, kubernetes.io/role/(internal-)elb, fargate:tier and one
    # kubernetes.io/cluster/<name> per EKS cluster besides the user's tags.
    check_tags(
        "tags",
        args.tags,
        added=3 + len(args.eks_cluster_names),
        own="Name, kubernetes.io/role/elb, fargate:tier and kubernetes.io/cluster/<name> per "
        "EKS cluster, on each subnet",
    )


def _check_zones_region(zones: Sequence[str], opts: pulumi.ResourceOptions) -> None:
    """Explicit AZs are the stack's region's: a user's ``availability_zones=["eu-west-1a",
    ...]`` on a ``us-east-1`` stack planned silently (AWS refuses a subnet in another region's
    AZ). The region is ``aws:region`` of the stack's config; with an explicit provider (its
    own region, not readable here) AWS checks."""
    if opts.provider is not None:
        return
    region = pulumi.Config("aws").get("region")
    if not region:
        return
    if {z[:-1] for z in zones} != {region}:
        raise ValidationError(
            "NetworkArgs.availability_zones",
            list(zones),
            f"availability zones of the stack's region {region!r} (aws:region), such as "
            f"'{region}a'",
        )


def _zones(args: NetworkArgs, opts: pulumi.ResourceOptions) -> list[str]:
    if args.availability_zones is not None:
        _check_zones_region(args.availability_zones, opts)
        return list(args.availability_zones)
    wanted = args.az_count if args.az_count is not None else 3
    invoke_opts = pulumi.InvokeOptions(provider=opts.provider) if opts.provider else None
    available = aws.get_availability_zones(state="available", opts=invoke_opts).names
    if len(available) < wanted:
        raise ValidationError(
            "NetworkArgs.az_count",
            wanted,
            f"at most the {len(available)} available AZs of this region ({', '.join(available)})",
        )
    return list(available[:wanted])


class Network(pulumi.ComponentResource):
    """A VPC with one public and one private subnet per AZ, NAT egress, flow logs and a
    closed default security group.

    Example::

        net = Network("net", NetworkArgs(az_count=2, nat_gateways="single"))
        pulumi.export("private_subnet_ids", net.private_subnet_ids)

    Private subnets never map public IPs and route ``0.0.0.0/0`` to the NAT gateway of
    their own AZ (``one_per_az``) or the single one. Subnet CIDRs are stable (see
    :mod:`fargate_components.network.layout`). To use an existing VPC instead, see
    :meth:`Network.existing`.
    """

    def __init__(
        self,
        name: str,
        args: NetworkArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        args = args or NetworkArgs()
        check_name_tag(name)
        _validate(args)
        opts = opts or pulumi.ResourceOptions()
        # The zones (an invoke, no resource) and the layout can still fail validation:
        # decide them before registering anything.
        zones = _zones(args, opts)
        layout = subnet_layout(args.cidr_block, zones)
        super().__init__(f"{TYPE_PREFIX}:network:Network", name, None, opts)
        # What cross-resource checks compare (network/types.py: check_same_vpc).
        self.vpc_identity = VpcIdentity(network=self, label=f"Network({name!r})")

        self.nat_strategy: str = args.nat_gateways
        self.has_vpc_endpoints: bool = args.vpc_endpoints
        self.cidr_block: str = args.cidr_block
        self.eks_cluster_names: tuple[str, ...] = tuple(args.eks_cluster_names)
        self._build(name, args, zones, layout)

    def _tagger(self, name: str, args: NetworkArgs) -> Tagger:
        base = dict(args.tags or {})

        def tagged(role: str, **extra: str) -> dict[str, str]:
            return merge_tags(base, {"Name": f"{name}-{role}"}, extra)

        return tagged

    # -- wiring -------------------------------------------------------------------------
    def _build(
        self, name: str, args: NetworkArgs, zones: list[str], layout: list[SubnetSpec]
    ) -> None:
        tagged = self._tagger(name, args)
        self.vpc: aws.ec2.Vpc = aws.ec2.Vpc(
            f"{name}-{VPC}",
            cidr_block=args.cidr_block,
            enable_dns_support=True,
            enable_dns_hostnames=True,
            tags=tagged(VPC),
            opts=child_opts(self),
        )
        # Strip every rule from the default security group (CKV2_AWS_12).
        aws.ec2.DefaultSecurityGroup(
            f"{name}-{DEFAULT_SG}",
            vpc_id=self.vpc.id,
            ingress=[],
            egress=[],
            tags=tagged(DEFAULT_SG),
            opts=child_opts(self),
        )
        self.internet_gateway: aws.ec2.InternetGateway = aws.ec2.InternetGateway(
            f"{name}-{IGW}", vpc_id=self.vpc.id, tags=tagged(IGW), opts=child_opts(self)
        )
        self.public_route_table: aws.ec2.RouteTable = aws.ec2.RouteTable(
            f"{name}-{PUBLIC_RT}", vpc_id=self.vpc.id, tags=tagged(PUBLIC_RT), opts=child_opts(self)
        )
        aws.ec2.Route(
            f"{name}-{PUBLIC_RT}-default",
            route_table_id=self.public_route_table.id,
            destination_cidr_block="0.0.0.0/0",
            gateway_id=self.internet_gateway.id,
            opts=child_opts(self),
        )

        public_by_zone = self._build_subnets(name, args, layout, tagged)
        suffixes = {spec.availability_zone: spec.suffix for spec in layout}
        self._build_egress(name, args, zones, suffixes, public_by_zone)
        self._build_flow_logs(name, args)
        self._build_endpoints(name, args)

        self.vpc_id: pulumi.Output[str] = self.vpc.id
        self.public_subnet_id_list: list[pulumi.Input[str]] = [s.id for s in self.public_subnets]
        self.private_subnet_id_list: list[pulumi.Input[str]] = [s.id for s in self.private_subnets]
        self.public_subnet_ids: pulumi.Output[list[str]] = pulumi.Output.all(
            *self.public_subnet_id_list
        )
        self.private_subnet_ids: pulumi.Output[list[str]] = pulumi.Output.all(
            *self.private_subnet_id_list
        )
        self.nat_gateway_ids: pulumi.Output[list[str]] = pulumi.Output.all(
            *[n.id for n in self.nat_gateways]
        )
        self.availability_zones: pulumi.Output[list[str]] = pulumi.Output.from_input(zones)
        self.register_outputs(
            {
                "vpc_id": self.vpc_id,
                "public_subnet_ids": self.public_subnet_ids,
                "private_subnet_ids": self.private_subnet_ids,
                "nat_gateway_ids": self.nat_gateway_ids,
                "availability_zones": self.availability_zones,
            }
        )

    def _build_subnets(
        self, name: str, args: NetworkArgs, layout: list[SubnetSpec], tagged: Tagger
    ) -> dict[str, aws.ec2.Subnet]:
        """Every subnet of the layout (public ones routed to the internet gateway); returns
        the public subnet of each AZ (where its NAT gateway goes)."""
        cluster_tags = {f"kubernetes.io/cluster/{c}": "shared" for c in args.eks_cluster_names}
        self.public_subnets: list[aws.ec2.Subnet]
        self.private_subnets: list[aws.ec2.Subnet]
        self.public_subnets, self.private_subnets = [], []
        self._private_cidrs: list[str] = []
        public_by_zone: dict[str, aws.ec2.Subnet] = {}
        for spec in layout:
            public = spec.tier == "public"
            role = f"{spec.tier}-{spec.suffix}"
            lb_tag = "kubernetes.io/role/elb" if public else "kubernetes.io/role/internal-elb"
            subnet = aws.ec2.Subnet(
                f"{name}-{role}",
                vpc_id=self.vpc.id,
                cidr_block=spec.cidr_block,
                availability_zone=spec.availability_zone,
                map_public_ip_on_launch=False,
                tags=merge_tags(
                    tagged(role, **{lb_tag: "1", "fargate:tier": spec.tier}), cluster_tags
                ),
                opts=child_opts(self),
            )
            if public:
                self.public_subnets.append(subnet)
                public_by_zone[spec.availability_zone] = subnet
                aws.ec2.RouteTableAssociation(
                    f"{name}-{role}",
                    subnet_id=subnet.id,
                    route_table_id=self.public_route_table.id,
                    opts=child_opts(self),
                )
            else:
                self.private_subnets.append(subnet)
                self._private_cidrs.append(spec.cidr_block)
        return public_by_zone

    def _build_egress(
        self,
        name: str,
        args: NetworkArgs,
        zones: list[str],
        suffixes: dict[str, str],
        public_by_zone: dict[str, aws.ec2.Subnet],
    ) -> None:
        tagged = self._tagger(name, args)
        assignment = nat_assignment(args.nat_gateways, zones)
        nat_zones = list(dict.fromkeys(z for z in assignment.values() if z is not None))
        nat_by_zone: dict[str, aws.ec2.NatGateway] = {}
        self.nat_instances: list[aws.ec2.Instance] = []
        instances: dict[str, aws.ec2.Instance] = {}
        if args.nat_gateways in INSTANCE_STRATEGIES:
            instances = self._build_nat_instances(name, args, nat_zones, suffixes, public_by_zone)
            nat_zones = []
        for zone in nat_zones:
            suffix = suffixes[zone]
            eip = aws.ec2.Eip(
                f"{name}-nat-eip-{suffix}",
                domain="vpc",
                tags=tagged(f"nat-eip-{suffix}"),
                opts=child_opts(self),
            )
            nat_by_zone[zone] = aws.ec2.NatGateway(
                f"{name}-nat-{suffix}",
                allocation_id=eip.allocation_id,
                subnet_id=public_by_zone[zone].id,
                connectivity_type="public",
                tags=tagged(f"nat-{suffix}"),
                opts=child_opts(self, depends_on=[self.internet_gateway]),
            )
        self.nat_gateways: list[aws.ec2.NatGateway] = list(nat_by_zone.values())

        self.private_route_tables: list[aws.ec2.RouteTable] = []
        for zone, subnet in zip(zones, self.private_subnets, strict=True):
            role = f"private-{suffixes[zone]}"
            table = aws.ec2.RouteTable(
                f"{name}-{role}-rt",
                vpc_id=self.vpc.id,
                tags=tagged(f"{role}-rt"),
                opts=child_opts(self),
            )
            self.private_route_tables.append(table)
            aws.ec2.RouteTableAssociation(
                f"{name}-{role}",
                subnet_id=subnet.id,
                route_table_id=table.id,
                opts=child_opts(self),
            )
            nat_zone = assignment[zone]
            if nat_zone is not None:
                target = (
                    {"network_interface_id": instances[nat_zone].primary_network_interface_id}
                    if instances
                    else {"nat_gateway_id": nat_by_zone[nat_zone].id}
                )
                aws.ec2.Route(
                    f"{name}-{role}-default",
                    route_table_id=table.id,
                    destination_cidr_block="0.0.0.0/0",
                    opts=child_opts(self),
                    **target,
                )

    def _build_nat_instances(
        self,
        name: str,
        args: NetworkArgs,
        nat_zones: list[str],
        suffixes: dict[str, str],
        public_by_zone: dict[str, aws.ec2.Subnet],
    ) -> dict[str, aws.ec2.Instance]:
        """NAT on EC2 instances, with the trade-off stated in the plan (a warning)."""
        pulumi.log.warn(
            trade_off(args.nat_gateways, args.nat_instance_type, len(suffixes)), resource=self
        )
        instances = build_nat_instances(
            self,
            name,
            vpc_id=self.vpc.id,
            vpc_cidr=args.cidr_block,
            private_cidrs=list(self._private_cidrs),
            zones=nat_zones,
            suffixes=suffixes,
            public_by_zone=public_by_zone,
            instance_type=args.nat_instance_type,
            ami=args.nat_instance_ami,
            tagged=self._tagger(name, args),
            depends_on=[self.internet_gateway],
        )
        self.nat_instances = list(instances.values())
        return instances

    def _build_flow_logs(self, name: str, args: NetworkArgs) -> None:
        tagged = self._tagger(name, args)
        self.flow_log: aws.ec2.FlowLog | None = None
        self.flow_log_group: aws.cloudwatch.LogGroup | None = None
        self.flow_logs_key: aws.kms.Key | None = None
        if not args.flow_logs:
            return
        protect = data_protection_enabled(args.data_protection)
        self.flow_logs_key, key_arn = child_kms_key_or_given(
            self,
            f"{name}-{FLOW_LOGS_KEY}",
            args.flow_logs_kms_key_arn,
            purposes=["VPC flow logs"],
            logs=True,
            tags=args.tags,
            protect=protect,
        )
        self.flow_log_group = aws.cloudwatch.LogGroup(
            f"{name}-{FLOW_LOGS}",
            retention_in_days=args.flow_logs_retention_days,
            kms_key_id=key_arn,
            tags=tagged(FLOW_LOGS),
            opts=child_opts(self, **protection_options(LOG_GROUP, protect)),
        )
        account = stack_account_id(self)
        role = aws.iam.Role(
            f"{name}-{FLOW_LOGS_ROLE}",
            assume_role_policy=account.apply(
                lambda account: iam.to_json(
                    iam.assume_role_policy("vpc-flow-logs.amazonaws.com", source_account=account)
                )
            ),
            tags=tagged(FLOW_LOGS_ROLE),
            opts=child_opts(self),
        )
        aws.iam.RolePolicy(
            f"{name}-{FLOW_LOGS_POLICY}",
            role=role.name,
            policy=log_group_arn(self, self.flow_log_group.name).apply(
                lambda arn: iam.to_json(
                    iam.policy_document(
                        [
                            iam.statement(
                                [
                                    "logs:CreateLogStream",
                                    "logs:PutLogEvents",
                                    "logs:DescribeLogStreams",
                                ],
                                [f"{arn}:*"],
                            )
                        ]
                    )
                )
            ),
            opts=child_opts(self),
        )
        self.flow_log = aws.ec2.FlowLog(
            f"{name}-{FLOW_LOGS}",
            vpc_id=self.vpc.id,
            traffic_type=args.flow_logs_traffic_type,
            log_destination_type="cloud-watch-logs",
            log_destination=self.flow_log_group.arn,
            iam_role_arn=role.arn,
            tags=tagged(FLOW_LOGS),
            opts=child_opts(self),
        )

    def _build_endpoints(self, name: str, args: NetworkArgs) -> None:
        tagged = self._tagger(name, args)
        self.vpc_endpoints: list[aws.ec2.VpcEndpoint] = []
        if not args.vpc_endpoints:
            return
        region = stack_region(self)
        sg = aws.ec2.SecurityGroup(
            f"{name}-{ENDPOINTS_SG}",
            vpc_id=self.vpc.id,
            description="HTTPS from the VPC to interface endpoints",
            tags=tagged(ENDPOINTS_SG),
            opts=child_opts(self),
        )
        allow_tcp_ingress(
            self,
            f"{name}-{ENDPOINTS_SG}-https",
            security_group_id=sg.id,
            port=443,
            cidr=args.cidr_block,
            description="HTTPS from inside the VPC",
        )
        self.vpc_endpoints.append(
            aws.ec2.VpcEndpoint(
                f"{name}-vpce-s3",
                vpc_id=self.vpc.id,
                service_name=concat("com.amazonaws.", region, ".s3"),
                vpc_endpoint_type="Gateway",
                route_table_ids=[t.id for t in self.private_route_tables],
                tags=tagged("vpce-s3"),
                opts=child_opts(self),
            )
        )
        for service in INTERFACE_ENDPOINTS:
            role = "vpce-" + service.replace(".", "-")
            self.vpc_endpoints.append(
                aws.ec2.VpcEndpoint(
                    f"{name}-{role}",
                    vpc_id=self.vpc.id,
                    service_name=concat("com.amazonaws.", region, f".{service}"),
                    vpc_endpoint_type="Interface",
                    private_dns_enabled=True,
                    subnet_ids=[s.id for s in self.private_subnets],
                    security_group_ids=[sg.id],
                    tags=tagged(role),
                    opts=child_opts(self),
                )
            )

    @staticmethod
    def existing(
        vpc_id: pulumi.Input[str],
        public_subnet_ids: Sequence[pulumi.Input[str]] | pulumi.Output[list[str]],
        private_subnet_ids: Sequence[pulumi.Input[str]] | pulumi.Output[list[str]],
        *,
        availability_zones: Sequence[str] | None = None,
        has_vpc_endpoints: bool = False,
    ) -> NetworkRef:
        """Wrap an existing VPC so downstream components accept it like a ``Network``.
        Each subnet list is a list of ids (strings or Outputs) or one Output of a list, e.g.
        ``StackReference.get_output("private_subnet_ids")``.

        Example::

            net = Network.existing("vpc-0abc1234", ["subnet-0pub1", "subnet-0pub2"],
                                   ["subnet-0priv1", "subnet-0priv2"])
            # Outputs work too, e.g. StackReference("acme/platform/prod").get_output("vpc_id")
            # and get_output("public_subnet_ids") (an Output[list[str]]); see the README.
        """
        return NetworkRef(
            vpc_id=vpc_id,
            public_subnets=public_subnet_ids,
            private_subnets=private_subnet_ids,
            zones=list(availability_zones or []),
            endpoints=has_vpc_endpoints,
        )


def _check_subnet_lists(public: Any, private: Any) -> None:
    """The checks of ``Network.existing`` on its two subnet lists (plain values)."""
    for label, ids in (("public_subnet_ids", public), ("private_subnet_ids", private)):
        if isinstance(ids, str) or not isinstance(ids, (list, tuple)):
            raise ValidationError(f"Network.existing({label})", ids, "a list of subnet ids")
    if not private:
        raise ValidationError(
            "Network.existing(private_subnet_ids)", list(private), "at least one subnet id"
        )
    check_unique("Network.existing(private_subnet_ids)", private)
    check_unique("Network.existing(public_subnet_ids)", public)
    overlap = [s for s in private if isinstance(s, str) and s in public]
    if overlap:
        raise ValidationError(
            "Network.existing(private_subnet_ids)",
            overlap,
            "subnets that are not also listed as public",
        )


@dataclass
class NetworkRef:
    """An existing VPC, by ids: satisfies the same ``NetworkLike`` contract as
    :class:`Network`. Create it with :meth:`Network.existing`. Its egress was not built
    here, so ``nat_strategy`` is ``"existing"`` and egress checks are skipped.

    The subnet lists may be ``pulumi.Output[list[str]]`` (a StackReference output): then
    ``subnet_lists_known`` is False, the ``*_subnet_id_list`` views are empty (their length
    is unknown at construction), and the list checks run inside ``apply`` (a bad list fails
    the preview with the same ``ValidationError``)."""

    vpc_id: pulumi.Input[str]  # type: ignore[assignment]
    """The VPC's id. Required."""
    public_subnets: Any
    """Public subnet ids (load balancers), or an Output of the list. Required (may be empty)."""
    private_subnets: Any
    """Private subnet ids (tasks, pods), or an Output of the list. Required, at least one."""
    zones: list[str] = field(default_factory=list)
    """The subnets' availability zones, when known. Default: [] (unknown)."""
    endpoints: bool = False
    """Whether the VPC has the ECR/Logs/STS interface endpoints. Default: False."""
    nat_strategy: str = "existing"
    """Always ``"existing"``: its egress was not built here. Default: "existing"."""

    def __post_init__(self) -> None:
        self.subnet_lists_known = is_known(self.public_subnets) and is_known(self.private_subnets)
        if self.subnet_lists_known:
            self.public_subnets, self.private_subnets = (
                v if isinstance(v, str) else list(v)
                for v in (self.public_subnets, self.private_subnets)
            )
            _check_subnet_lists(self.public_subnets, self.private_subnets)
            self._checked: pulumi.Output[list[list[str]]] | None = None
        else:

            def check(values: list[Any]) -> list[list[str]]:
                public, private = (list(v) if isinstance(v, (list, tuple)) else v for v in values)
                _check_subnet_lists(public, private)
                return [public, private]

            self._checked = pulumi.Output.all(
                pulumi.Output.from_input(self.public_subnets),
                pulumi.Output.from_input(self.private_subnets),
            ).apply(check)
        given = self.vpc_id
        self.vpc_identity = plain_vpc_id(
            given, f"Network.existing({given!r})" if isinstance(given, str) else "Network.existing"
        )
        self.vpc_id = pulumi.Output.from_input(self.vpc_id)  # type: ignore[assignment]

    @property
    def public_subnet_ids(self) -> pulumi.Output[list[str]]:
        if self._checked is not None:
            return self._checked.apply(lambda lists: lists[0])
        return pulumi.Output.all(*self.public_subnets)

    @property
    def private_subnet_ids(self) -> pulumi.Output[list[str]]:
        if self._checked is not None:
            return self._checked.apply(lambda lists: lists[1])
        return pulumi.Output.all(*self.private_subnets)

    @property
    def public_subnet_id_list(self) -> list[pulumi.Input[str]]:
        return list(self.public_subnets) if self.subnet_lists_known else []

    @property
    def private_subnet_id_list(self) -> list[pulumi.Input[str]]:
        return list(self.private_subnets) if self.subnet_lists_known else []

    @property
    def has_vpc_endpoints(self) -> bool:
        return self.endpoints

    @property
    def availability_zones(self) -> pulumi.Output[list[str]]:
        return pulumi.Output.from_input(self.zones)
