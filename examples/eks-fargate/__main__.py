"""EKS on Fargate: network, cluster, profiles, the AWS Load Balancer Controller, and a web
app laid out as the EKS workshop's 2048 game (Deployment + Service + Ingress with an ALB in
IP mode), hardened: non-root, read-only root filesystem, no capabilities, probes, a pinned
image, no service-account token.

The workshop's image (public.ecr.aws/l6m2t8p7/docker-2048) only publishes ``:latest`` and runs
nginx as root on port 80, which a non-root, capability-free container can't do (Fargate pods
may only drop capabilities: EKS best practices, "Pod Security"). So the app serves NGINX's
unprivileged image (uid 101, port 8080) by default; set ``gameImage`` to your own pinned,
non-root build of the game."""

import pulumi
import pulumi_kubernetes as k8s

from fargate_components.eks import (
    EksFargateCluster,
    EksFargateClusterArgs,
    FargateProfileSpec,
    LoadBalancerController,
    ProfileSelector,
)
from fargate_components.network import Network, NetworkArgs
from fargate_components.tags import waiver_tag

config = pulumi.Config()
CLUSTER = f"{pulumi.get_project()}-{pulumi.get_stack()}"
GAME_NS = "game-2048"
tags = {"project": pulumi.get_project(), "stack": pulumi.get_stack()}
# Accepted on purpose: what `fargate-components plan --scan checkov` reports here, each as a
# waiver with its reason (listed as waived in the plan; README, "Checkov").
CLUSTER_WAIVERS = {
    **waiver_tag("CKV_AWS_39", "the public endpoint admits only publicAccessCidrs of the stack"),
    **waiver_tag("CKV_AWS_290", "the AWS Load Balancer Controller policy as AWS publishes it"),
    **waiver_tag("CKV_AWS_338", "pod application logs kept 30 days: set the retention you need"),
}

network = Network(
    "net",
    NetworkArgs(
        az_count=2,
        nat_gateways=config.get("natGateways") or "single",  # single NAT: fine for dev
        eks_cluster_names=[CLUSTER],  # subnet tags the load balancer controller looks for
        tags=tags,
    ),
)

cluster = EksFargateCluster(
    "eks",
    EksFargateClusterArgs(
        network=network,
        cluster_name=CLUSTER,
        version=config.get("kubernetesVersion") or "1.35",
        public_access_cidrs=config.get_object("publicAccessCidrs") or None,
        # kube-system gets its profile by default (CoreDNS, the controller)
        profiles=[
            FargateProfileSpec(name="default", selectors=["default", GAME_NS]),
            FargateProfileSpec(
                name="apps",
                selectors=[ProfileSelector("apps", {"run": "on-fargate"})],
                # the plan warns about a profile nothing in this program runs on (FC-EKS-005)
                tags=waiver_tag("FC-EKS-005", "the apps namespace is deployed by app pipelines"),
            ),
        ],
        load_balancer_controller=LoadBalancerController(chart_version="1.14.0"),
        tags={**tags, **CLUSTER_WAIVERS},
    ),
)

