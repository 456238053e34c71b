#!/usr/bin/env bash
# Comment Desk against the limits of this machine. Builds the packaged jar, starts it on a fresh
# PostgreSQL database, seeds it, loads it with wrk, and prints one table: each figure beside the
# ceiling it is compared with, both measured in this run on this machine.
#
#   src/bench/run.sh            every step 15 s after a warm-up of 20-85 s (about 14 minutes)
#   src/bench/run.sh --quick    every step 2 s after a 2 s warm-up: proves the script works (CI)
#
# Ceilings:  D = pgbench, one INSERT of a comment-shaped row per transaction, same client count
#            H = nginx serving the readers' list JSON as a static file, same wrk settings
#            S = 1 / (1/H + 1/D), a request needing both if the service itself cost nothing
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); installs wrk, pgbench and nginx from
# Debian's packages when missing. Settings (environment): BENCH_SECONDS, BENCH_DB
# (commentdesk_bench, dropped and created), BENCH_QUEUE_BIG (1000000), BENCH_JAVA_OPTS (default: the
# image's, from docker/Dockerfile.jvm),
# SKIP_BUILD=1 (reuse target/quarkus-app), BENCH_KEEP_DB=1. Exits non-zero when a step gets an
# answer it should not (a 4xx/5xx, a lost comment); it never fails on speed.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${BENCH_SECONDS:-15}
# A warm-up lasts at least $warm s, then goes on in 5 s slices for as long as the JIT compilers
# still use more than 5% of a core, up to $warm_max s: a step is measured on compiled code, not while
# C2 takes a core from it (on 2 cores, submit's paths keep C2 busy for about a minute).
warm=20
warm_max=85
queue_big=${BENCH_QUEUE_BIG:-1000000}
if [ "${1:-}" = --quick ]; then
  seconds=2
  warm=2
  warm_max=2
fi
queue_small=10000
db=${BENCH_DB:-commentdesk_bench}
port=18080
static_port=18081
work=target/bench
base="http://127.0.0.1:$port"
psql_db() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@" "$db"; }

# ─── Tools ───────────────────────────────────────────────────────────────────────────────────
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v pgbench >/dev/null || missing+=(postgresql-contrib)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Installing nginx must not start Debian's own nginx on port 80.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
  rm -f /usr/sbin/policy-rc.d
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

rm -rf "$work" && mkdir -p "$work/www"
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -B -q package -DskipTests

# ─── The service ─────────────────────────────────────────────────────────────────────────────
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" postgres
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_USERNAME=postgres
COMMENTS_EMAIL_KEY=${COMMENTS_EMAIL_KEY:-$(openssl rand -base64 32)} COMMENTS_EMAIL_HASH_KEY=${COMMENTS_EMAIL_HASH_KEY:-$(openssl rand -base64 32)}
export COMMENTS_EMAIL_KEY COMMENTS_EMAIL_HASH_KEY QUARKUS_HTTP_PORT=$port
# wrk plays the trusted proxy in front of the service: each simulated reader has its own address.
export QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true
export QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1
# Moderators' tokens from src/dev/token.sh: the bench trusts the public throw-away dev key.
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=dev-jwt/publicKey.pem MP_JWT_VERIFY_ISSUER=https://comment-desk.dev/embedded

# The JVM options of the container image (docker/Dockerfile.jvm), so the figures are the product's,
# and its class-data archive, written the way the image writes it (its RUN write-app-cds.sh line).
java_opts=${BENCH_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS_APPEND="\(.*\)"$/\1/p' docker/Dockerfile.jvm)}
java_opts=${java_opts//\/deployments\//target\/quarkus-app\/}
archive_opts=$(sed -n 's/^RUN bash \/deployments\/write-app-cds.sh \/deployments\(.*\)$/\1/p' docker/Dockerfile.jvm)
[ -n "$archive_opts" ] || { echo "docker/Dockerfile.jvm has no RUN bash /deployments/write-app-cds.sh line" >&2; exit 1; }
# shellcheck disable=SC2086
timeout 180 docker/write-app-cds.sh target/quarkus-app $archive_opts > "$work/app-cds.log" 2>&1 ||
  { echo "writing the class-data archive failed; see $work/app-cds.log" >&2; exit 1; }
export MALLOC_ARENA_MAX=2

pid=
nginx_started=0
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ "$nginx_started" = 1 ] && "$nginx_bin" -p "$PWD/$work" -c nginx.conf -e error.log -s stop 2>/dev/null || true
}
trap cleanup EXIT

