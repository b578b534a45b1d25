"""A kubeconfig for an EKS cluster using ``aws eks get-token`` (pure)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["kubeconfig", "kubeconfig_json"]


def kubeconfig(
    cluster_name: str,
    endpoint: str,
    certificate_authority: str,
    region: str,
    *,
    profile: str | None = None,
    role_arn: str | None = None,
) -> dict[str, Any]:
    """A kubeconfig whose user authenticates with ``aws eks get-token`` (AWS CLI v2), so it
    holds no long-lived credential. ``profile`` sets ``AWS_PROFILE``; ``role_arn`` adds
    ``--role-arn``."""
    args = ["eks", "get-token", "--cluster-name", cluster_name, "--region", region]
    if role_arn:
        args += ["--role-arn", role_arn]
    user_exec: dict[str, Any] = {
        "apiVersion": "client.authentication.k8s.io/v1beta1",
        "command": "aws",
        "args": args,
        "interactiveMode": "Never",
    }
    if profile:
        user_exec["env"] = [{"name": "AWS_PROFILE", "value": profile}]
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {
                "name": cluster_name,
                "cluster": {
                    "server": endpoint,
                    "certificate-authority-data": certificate_authority,
                },
            }
        ],
        "contexts": [
            {"name": cluster_name, "context": {"cluster": cluster_name, "user": cluster_name}}
        ],
        "current-context": cluster_name,
        "users": [{"name": cluster_name, "user": {"exec": user_exec}}],
    }


def kubeconfig_json(*args: Any, **kwargs: Any) -> str:
    """:func:`kubeconfig` as JSON (sorted keys: stable bytes, no spurious provider diffs)."""
    return json.dumps(kubeconfig(*args, **kwargs), sort_keys=True, separators=(",", ":"))
