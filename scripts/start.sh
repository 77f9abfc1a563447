#!/usr/bin/env bash
# `npm start`: the embedded local default. Provisions Node and dependencies, then runs the folder
# controller on manifests/examples/dev.yaml against a local moto unless AWS is configured.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh node apt python deps
exec node src/local/start.ts "$@"
