#!/usr/bin/env bash
# Load test (loopback only, bounded in time): 50 concurrent readers browse every public page for
# 60 s against gunicorn while an ingest of 300 documents writes to the same SQLite database.
# Usage: scripts/load.sh [seconds] [connections]      (needs `wrk`: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-60}
CONNECTIONS=${2:-50}
PORT=${LOAD_PORT:-8765}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; rm -rf "$WORK"' EXIT

export DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_SECRET_KEY="load-test-only-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export DATABASE_URL="sqlite:///$WORK/load.sqlite3"
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }

$PY manage.py migrate --noinput -v0
$PY manage.py seed_lexicon >/dev/null
$PY manage.py ingest coverage/samples/ >/dev/null
$PY manage.py collectstatic --noinput -v0
# Documents for the concurrent ingest: the sample with a unique line each, so each is new.
mkdir -p "$WORK/docs"
for n in $(seq 1 300); do
  { cat coverage/samples/*.txt; echo; echo "Load-test edition $n."; } > "$WORK/docs/edition-$n.txt"
done

.venv/bin/gunicorn summit.wsgi --bind "127.0.0.1:$PORT" --workers 2 --threads 4 \
  --log-level warning >"$WORK/gunicorn.log" 2>&1 &
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

$PY manage.py ingest "$WORK/docs" >"$WORK/ingest.log" 2>&1 &
INGEST=$!
echo "== ${CONNECTIONS} clients for ${SECONDS_TO_RUN}s on 127.0.0.1:$PORT while ingesting 300 documents =="
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --timeout 10s -s scripts/load.lua \
  "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
wait $INGEST && echo "ingest finished: $(grep -c 'added document' "$WORK/ingest.log") documents added"
grep -q '"non_2xx": 0, "socket_errors": 0' "$WORK/wrk.txt" || { echo "ERRORS during load"; tail -20 "$WORK/gunicorn.log"; exit 1; }
