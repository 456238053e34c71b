#!/usr/bin/env bash
# Readers' list of one article (50 approved comments): requests per second and latency with the
# in-memory page cache, without it, and for revalidations (If-None-Match → 304).
#
#   src/bench/read-cache.sh [seconds per step, default 15]
#
# Needs: PostgreSQL on 127.0.0.1:5432 (user postgres), wrk (installed from Debian if missing).
# Creates and drops the database commentdesk_bench. Builds the jar unless SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
port=18080
db=commentdesk_bench
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q package -DskipTests

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" postgres
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_USERNAME=postgres
export COMMENTS_EMAIL_KEY=$(openssl rand -base64 32) COMMENTS_EMAIL_HASH_KEY=$(openssl rand -base64 32)
export QUARKUS_HTTP_PORT=$port QUARKUS_DATASOURCE_JDBC_MAX_SIZE=8

pid=
start() { # extra -D options
  java "$@" -jar target/quarkus-app/quarkus-run.jar > target/bench-read.log 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs "http://localhost:$port/q/health/ready" >/dev/null && return; sleep 0.5; done
  echo "service did not start" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
trap 'kill $pid 2>/dev/null || true' EXIT

start
url="http://localhost:$port/api/v1/articles/bench-article/comments"
for i in $(seq 1 50); do
  curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"authorName\":\"Reader $i\",\"authorEmail\":\"reader$i@example.com\",\"content\":\"$(head -c 450 /dev/zero | tr '\0' 'x') see https://example.com/$i\"}" "$url"
done
psql -h 127.0.0.1 -U postgres -qc "UPDATE comment SET status = 'APPROVED'" \
  -c "INSERT INTO article_revision VALUES ('bench-article', 1)" $db
curl -fs "$url" -o /dev/null -D target/bench-headers.txt
etag=$(grep -i '^etag:' target/bench-headers.txt | cut -d' ' -f2 | tr -d '\r')

run() { # label, wrk args...
  local label=$1; shift
  curl -fs -o /dev/null "$url"; wrk -t2 -c64 -d3s "$@" "$url" >/dev/null # warm-up
  wrk -t2 -c64 -d"${seconds}s" --latency "$@" "$url" > target/bench-wrk.txt
  printf '%-28s %10s req/s   p50 %8s   p99 %8s\n' "$label" \
    "$(awk '/Requests\/sec/ {print $2}' target/bench-wrk.txt)" \
    "$(awk '$1=="50%" {print $2}' target/bench-wrk.txt)" "$(awk '$1=="99%" {print $2}' target/bench-wrk.txt)"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
run "list, page cache on"
run "revalidate (304)" -H "If-None-Match: $etag"
stop
start -Dquarkus.cache.caffeine.\"reader-pages\".maximum-size=0
run "list, page cache off"
stop
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" postgres