ready_after=
start_service() { # sets ready_after: seconds from launch to the first 200 on /q/health/ready
  local t0 t1
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java $java_opts -jar target/quarkus-app/quarkus-run.jar >> "$work/service.log" 2>&1 &
  pid=$!
  until curl -fso /dev/null "$base/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "the service died; see $work/service.log" >&2; exit 1; }
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 120 ] || { echo "the service did not get ready" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  ready_after=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", ns / 1e9 }')
}
stop_service() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

echo "starting on a fresh database (Flyway creates the schema)..."
start_service
startup_fresh=$ready_after
stop_service
# One start on a shared 2-core machine varies by half a second: the median of three.
starts=()
for attempt in 1 2 3; do
  start_service
  starts+=("$ready_after")
  [ "$attempt" = 3 ] || stop_service
done
startup=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)
token=$(src/dev/token.sh moderator bench)

# ─── Measuring ───────────────────────────────────────────────────────────────────────────────
to_ms() { # wrk's 850.00us / 12.34ms / 1.02s → milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
rps= p99=
jit_seconds() { # CPU seconds the service's JIT compiler threads have used so far
  local task ticks=0
  for task in /proc/"$pid"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in
      C1\ CompilerThre* | C2\ CompilerThre*)
        # utime and stime: fields 14 and 15 of stat, 12 and 13 after the "(name) " that may hold spaces.
        ticks=$((ticks + $(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }'))) ;;
    esac
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}
# wrk_step <name> <expected statuses, e.g. "200 304"> <wrk args...>: warm-up, then the measured run.
# With drain=1 the script stops sending at a whole-second cutoff and wrk runs on until every answer
# is in (see submit.lua), so the rate is answers over the sending window, and none is cut off.
# Each warm-up slice and the measured run have their own BENCH_PHASE (submit: their own readers).
drain=0
warmed=() # "name seconds" of every step's warm-up, for the table's footnote
wrk_step() {
  local name=$1 expected=$2 slice=1 phase=2 jit
  shift 2
  BENCH_PHASE=0 wrk_timed "$name.warm" "$((warm > 5 ? warm - 5 : warm))" "$@"
  # A warm-up may see no answer at all (a cold JVM, one second in --quick); a wrong answer still fails it.
  check_statuses "$name warm-up" "$expected" "$work/$name.warm.txt" warm-up
  local warmed_for=$((warm > 5 ? warm - 5 : warm))
  while [ "$warm" -gt 5 ] && [ "$warmed_for" -lt "$warm_max" ]; do
    jit=$(jit_seconds)
    BENCH_PHASE=$phase wrk_timed "$name.warm$slice" 5 "$@"
    check_statuses "$name warm-up" "$expected" "$work/$name.warm$slice.txt" warm-up
    warmed_for=$((warmed_for + 5)) slice=$((slice + 1)) phase=$((phase + 1))
    awk -v a="$jit" -v b="$(jit_seconds)" 'BEGIN { exit !(b - a < 0.25) }' && break
  done
  warmed+=("$name $warmed_for")
  BENCH_PHASE=1 wrk_timed "$name" "$seconds" --latency "$@"
  check_statuses "$name" "$expected" "$work/$name.txt"
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/$name.txt")")
}
wrk_timed() { # output name, seconds, wrk args...
  local out=$1 secs=$2 start cutoff window
  shift 2
  if [ "$drain" = 1 ]; then
    start=$(date +%s.%N)
    cutoff=$(awk -v s="$start" -v d="$secs" 'BEGIN { c = int(s + d); if (c < s + d) c++; print c }')
    window=$(awk -v s="$start" -v c="$cutoff" 'BEGIN { printf "%.3f", c - s }')
    BENCH_CUTOFF=$cutoff wrk --timeout 10s "$@" -d"$((secs + 3))s" > "$work/$out.txt"
    rps=$(awk -v w="$window" '$1 == "status" { n += $3 } END { printf "%.0f", n / w }' "$work/$out.txt")
  else
    wrk --timeout 10s "$@" -d"${secs}s" > "$work/$out.txt"
    rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$work/$out.txt")
  fi
}
# Fails the run on socket errors and on any status outside the expected ones (when counted).
check_statuses() {
  local label=$1 expected=$2 file=$3 phase=${4:-measured} status
  if grep -q 'Socket errors' "$file"; then
    echo "$label: $(grep 'Socket errors' "$file")" >&2
    exit 1
  fi
  if [ "$phase" = measured ] && ! grep -q '^status ' "$file" && grep -q ' 0 requests in' "$file"; then
    echo "$label: no answer at all" >&2
    exit 1
  fi
  if grep -q '^status ' "$file"; then
    for status in $(awk '/^status / { print $2 }' "$file"); do
      [[ " $expected " == *" $status "* ]] || { echo "$label: unexpected HTTP $status ($(awk -v s="$status" '$1 == "status" && $2 == s { print $3 }' "$file") times)" >&2; exit 1; }
    done
  elif grep -q 'Non-2xx or 3xx' "$file"; then
    echo "$label: $(grep 'Non-2xx or 3xx' "$file")" >&2
    exit 1
  fi
}
count_status() { awk -v s="$1" '$1 == "status" && $2 == s { n += $3 } END { print n + 0 }' "${@:2}"; }
lua() { cat src/bench/wrk/statuses.lua "src/bench/wrk/$1" > "$work/$1"; echo "$work/$1"; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# ─── Seeds: one article with 50 approved comments, through the API like any other ────────────
echo "seeding..."
read_url="$base/api/v1/articles/bench-read/comments"
for i in $(seq 1 50); do
  id=$(curl -fs -H 'Content-Type: application/json' -H "X-Forwarded-For: 192.0.2.$i" \
    -d "{\"authorName\":\"Reader $i\",\"authorEmail\":\"seed$i@example.com\",\"content\":\"Seed comment $i. $(printf 'Well argued piece, though the numbers on page two need a source. %.0s' 1 2 3 4 5 6 7) See https://example.com/$i\"}" \
    "$read_url" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
  curl -fso /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'If-Match: "0"' \
    -d '{"action":"APPROVE"}' "$base/api/v1/moderation/comments/$id/decision"
done
curl -fs "$read_url" -o "$work/www/comments.json" -D "$work/read-headers.txt"
etag=$(awk 'tolower($1) == "etag:" { print $2 }' "$work/read-headers.txt" | tr -d '\r')
[ "$(grep -o '"id":' "$work/www/comments.json" | wc -l)" -eq 50 ] || { echo "the seeded list does not hold 50 comments" >&2; exit 1; }

# Pending comments for the queue: copies of one real submission (its sealed email opens with this
# run's key), spread over 2,000 articles, older than everything else, ids far above the sequence.
curl -fso /dev/null -H 'Content-Type: application/json' -H 'X-Forwarded-For: 192.0.2.200' \
  -d '{"authorName":"Queue template","authorEmail":"template@example.com","content":"Template for the queue seeds."}' \
  "$base/api/v1/articles/queue-template/comments"
seed_pending() { # how many more pending comments
  psql_db -c "INSERT INTO comment (id, article_id, status, author_name, author_url, content, email_sealed, email_hash,
        ip_hash, content_hash, ip_sealed, user_agent_sealed, created_at, updated_at, version)
      SELECT 1000000000000 + n, 'queue-' || (n % 2000), 'PENDING', 'Queued reader ' || n, NULL,
        'Queued comment ' || n || ': ' || repeat('The council voted on the new cycle lanes last night. ', 11),
        t.email_sealed, md5(n::text) || md5((n + 1)::text), md5((n + 2)::text) || md5((n + 3)::text),
        md5((n + 4)::text) || md5((n + 5)::text), t.ip_sealed, t.user_agent_sealed,
        timestamptz '2026-01-01' + n * interval '1 millisecond', timestamptz '2026-01-01' + n * interval '1 millisecond', 0
      FROM (SELECT (SELECT coalesce(max(id) - 1000000000000, 0) FROM comment WHERE id > 1000000000000) + g AS n
              FROM generate_series(1, $1) g) seeds,
        (SELECT * FROM comment WHERE article_id = 'queue-template') t" \
    -c "VACUUM ANALYZE comment"
}
# A cursor as a moderator holds after paging halfway through the queue (Cursor's format: the
# keyset position of the last row seen), so a deep page costs one request, not thousands.
deep_cursor() {
  local pending=$1 row
  row=$(psql_db -F' ' -c "SELECT (extract(epoch FROM created_at) * 1000000)::bigint, id FROM comment
      WHERE status = 'PENDING' ORDER BY created_at, id OFFSET $((pending / 2)) LIMIT 1")
  printf 'v1|queue/PENDING/|%s|%s' ${row} | base64 -w0 | tr '+/' '-_' | tr -d '='
}
queue_scale() { # label: first page and a deep page of the queue, p99 at 8 connections
  local label=$1 pending cursor
  pending=$(psql_db -c "SELECT count(*) FROM comment WHERE status = 'PENDING'")
  cursor=$(deep_cursor "$pending")
  wrk_step "queue-first-$label" "200" -t2 -c8 -H "Authorization: Bearer $token" -s "$(lua noop.lua)" \
    "$base/api/v1/moderation/comments?status=PENDING&limit=50"
  first_p99[$label]=$p99
  wrk_step "queue-deep-$label" "200" -t2 -c8 -H "Authorization: Bearer $token" -s "$(lua noop.lua)" \
    "$base/api/v1/moderation/comments?status=PENDING&limit=50&cursor=$cursor"
  deep_p99[$label]=$p99
  pending_at[$label]=$pending
}
declare -A first_p99 deep_p99 pending_at

# ─── Ceiling H: nginx, the same bytes, the same wrk settings ─────────────────────────────────
cat > "$work/nginx.conf" <<EOF
user root;
worker_processes 2;
pid nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$static_port;
    root $PWD/$work/www;
    location / { default_type application/json; }
  }
}
EOF
"$nginx_bin" -p "$PWD/$work" -c nginx.conf -e error.log
nginx_started=1
echo "ceiling H (nginx)..."
wrk_step ceiling-h "200" -t2 -c64 -s "$(lua noop.lua)" "http://127.0.0.1:$static_port/comments.json"
H=$rps
"$nginx_bin" -p "$PWD/$work" -c nginx.conf -e error.log -s stop
nginx_started=0

# ─── Ceiling D: pgbench, a comment-shaped INSERT per transaction, 64 clients ─────────────────
echo "ceiling D (pgbench)..."
psql_db -c "CREATE TABLE bench_comment (LIKE comment INCLUDING ALL)" -c "CREATE SEQUENCE bench_comment_seq"
pgbench_run() {
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 64 -j 2 -T "$1" -f src/bench/pgbench-insert.sql "$db" 2>&1
}
pgbench_run "$warm" > "$work/ceiling-d.warm.txt"
pgbench_run "$seconds" > "$work/ceiling-d.txt"
D=$(awk '/^tps/ { printf "%.0f", $3; exit }' "$work/ceiling-d.txt")
psql_db -c "DROP TABLE bench_comment" -c "DROP SEQUENCE bench_comment_seq"
S=$(awk -v h="$H" -v d="$D" 'BEGIN { printf "%.0f", 1 / (1 / h + 1 / d) }')

# ─── The figures ─────────────────────────────────────────────────────────────────────────────
# Readers and submit first: their steps also warm the JIT, so the small queue is not measured on a
# colder JVM than the large one, minutes later.
echo "read, revalidate, counts..."
wrk_step read "200" -t2 -c64 -s "$(lua noop.lua)" "$read_url"
read_rps=$rps read_p99=$p99
wrk_step revalidate "304" -t2 -c64 -H "If-None-Match: $etag" -s "$(lua noop.lua)" "$read_url"
reval_rps=$rps reval_p99=$p99
counts_url="$base/api/v1/comment-counts?articleId=bench-read$(for i in $(seq 0 48); do printf '&articleId=news-%d' "$i"; done)"
wrk_step counts "200" -t2 -c64 -s "$(lua noop.lua)" "$counts_url"
counts_rps=$rps counts_p99=$p99

echo "submit..."
before=$(psql_db -c "SELECT count(*) FROM comment")
drain=1
wrk_step submit "202" -t2 -c64 -s "$(lua submit.lua)" "$base/api/v1/articles/"
drain=0
submit_rps=$rps submit_p99=$p99
accepted=$(count_status 202 "$work"/submit.warm*.txt "$work/submit.txt")
stored=$(( $(psql_db -c "SELECT count(*) FROM comment") - before ))
rss_mb=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
[ "$stored" -eq "$accepted" ] || { echo "submit: $accepted answered 202 but $stored comments were stored" >&2; exit 1; }
# The queue steps below count their own pending comments only.
psql_db -c "DELETE FROM audit_entry WHERE comment_id IN (SELECT id FROM comment WHERE article_id LIKE 'news-%')" \
  -c "DELETE FROM comment WHERE article_id LIKE 'news-%'" -c "VACUUM ANALYZE comment"

echo "queue with $queue_small pending..."
seed_pending "$queue_small"
queue_scale small

pending=$(psql_db -c "SELECT count(*) FROM comment WHERE status = 'PENDING'")
echo "queue with $queue_big pending (adding $((queue_big - pending)))..."
seed_pending $((queue_big - pending))
queue_scale big

echo "decide..."
psql_db -F' ' -c "SELECT id, version FROM comment WHERE status = 'PENDING' AND article_id LIKE 'queue-%'
    ORDER BY created_at DESC LIMIT 400000" > "$work/decide-ids.txt"
wrk_step decide "200" -t2 -c8 -s "$(lua decide.lua)" "$base/api/v1/moderation/comments/" -- "$PWD/$work/decide-ids.txt" 2 "$token"
decide_rps=$rps decide_p99=$p99
rss_end_mb=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")

# ─── The table ───────────────────────────────────────────────────────────────────────────────
ok() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { print ((op == ">=" ? v >= t : v <= t) ? "yes" : "NO") }'; }
printf '\nmachine: %s cores (%s), %s RAM, Linux %s, %s, PostgreSQL %s; wrk and the service share the cores; %s\n' \
  "$(nproc)" "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" \
  "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" "$(uname -r)" \
  "$(java -version 2>&1 | head -1 | sed 's/"//g')" "$(psql -h 127.0.0.1 -U postgres -Atc 'SHOW server_version' postgres | cut -d' ' -f1)" \
  "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf 'steps: %s s after a warm-up of at least %s s, until the JIT compilers idle (%s); wrk -t2 -c64 unless said\n' \
  "$seconds" "$warm" "$(printf '%s s, ' "${warmed[@]}" | sed 's/, $//')"
printf 'service JVM: %s, MALLOC_ARENA_MAX=%s\n\n' "$java_opts" "$MALLOC_ARENA_MAX"
line() { printf '%-34s %-26s %-22s %-7s %-22s %s\n' "$@"; }
line figure value ceiling ratio target met
line "D  pgbench comment INSERT, 64 cl." "$D tx/s" "" "" "" ""
line "H  nginx static list JSON" "$H req/s" "" "" "" ""
line "S  1/(1/H+1/D)" "$S req/s" "" "" "" ""
r=$(div "$submit_rps" "$S")
line "submit" "$submit_rps req/s, p99 ${submit_p99} ms" "S $S" "$r" ">= 0.30, p99 <= 25 ms" \
  "$( [ "$(ok "$r" '>=' 0.30)" = yes ] && [ "$(ok "$submit_p99" '<=' 25)" = yes ] && echo yes || echo NO)"
line "  stored = 202s" "$stored = $accepted" "" "" "" ""
r=$(div "$read_rps" "$H")
line "read (50 comments)" "$read_rps req/s, p99 ${read_p99} ms" "H $H" "$r" ">= 0.50" "$(ok "$r" '>=' 0.50)"
r=$(div "$reval_rps" "$H")
line "revalidate (304)" "$reval_rps req/s, p99 ${reval_p99} ms" "H $H" "$r" ">= 0.60" "$(ok "$r" '>=' 0.60)"
line "counts (50 articles)" "$counts_rps req/s, p99 ${counts_p99} ms" "" "" "" ""
for page in first deep; do
  declare -n p99s=${page}_p99
  r=$(div "${p99s[big]}" "${p99s[small]}")
  line "queue-scale $page page, 8 conn." "p99 ${p99s[small]} ms / ${p99s[big]} ms" "${pending_at[small]} / ${pending_at[big]}" "$r" \
    "<= 1.5, p99 <= 20 ms" \
    "$( [ "$(ok "$r" '<=' 1.5)" = yes ] && [ "$(ok "${p99s[big]}" '<=' 20)" = yes ] && [ "$(ok "${p99s[small]}" '<=' 20)" = yes ] && echo yes || echo NO)"
  unset -n p99s
done
line "decide (approve), 8 conn." "$decide_rps req/s, p99 ${decide_p99} ms" "" "" "" ""
line "startup (jar to ready, median of 3)" "$startup s" "" "" "<= 2.0 s" "$(ok "$startup" '<=' 2.0)"
line "  on a fresh schema" "$startup_fresh s" "" "" "" ""
line "RSS after submit" "$rss_mb MB" "" "" "<= 300 MB" "$(ok "$rss_mb" '<=' 300)"
line "  after every step (the end)" "$rss_end_mb MB" "" "" "" ""

stop_service
[ "${BENCH_KEEP_DB:-0}" = 1 ] || psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
