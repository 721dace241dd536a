#!/usr/bin/env bash
# npm run test:docker: builds the image from the Dockerfile and checks it as a user would run it:
# as the user `node`, configured by environment variables, the collection in the /data volume,
# answering `version` and keeping deck names unique under the unicase collation, and stopping
# cleanly on `docker stop`. Needs a running Docker engine; not part of CI (whose machines have the
# Docker client only).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker info >/dev/null 2>&1; then
  echo "test:docker: no Docker engine answers here (docker info fails); this test needs one" >&2
  exit 1
fi

tag=anki-connect-server:test-$$
name=acs-test-$$
volume=acs-test-data-$$
key=test-key-$$
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker volume rm "$volume" >/dev/null 2>&1 || true
  docker image rm "$tag" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker build -t "$tag" .

# Without an API key the image refuses to listen beyond loopback.
if docker run --rm "$tag" >/tmp/$name.out 2>&1; then
  echo "test:docker: FAIL: the image started without an API key" >&2
  exit 1
fi
grep -q 'refusing to listen on 0.0.0.0 without an API key' /tmp/$name.out
rm -f /tmp/$name.out

docker run -d --name "$name" -p 127.0.0.1::8765 -v "$volume:/data" -e ANKICONNECT_API_KEY="$key" "$tag" >/dev/null
port=$(docker port "$name" 8765/tcp | head -1 | sed 's/.*://')

# Calls the API from this machine; prints the reply's result, fails on an error.
call() {
  node -e '
    const [port, key, action, params] = process.argv.slice(1);
    fetch(`http://127.0.0.1:${port}`, { method: "POST", body: JSON.stringify({ action, version: 6, key, params: JSON.parse(params) }) })
      .then((r) => r.json())
      .then((reply) => { if (reply.error !== null) throw new Error(reply.error); console.log(JSON.stringify(reply.result)); })
      .catch((err) => { console.error(String(err)); process.exit(1); });
  ' "$port" "$key" "$1" "${2:-{\}}"
}

for _ in $(seq 60); do
  if call version >/dev/null 2>&1; then break; fi
  sleep 1
done
[ "$(call version)" = 6 ] || { docker logs "$name"; exit 1; }
id=$(call createDeck '{"deck": "Straße"}')
[ "$(call createDeck '{"deck": "STRASSE"}')" = "$id" ]
[ "$(call deckNames)" = '["Default","Straße"]' ]
[ "$(docker exec "$name" id -un)" = node ]
docker exec "$name" test -f "/data/User 1/collection.anki2"

docker stop "$name" >/dev/null
[ "$(docker inspect -f '{{.State.ExitCode}}' "$name")" = 0 ] || { docker logs "$name"; exit 1; }
echo "test:docker: 1 passed, 0 failed"