# --- the 2048 game -------------------------------------------------------------------
k8s_opts = pulumi.ResourceOptions(
    provider=cluster.provider,
    depends_on=[cluster.load_balancer_controller_release]
    if cluster.load_balancer_controller_release
    else [],
)
namespace = k8s.core.v1.Namespace("game-2048", metadata={"name": GAME_NS}, opts=k8s_opts)
labels = {"app.kubernetes.io/name": "app-2048"}
# pinned by tag (never :latest); pin by digest too in production (image@sha256:...)
image = config.get("gameImage") or "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine"
PORT = 8080  # the unprivileged image listens on 8080 (no root needed to bind it)
probe = {"httpGet": {"path": "/", "port": PORT}, "periodSeconds": 10, "timeoutSeconds": 2}
deployment = k8s.apps.v1.Deployment(
    "deployment-2048",
    metadata={
        "name": "deployment-2048",
        "namespace": namespace.metadata.name,
        # Checkov's own waivers for Kubernetes objects, each with its reason (CKV_K8S_43's
        # also waives FC-K8S-008, our rule that judges the same: README, "Policy rules")
        "annotations": {
            "checkov.io/skip1": "CKV2_K8S_6=NetworkPolicy is not enforced on Fargate pods "
            "(EKS user guide: policies apply to EC2 Linux nodes only)",
            "checkov.io/skip2": "CKV_K8S_40=the image runs as its own non-root uid 101",
            "checkov.io/skip3": "CKV_K8S_43=pin image@sha256:<digest> of the build you deploy "
            "(gameImage); the digest is not knowable offline",
        },
    },
    spec={
        "replicas": 2,
        "selector": {"matchLabels": labels},
        "template": {
            "metadata": {"labels": labels},
            "spec": {
                # the app calls no Kubernetes API: no token mounted in its pods
                "automountServiceAccountToken": False,
                "securityContext": {
                    "runAsNonRoot": True,
                    "runAsUser": 101,
                    "runAsGroup": 101,
                    "fsGroup": 101,
                    "seccompProfile": {"type": "RuntimeDefault"},
                },
                "containers": [
                    {
                        "name": "app-2048",
                        "image": image,
                        # Fargate keeps no image cache: every pod pulls anyway
                        "imagePullPolicy": "Always",
                        "ports": [{"containerPort": PORT}],
                        # Fargate bills requests + 256 MiB, rounded up: 0.25 vCPU / 1 GB here
                        "resources": {
                            "requests": {"cpu": "250m", "memory": "512Mi"},
                            "limits": {"cpu": "250m", "memory": "512Mi"},
                        },
                        "securityContext": {
                            "allowPrivilegeEscalation": False,
                            "readOnlyRootFilesystem": True,
                            "capabilities": {"drop": ["ALL"]},
                        },
                        "readinessProbe": probe,
                        "livenessProbe": {**probe, "initialDelaySeconds": 10},
                        # nginx writes its pid and temp files under /tmp: the one writable path
                        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
                    }
                ],
                "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}],
            },
        },
    },
    opts=k8s_opts,
)
service = k8s.core.v1.Service(
    "service-2048",
    metadata={"name": "service-2048", "namespace": namespace.metadata.name},
    spec={
        # ClusterIP: Fargate pods have no node ports; the ALB reaches the pods by IP
        "type": "ClusterIP",
        "selector": labels,
        "ports": [{"port": 80, "targetPort": PORT, "protocol": "TCP"}],
    },
    opts=k8s_opts,
)
ingress = k8s.networking.v1.Ingress(
    "ingress-2048",
    metadata={
        "name": "ingress-2048",
        "namespace": namespace.metadata.name,
        "annotations": {
            "alb.ingress.kubernetes.io/scheme": "internet-facing",
            "alb.ingress.kubernetes.io/target-type": "ip",  # Fargate pods have no node port
        },
    },
    spec={
        "ingressClassName": "alb",
        "rules": [
            {
                "http": {
                    "paths": [
                        {
                            "path": "/",
                            "pathType": "Prefix",
                            "backend": {
                                "service": {"name": service.metadata.name, "port": {"number": 80}}
                            },
                        }
                    ]
                }
            }
        ],
    },
    opts=k8s_opts,
)

pulumi.export("cluster_name", cluster.cluster_name)
pulumi.export("endpoint", cluster.endpoint)
pulumi.export("oidc_provider_arn", cluster.oidc_provider_arn)
pulumi.export("pod_execution_role_arn", cluster.pod_execution_role_arn)
pulumi.export("profile_names", cluster.profile_names)
pulumi.export("kubeconfig", cluster.kubeconfig)
pulumi.export(
    "game_url",
    ingress.status.apply(
        lambda s: (
            f"http://{s['load_balancer']['ingress'][0]['hostname']}"
            if s and s.get("load_balancer") and s["load_balancer"].get("ingress")
            else None
        )
    ),
)
