"""A Fargate-ready VPC: the network every other example stands on."""

import pulumi

from fargate_components import Network, NetworkArgs

config = pulumi.Config()

network = Network(
    "net",
    NetworkArgs(
        az_count=config.get_int("azCount") or 3,
        nat_gateways=config.get("natGateways") or "one_per_az",
        tags={"project": pulumi.get_project(), "stack": pulumi.get_stack()},
    ),
)

pulumi.export("vpc_id", network.vpc_id)
pulumi.export("public_subnet_ids", network.public_subnet_ids)
pulumi.export("private_subnet_ids", network.private_subnet_ids)
pulumi.export("nat_gateway_ids", network.nat_gateway_ids)
pulumi.export("availability_zones", network.availability_zones)
