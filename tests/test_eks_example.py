"""examples/eks-fargate plans under mocks."""

from __future__ import annotations

import runpy
from pathlib import Path

from fargate_components.plan import render_tree
from fargate_components.plan.markdown import render_markdown
from fargate_components.plan.review import build_review
from fargate_components.testing import run_in_mocks

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "eks-fargate" / "__main__.py"


def test_example_plans() -> None:
    plan = run_in_mocks(
        lambda: runpy.run_path(str(EXAMPLE)),
        project="fargate-eks",
        config={"publicAccessCidrs": ["198.51.100.7/32"], "natGateways": "single"},
    )
    private = sorted(
        s.id
        for s in plan.of_type("aws:ec2/subnet:Subnet")
        if s.inputs["tags"].get("kubernetes.io/role/internal-elb") == "1"
    )
    profiles = plan.of_type("aws:eks/fargateProfile:FargateProfile")
    assert [p.inputs["fargateProfileName"] for p in profiles] == ["kube-system", "default", "apps"]
    assert all(sorted(p.inputs["subnetIds"]) == private for p in profiles)
    annotations = plan.named("ingress-2048").inputs["metadata"]["annotations"]
    assert annotations["alb.ingress.kubernetes.io/target-type"] == "ip"
    assert plan.named("eks-lb-controller").urn in plan.named("deployment-2048").depends_on
    assert len(plan.of_type("aws:ec2/natGateway:NatGateway")) == 1
    assert plan.outputs["kubeconfig"].secret
    assert not [d for d in plan.diagnostics if "0.0.0.0/0" in d.message]

    # every workload shows its profile and billed Fargate size in the tree and the comment
    review = build_review(plan)
    tree = render_tree(plan, "eks", review.tree_info())
    row = next(line for line in tree.splitlines() if " deployment-2048 " in line)
    assert row.endswith("create  profile default, 2 x 0.25 vCPU / 1 GB")
    assert "eks-addon-coredns" in tree and "profile kube-system, 2 x 0.25 vCPU / 0.5 GB" in tree
    assert "profile default, 2 x 0.25 vCPU / 1 GB" in render_markdown(plan, "eks", review)
    workloads = review.json_sections()["eks_workloads"]
    assert [w["name"] for w in workloads] == [
        "coredns",
        "aws-load-balancer-controller",
        "deployment-2048",
    ]
