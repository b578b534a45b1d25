"""fargate-components."""
