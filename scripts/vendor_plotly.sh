#!/usr/bin/env bash
# Refresh textmine/report/vendor/plotly-basic.min.js from the npm registry (needs npm).
set -euo pipefail
VERSION="${1:?usage: scripts/vendor_plotly.sh VERSION (e.g. 4.1.1)}"
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-basic-dist-min@${VERSION}" >/dev/null && tar xzf ./*.tgz)
cp "$work/package/plotly-basic.min.js" textmine/report/vendor/plotly-basic.min.js
cp "$work/package/LICENSE" textmine/report/vendor/plotly.LICENSE
sha256sum textmine/report/vendor/plotly-basic.min.js
echo "update the version and sha256 in textmine/report/vendor/README.md"
