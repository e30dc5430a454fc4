#!/usr/bin/env bash
# Builds FerretDB (the MongoDB wire-protocol stand-in the Mongo read-store contract runs
# against) into <repo>/.tools/bin/ferretdb. On a developer's machine, without Go or when
# the build fails, it exits 0 and the MongoDB suites report their tests as skipped.
# With CI=true it exits 1 instead: a green CI must mean the production read store was tested.
set -uo pipefail

VERSION=v1.24.2
MODULE=github.com/FerretDB/FerretDB
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="$REPO_ROOT/.tools/bin"
BIN="$BIN_DIR/ferretdb"

if [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; then
  echo "ferretdb: $BIN already built"
  exit 0
fi

skip() {
  if [ "${CI:-}" = true ]; then
    echo "ferretdb: FAILED, $1; CI=true requires FerretDB (the MongoDB suites would not run)" >&2
    exit 1
  fi
  echo "ferretdb: skipped, $1 (the MongoDB suites will report their tests as skipped)"
  exit 0
}

command -v go >/dev/null 2>&1 || skip "'go' is not installed"

# `go install $MODULE/cmd/ferretdb@$VERSION` builds a binary that panics at start: the
# module ships without the generated build/version/version.txt it requires when it is the
# main module. So build from a copy of the module source with that file written.
src_dir="$(go mod download -json "$MODULE@$VERSION" 2>/dev/null | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -n "$src_dir" ] && [ -d "$src_dir" ] || skip "could not download $MODULE@$VERSION"

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src_dir/." "$work/" && chmod -R u+w "$work" || skip "could not copy the module source"
echo "$VERSION" >"$work/build/version/version.txt"

mkdir -p "$BIN_DIR"
echo "ferretdb: building $MODULE@$VERSION into $BIN"
(cd "$work" && GOTOOLCHAIN="${GOTOOLCHAIN:-local}" go build -buildvcs=false -o "$BIN" ./cmd/ferretdb) || skip "the build failed"
"$BIN" --version >/dev/null 2>&1 || { rm -f "$BIN"; skip "the built binary does not start"; }
echo "ferretdb: built $("$BIN" --version 2>/dev/null | head -n 1)"
