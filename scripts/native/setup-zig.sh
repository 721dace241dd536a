#!/usr/bin/env bash
# Installs Zig, whose `zig cc` cross-compiles the prebuilt native binaries (npm run prebuilds):
# the pinned `ziglang` wheel from PyPI, hashes checked, in the project-local virtual environment
# .zig-venv (never committed). Build-time only. Running it again is a no-op while
# requirements.txt is unchanged.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.zig-venv
requirements=scripts/native/requirements.txt
python=${PYTHON:-python3}
stamp="$venv/requirements.sha256"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)

if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
  exit 0
fi

rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$requirements"
echo "prebuilds: installed Zig $("$venv/bin/python" -m ziglang version) into $venv"
echo "$wanted" > "$stamp"
