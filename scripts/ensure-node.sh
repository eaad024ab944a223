#!/usr/bin/env bash
# Sourced by ./run and .ci/run: makes `node` Node 24 (installed under .tools when the machine's is older)
# and installs the project's dependencies when package-lock.json changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  # npm finds its global config (registry, CA file) next to the node that runs it: keep the machine's when
  # npm runs under the Node 24 of .tools.
  globalconfig="$(npm config get globalconfig 2>/dev/null || true)"
  if [ -n "$globalconfig" ] && [ -f "$globalconfig" ] && [ -z "${NPM_CONFIG_GLOBALCONFIG:-}" ]; then
    export NPM_CONFIG_GLOBALCONFIG="$globalconfig"
  fi
  if [ ! -x "$root/.tools/node_modules/.bin/node" ]; then
    echo "run: this machine has Node $(node --version 2>/dev/null || echo none); installing Node 24 into .tools" >&2
    npm install --prefix "$root/.tools" --no-audit --no-fund --loglevel=error >&2
  fi
  export PATH="$root/.tools/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 24 ]; then
  echo "run: Node 24 is required, found $(node --version)" >&2
  exit 1
fi
stamp="$root/node_modules/.install-stamp"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ] || [ "$root/package.json" -nt "$stamp" ]; then
  echo "run: installing dependencies (npm ci)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
  touch "$stamp"
fi
