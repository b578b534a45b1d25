#!/usr/bin/env bash
# make package-check: the library as a user gets it, tested from outside the repository.
#  1. build the wheel and sdist (python -m build) with no warning from our own metadata;
#     twine check --strict; tools/check_dist.py (package data, LICENSE, SPDX, entry points);
#  2. a fresh venv in a temporary folder: install the wheel (no warning), then each example's
#     requirements.txt with --find-links dist (they must resolve from the wheel);
#  3. copy every example elsewhere (as `pulumi new` does) and run `fargate-components plan` there;
#  4. the test kit's smoke test: the README's own project ("Use it in your own project") written
#     out, its tests run with the installed plugin; the policy pack written out and loadable.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=$REPO/.venv/bin/python
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fargate-package-check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'package-check: %s\n' "$*" >&2; exit 1; }
# Lines of pip/build output that are warnings about our package (not pip's own notices about
# the machine's index configuration, which are not ours to fix).
our_warnings() { grep -iE 'warning|deprecat' "$1" | grep -viE "^WARNING: Location '.*' is ignored" || true; }

step "build (wheel + sdist)"
rm -rf dist build
# (PYTHONDONTWRITEBYTECODE, if set, makes setuptools warn that it skips byte-compiling:
# the machine's setting, not our metadata, so the build runs without it.)
env -u PYTHONDONTWRITEBYTECODE "$PY" -m build --outdir dist . >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "build failed"; }
tail -1 "$WORK/build.log"
warnings=$(our_warnings "$WORK/build.log")
[ -z "$warnings" ] || { printf '%s\n' "$warnings"; fail "the build printed warnings (above)"; }
"$PY" -m twine check --strict dist/*
"$PY" -m tools.check_dist dist

step "install the wheel into a fresh venv outside the repository ($WORK)"
python3 -m venv "$WORK/venv"
VBIN=$WORK/venv/bin
cd "$WORK"
"$VBIN/python" -m pip install --find-links "$REPO/dist" "fargate-components[simulate]" pytest pulumi-policy \
    >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "installing the wheel failed"; }
warnings=$(our_warnings "$WORK/install.log")
[ -z "$warnings" ] || { printf '%s\n' "$warnings"; fail "pip printed warnings (above)"; }
where=$("$VBIN/python" -c 'import fargate_components as f; print(f.__file__)')
case "$where" in "$WORK"/venv/*) echo "fargate_components from $where" ;; *) fail "imported from $where, not the venv" ;; esac

step "each example's requirements.txt resolves from the wheel"
for req in "$REPO"/examples/*/requirements.txt; do
    "$VBIN/python" -m pip install --quiet --find-links "$REPO/dist" -r "$req" \
        || fail "$req does not resolve with --find-links dist"
    echo "resolves: ${req#"$REPO"/}"
done

step "every example, copied elsewhere, plans with the installed command"
for project in "$REPO"/examples/*/Pulumi.yaml; do
    name=$(basename "$(dirname "$project")")
    cp -r "$(dirname "$project")" "$WORK/starters-$name"
    (cd "$WORK/starters-$name" && "$VBIN/fargate-components" plan . >plan.txt 2>&1) \
        || { cat "$WORK/starters-$name/plan.txt"; fail "examples/$name does not plan from a copy"; }
    echo "plans: examples/$name"
done

step "test kit smoke test: the README's project and its tests, with the installed plugin"
(cd "$REPO" && "$PY" -m tools.doc_examples --write-project README.md "$WORK/shop")
(cd "$WORK/shop" && "$VBIN/python" -m pytest -q -p no:cacheprovider tests) \
    || fail "the README project's tests fail against the installed wheel"
"$VBIN/python" -m fargate_components.policy_pack "$WORK/policy" >/dev/null
grep -q "fargate-components==" "$WORK/policy/requirements.txt" || fail "the policy pack pins no version"
"$VBIN/python" - "$WORK/policy" <<'EOF'
import runpy, sys

import pulumi_policy

captured = {}
pulumi_policy.PolicyPack = lambda **kwargs: captured.update(kwargs)  # no server, just build it
runpy.run_path(f"{sys.argv[1]}/__main__.py", run_name="__main__")
assert captured.get("policies"), "the written pack builds no policies"
print(f"policy pack: {len(captured['policies'])} policies, written with requirements.txt")
EOF
(cd "$WORK" && env -u FARGATE_POLICY_WAIVERS "$VBIN/python" -c '
from importlib import resources
from fargate_components.policy.crossguard import default_waivers
shipped = resources.files("fargate_components.policy") / "waivers.yaml"
assert "/venv/" in str(shipped), shipped
assert default_waivers().entries == [], "the shipped default waiver file waives something"
print(f"default waivers: {shipped} (installed package data)")
') || fail "the installed package cannot read its default waiver file"
echo "package-check: OK"
