#!/bin/sh
# Creates or updates every connector in /connectors/*.json on the Connect worker (PUT is idempotent), then waits until
# each reports RUNNING. Secrets stay ${env:...} references, resolved by the worker from its environment.
set -eu
CONNECT="${CONNECT_URL:-http://connect:8083}"
enabled=""
for file in /connectors/*.json; do
  name=$(basename "$file" .json)
  # A connector whose secrets are not set (e.g. no HubSpot account) is skipped, not started to fail.
  for var in $(grep -o '\${env:[A-Z0-9_]*}' "$file" | sed 's/^..env://; s/}$//'); do
    if [ -z "$(printenv "$var" || true)" ]; then
      echo "connector $name skipped: $var is not set"
      continue 2
    fi
  done
  echo "connector $name"
  enabled="$enabled $file"
  curl -fsS -X PUT -H 'Content-Type: application/json' --data @"$file" "$CONNECT/connectors/$name/config" >/dev/null
done
for file in $enabled; do
  name=$(basename "$file" .json)
  for _ in $(seq 1 60); do
    if curl -fsS "$CONNECT/connectors/$name/status" | grep -q '"state":"RUNNING"'; then
      echo "connector $name RUNNING"
      continue 2
    fi
    sleep 2
  done
  echo "connector $name did not reach RUNNING" >&2
  curl -fsS "$CONNECT/connectors/$name/status" >&2 || true
  exit 1
done
