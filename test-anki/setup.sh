#!/usr/bin/env bash
# Installs the real Anki that the reference suite (npm run test:anki) compares the server with:
# the pinned `anki` wheel from PyPI and its dependencies, hashes checked, in the project-local
# virtual environment .anki-venv (never committed). Test-only: the server itself needs Node.js
# alone. Running it again is a no-op while requirements.txt is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.anki-venv
requirements=test-anki/requirements.txt
python=${PYTHON:-python3}
stamp="$venv/requirements.sha256"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)

if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
  echo "anki:setup: $venv is up to date ($("$venv/bin/python" -c 'import anki.buildinfo as b; print("Anki", b.version)'))"
  exit 0
fi

rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$requirements"
# Fails here, not in the suite, if the wheel cannot load its Rust backend on this machine.
"$venv/bin/python" -c 'from anki.collection import Collection; import anki.buildinfo as b; print("anki:setup: installed Anki", b.version)'
echo "$wanted" > "$stamp"
