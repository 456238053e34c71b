#!/usr/bin/env bash
# The production topology of docker/compose.yaml without containers: packaged jars (prod profile,
# configured only through environment variables, as ops run them) on a fresh PostgreSQL database,
# behind a real nginx rendered from docker/nginx.conf. Sourced by the fault scripts:
#
#   source src/it/topology.sh
#   topology_init <scenario>     fresh database, ports, keys, a trap that tears everything down
#   start_replica N              starts replica N (1, 2, ...) in the background; log: $IT_OUT/replica-N.log
#   wait_ready N [seconds]       polls N's /q/health/ready until 200 (default at most 90 s)
#   stop_replica N               SIGTERM, waits for the exit (SIGKILL after $IT_STOP_TIMEOUT s); sets STOP_SECONDS, STOP_STATUS
#   kill_replica N               SIGKILL, reaps it
#   start_lb [N...]              nginx in front of replicas N... (default 1 2), as a child process (not a daemon)
#   wait_lb_routes N             polls until the balancer has had a 2xx answer from replica N (after its restart)
#   teardown                     stops load clients, replicas and nginx (the trap calls it)
#   load_bg LOG ARGS... / load_wait PID LOG     a Load.java client in the background / waiting for it
#   seed_approved BASE ARTICLE N approved comments on an article, its list read once (cached)
#   check_submissions TSV        every 202 of a submit TSV against the database (one line of counts)
#   lb_split                     per replica, the requests of each kind nginx's access log shows it answered
#   conclude NUMBERS [PROBLEM...]  the scenario's one verdict line: PASS, or FAIL [problems]
#   replica_url N, LB_URL, psql_it, load_java, now_ms, IT_OUT
#
# Needs java 17, psql, curl, openssl, python3 and nginx (installed from Debian's packages if missing).
#
# Settings: IT_DB (commentdesk_faults_<scenario>, dropped and created; kept afterwards for a look), IT_PG_PORT (5432), IT_PG_CLUSTER (main),
# IT_JAVA_OPTS (default: the image's JVM options from docker/Dockerfile.jvm), IT_STOP_TIMEOUT (40).
# Everything a scenario writes is under target/it/<scenario>/.

IT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
IT_PG_HOST=127.0.0.1
IT_PG_PORT=${IT_PG_PORT:-5432}
IT_PG_CLUSTER=${IT_PG_CLUSTER:-main}
IT_PG_VERSION=${IT_PG_VERSION:-$(ls /etc/postgresql | sort -V | tail -n 1)}
IT_STOP_TIMEOUT=${IT_STOP_TIMEOUT:-40}
IT_JAR=$IT_ROOT/target/quarkus-app/quarkus-run.jar
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)

declare -A REPLICA_PID=() REPLICA_PORT=() REPLICA_STARTED_MS=()
LOAD_PIDS=()
IT_TEARDOWN_HOOKS=() # commands the teardown runs first, whatever happened (e.g. start PostgreSQL again)
LB_PID=
LB_PORT=
LB_URL=
LB_REPLICAS=()
VERDICT_PRINTED=0
STOP_SECONDS=
STOP_STATUS=

now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; } # milliseconds → "1.2"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S.%3N)" "$*" >&2; }
psql_it() { PGOPTIONS='-c client_min_messages=warning' psql -h "$IT_PG_HOST" -p "$IT_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAtX "$@" "$IT_DB"; }
replica_url() { echo "http://127.0.0.1:${REPLICA_PORT[$1]}"; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The load client (src/it/Load.java), in a small JVM of its own.
LOAD_JVM=(-XX:+UseSerialGC -Xmx192m -XX:TieredStopAtLevel=1 "$IT_ROOT/src/it/Load.java")
load_java() { java "${LOAD_JVM[@]}" "$@"; }

# Starts a load client in the background, remembered so the teardown can end it.
load_bg() { # log file, Load.java arguments...
  local logfile=$1
  shift
  java "${LOAD_JVM[@]}" "$@" > "$logfile" 2>&1 & # java itself is the background job: its pid is $!
  LOAD_PIDS+=($!)
  LAST_LOAD_PID=$!
}

# Waits for a background load client; prints its summary line.
load_wait() { # pid, log file
  local rc=0
  wait "$1" || rc=$?
  local rest=() pid
  for pid in "${LOAD_PIDS[@]}"; do [ "$pid" = "$1" ] || rest+=("$pid"); done
  LOAD_PIDS=("${rest[@]}")
  tail -n 1 "$2" >&2
  return $rc
}

verdict() { # PASS|FAIL, the numbers
  VERDICT_PRINTED=1
  echo "fault $IT_SCENARIO: $1 $2"
  [ "$1" = PASS ]
}

# Ends a scenario: PASS with its numbers, or FAIL with what went wrong first, then the numbers.
conclude() { # numbers, problems...
  local numbers=$1 joined
  shift
  if [ $# -eq 0 ]; then
    verdict PASS "$numbers"
  else
    joined=$(printf '%s; ' "$@")
    verdict FAIL "[${joined%; }] $numbers"
  fi
}

topology_init() { # scenario name
  IT_SCENARIO=$1
  IT_DB=${IT_DB:-commentdesk_faults_${IT_SCENARIO//-/_}}
  IT_OUT=$IT_ROOT/target/it/$IT_SCENARIO
  cd "$IT_ROOT"
  rm -rf "$IT_OUT" && mkdir -p "$IT_OUT"
  trap teardown EXIT
  trap 'exit 130' INT TERM
  [ -f "$IT_JAR" ] || { echo "no packaged jar at $IT_JAR: run ./mvnw -B -q package -DskipTests first" >&2; exit 1; }
  if [ ! -x "$NGINX_BIN" ]; then
    log "installing nginx-light"
    export DEBIAN_FRONTEND=noninteractive
    # Installing nginx must not start Debian's own nginx on port 80.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get install -y -q nginx-light > /dev/null 2>&1 || { apt-get update -q > /dev/null && apt-get install -y -q nginx-light > /dev/null; }
    rm -f /usr/sbin/policy-rc.d
    NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
  fi
  pg_isready -q -h "$IT_PG_HOST" -p "$IT_PG_PORT" || { echo "PostgreSQL is not answering on $IT_PG_HOST:$IT_PG_PORT" >&2; exit 1; }
  PGOPTIONS='-c client_min_messages=warning' psql -h "$IT_PG_HOST" -p "$IT_PG_PORT" -U postgres -qX -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $IT_DB WITH (FORCE)" -c "CREATE DATABASE $IT_DB" postgres

  # The JVM options of the container image (docker/Dockerfile.jvm: serial GC, 96 MiB heap...),
  # listening on loopback only; its class-data archive only if one was written for this jar.
  local opts
  opts=${IT_JAVA_OPTS:-$(sed -n 's/^ENV JAVA_OPTS_APPEND="\(.*\)"$/\1/p' docker/Dockerfile.jvm)}
  opts=${opts//quarkus.http.host=0.0.0.0/quarkus.http.host=127.0.0.1}
  opts=${opts//\/deployments\//target\/quarkus-app\/}
  # The image writes its class-data archive at build time (docker/write-app-cds.sh, its RUN line's
  # options); so does this, once per packaged jar. Without one the JVM loads every class from the jars.
  if [ ! -s target/quarkus-app/app-cds.jsa ] || [ "$IT_JAR" -nt target/quarkus-app/app-cds.jsa ]; then
    local archive_opts
    archive_opts=$(sed -n 's/^RUN bash \/deployments\/write-app-cds.sh \/deployments\(.*\)$/\1/p' docker/Dockerfile.jvm)
    log "writing the class-data archive for this jar (docker/write-app-cds.sh$archive_opts)"
    # shellcheck disable=SC2086
    timeout 180 docker/write-app-cds.sh target/quarkus-app $archive_opts > "$IT_OUT/app-cds.log" 2>&1 ||
      log "no class-data archive (see ${IT_OUT#"$IT_ROOT"/}/app-cds.log): replicas start without one"
  fi
  if [ ! -s target/quarkus-app/app-cds.jsa ]; then
    opts=$(sed 's/ *-XX:SharedArchiveFile=[^ ]*//' <<< "$opts")
  fi
  read -r -a IT_JVM_OPTS <<< "$opts"

  # One set of settings for every replica, the same random keys for all of them (a comment sealed
  # by one replica is opened by the other), and nothing else from this shell's environment.
  IT_ENV=(
    "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$IT_PG_HOST:$IT_PG_PORT/$IT_DB"
    "QUARKUS_DATASOURCE_USERNAME=postgres"
    "QUARKUS_DATASOURCE_PASSWORD="
    "COMMENTS_EMAIL_KEY=$(openssl rand -base64 32)"
    "COMMENTS_EMAIL_HASH_KEY=$(openssl rand -base64 32)"
    "COMMENTS_ALLOWED_ORIGINS=https://news.example.com"
    "MP_JWT_VERIFY_PUBLICKEY_LOCATION=$IT_ROOT/src/main/resources/dev-jwt/publicKey.pem"
    "MP_JWT_VERIFY_ISSUER=https://comment-desk.dev/embedded"
    # nginx on this machine is the trusted proxy.
    "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true"
    "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true"
    "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1"
    # A load test: every client comes from the balancer's address (README, anti-abuse rules).
    "COMMENTS_RULES_FLOOD_ENABLED=false"
    "COMMENTS_RULES_RATE_LIMIT_ENABLED=false"
    "MALLOC_ARENA_MAX=2"
  )
  IT_UNSET=()
  local name
  for name in $(compgen -e); do
    case $name in QUARKUS_* | COMMENTS_* | MP_*) IT_UNSET+=(-u "$name") ;; esac
  done
  log "scenario $IT_SCENARIO: database $IT_DB on $IT_PG_HOST:$IT_PG_PORT, output in ${IT_OUT#"$IT_ROOT"/}"
}

start_replica() { # N
  local n=$1
  [ -n "${REPLICA_PORT[$n]:-}" ] || REPLICA_PORT[$n]=$(free_port)
  echo "=== $(date -Is) start replica $n on port ${REPLICA_PORT[$n]}" >> "$IT_OUT/replica-$n.log"
  env "${IT_UNSET[@]}" "${IT_ENV[@]}" "QUARKUS_HTTP_PORT=${REPLICA_PORT[$n]}" \
    java "${IT_JVM_OPTS[@]}" -jar "$IT_JAR" >> "$IT_OUT/replica-$n.log" 2>&1 &
  REPLICA_PID[$n]=$!
  REPLICA_STARTED_MS[$n]=$(now_ms)
  log "replica $n: started (pid ${REPLICA_PID[$n]}, port ${REPLICA_PORT[$n]})"
}

replica_alive() { [ -n "${REPLICA_PID[$1]:-}" ] && kill -0 "${REPLICA_PID[$1]}" 2> /dev/null; }

wait_ready() { # N [timeout seconds]; sets READY_MS (epoch ms of the first 200)
  local n=$1 limit=$((${2:-90} * 1000)) t0
  t0=$(now_ms)
  until curl -fso /dev/null --max-time 2 "$(replica_url "$n")/q/health/ready"; do
    if ! replica_alive "$n"; then
      log "replica $n exited before it was ready; its log ends with:"
      tail -n 30 "$IT_OUT/replica-$n.log" >&2
      return 1
    fi
    if [ $(($(now_ms) - t0)) -gt "$limit" ]; then
      log "replica $n not ready after $((limit / 1000)) s"
      return 1
    fi
    sleep 0.1
  done
  READY_MS=$(now_ms)
  log "replica $n: ready $(secs $((READY_MS - REPLICA_STARTED_MS[$n]))) s after its start"
}

stop_replica() { # N: SIGTERM and wait; sets STOP_SECONDS and STOP_STATUS (the exit status)
  local n=$1 pid=${REPLICA_PID[$1]:-} t0
  [ -n "$pid" ] || return 0
  t0=$(now_ms)
  kill -TERM "$pid" 2> /dev/null || true
  while kill -0 "$pid" 2> /dev/null; do
    if [ $(($(now_ms) - t0)) -gt $((IT_STOP_TIMEOUT * 1000)) ]; then
      log "replica $n still running $IT_STOP_TIMEOUT s after SIGTERM: SIGKILL"
      kill -KILL "$pid" 2> /dev/null || true
    fi
    sleep 0.02
  done
  STOP_STATUS=0
  wait "$pid" 2> /dev/null || STOP_STATUS=$?
  STOP_SECONDS=$(secs $(($(now_ms) - t0)))
  REPLICA_PID[$n]=
  log "replica $n: exited $STOP_SECONDS s after SIGTERM, status $STOP_STATUS"
}

kill_replica() { # N: SIGKILL
  local n=$1 pid=${REPLICA_PID[$1]:-}
  [ -n "$pid" ] || return 0
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  REPLICA_PID[$n]=
  echo "=== $(date -Is) replica $n killed with SIGKILL" >> "$IT_OUT/replica-$n.log"
  log "replica $n: killed (SIGKILL)"
}

# docker/nginx.conf with this machine's replicas, port and paths.
render_lb_conf() { # N...
  local servers="" n
  for n in "$@"; do
    servers+="        server 127.0.0.1:${REPLICA_PORT[$n]} max_fails=0;  # replica $n\n"
  done
  mkdir -p "$IT_OUT/nginx"
  awk -v servers="$servers" '
    /# @replica/ { if (!done) { printf "%s", servers; done = 1 } next }
    /# @docker/ { next }
    { print }' "$IT_ROOT/docker/nginx.conf" |
    sed -e "s|listen 8080;  # @listen|listen 127.0.0.1:$LB_PORT;|" \
      -e "s|/var/log/nginx/|$IT_OUT/nginx-|g" \
      -e "s|/var/run/nginx.pid|$IT_OUT/nginx/nginx.pid|" \
      -e "s|^worker_processes auto;|worker_processes 1;|" > "$IT_OUT/nginx/nginx.conf"
}

start_lb() { # N... (default 1 2)
  local t0
  LB_REPLICAS=("$@")
  [ ${#LB_REPLICAS[@]} -gt 0 ] || LB_REPLICAS=(1 2)
  LB_PORT=$(free_port)
  LB_URL=http://127.0.0.1:$LB_PORT
  render_lb_conf "${LB_REPLICAS[@]}"
  "$NGINX_BIN" -t -q -p "$IT_OUT/nginx" -c "$IT_OUT/nginx/nginx.conf" -e "$IT_OUT/nginx-error.log" || return 1
  "$NGINX_BIN" -p "$IT_OUT/nginx" -c "$IT_OUT/nginx/nginx.conf" -e "$IT_OUT/nginx-error.log" -g 'daemon off;' \
    >> "$IT_OUT/nginx-error.log" 2>&1 &
  LB_PID=$!
  t0=$(now_ms)
  until curl -fso /dev/null --max-time 1 "$LB_URL/nginx-health"; do
    kill -0 "$LB_PID" 2> /dev/null || { log "nginx exited:"; tail -n 20 "$IT_OUT/nginx-error.log" >&2; return 1; }
    [ $(($(now_ms) - t0)) -lt 10000 ] || { log "nginx does not answer"; return 1; }
    sleep 0.05
  done
  log "balancer: nginx (pid $LB_PID) on $LB_URL in front of replicas ${LB_REPLICAS[*]}"
}

stop_lb() {
  [ -n "$LB_PID" ] || return 0
  kill -QUIT "$LB_PID" 2> /dev/null || true
  local t0
  t0=$(now_ms)
  while kill -0 "$LB_PID" 2> /dev/null && [ $(($(now_ms) - t0)) -lt 10000 ]; do sleep 0.05; done
  kill -TERM "$LB_PID" 2> /dev/null || true
  wait "$LB_PID" 2> /dev/null || true
  LB_PID=
}

# Waits until the balancer has sent replica N a request answered 2xx since `since` (epoch ms; default:
# N's last start): round robin sends it requests again as soon as it accepts connections.
wait_lb_routes() { # N [since ms] [timeout seconds]
  local n=$1 since=${2:-${REPLICA_STARTED_MS[$1]}} limit=$((${3:-30} * 1000)) t0 addr
  addr=127.0.0.1:${REPLICA_PORT[$n]}
  t0=$(now_ms)
  while true; do
    # The access log: "<iso time> <epoch.ms> <method> <path> <status> ... upstream="a, b" upstream_status="503, 202"".
    if awk -F'"' -v addr="$addr" -v since="$since" '
        {
          split($1, f, " ")
          n = split($2, ups, /, /); split($4, sts, /, /)
          for (j = 1; j <= n; j++) if (ups[j] == addr && sts[j] ~ /^2/ && f[2] * 1000 >= since) found = 1
        }
        END { exit !found }' "$IT_OUT/nginx-access.log" 2> /dev/null; then
      log "balancer: routes to replica $n again"
      return 0
    fi
    [ $(($(now_ms) - t0)) -lt "$limit" ] || { log "balancer: no 2xx from replica $n within $((limit / 1000)) s"; return 1; }
    # A cheap API call through the balancer (it keeps /q/ to itself), so round robin reaches N.
    curl -so /dev/null --max-time 2 "$LB_URL/api/v1/comment-counts?articleId=lb-probe" || true
    sleep 0.05
  done
}

teardown() {
  local rc=$? pid n hook
  trap - EXIT
  for hook in "${IT_TEARDOWN_HOOKS[@]}"; do
    eval "$hook" || true
  done
  for pid in "${LOAD_PIDS[@]}"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2> /dev/null || true
  done
  for n in "${!REPLICA_PID[@]}"; do
    if [ -n "${REPLICA_PID[$n]}" ]; then
      stop_replica "$n" 2> /dev/null || true
    fi
  done
  stop_lb
  if [ "$VERDICT_PRINTED" = 0 ]; then
    echo "fault ${IT_SCENARIO:-?}: FAIL the script stopped before its checks (exit status $rc; see the log above and target/it/${IT_SCENARIO:-})"
    [ "$rc" != 0 ] || rc=1
  fi
  exit "$rc"
}

# Posts n comments to an article and approves them (a moderator token from Load.java), then reads
# the list once, so its page is cached. Prints the ids.
seed_approved() { # base URL, article, n
  local base=$1 article=$2 n=$3 token i id
  token=$(load_java token seeder)
  for i in $(seq 1 "$n"); do
    id=$(curl -fsS -H 'Content-Type: application/json' \
      -d "{\"authorName\":\"Seed $i\",\"authorEmail\":\"seed$i-$RANDOM@example.com\",\"content\":\"Seed comment $i, approved before the fault.\"}" \
      "$base/api/v1/articles/$article/comments" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
    [ -n "$id" ] || { log "seeding $article: no id in the answer"; return 1; }
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H 'If-Match: "0"' \
      -d '{"action":"APPROVE"}' "$base/api/v1/moderation/comments/$id/decision"
    echo "$id"
  done
  curl -fsS -o /dev/null "$base/api/v1/articles/$article/comments"
}

# ─── Checking the load client's answers against the database ─────────────────────────────────

# Loads a submit TSV into table load_submit and prints one line "sent acked stored_once missing
# duplicated wrong_id stored_unacked": every 202 must be stored exactly once under its id.
check_submissions() { # tsv file
  psql_it -c "DROP TABLE IF EXISTS load_submit" \
    -c "CREATE TABLE load_submit (kind text, thread int, seq bigint, start_ms bigint, end_ms bigint, status text,
          id text, uuid text, retry_after text)" > /dev/null
  psql_it -c "\\copy load_submit FROM '$1'" > /dev/null
  psql_it -F' ' -c "
    WITH rows AS (
      SELECT substring(content FROM '^Load comment ([0-9a-f-]{36}):') AS uuid, id FROM comment
      WHERE content LIKE 'Load comment %'),
    per AS (
      SELECT s.uuid, s.status, s.id AS answered_id, count(r.id) AS n, min(r.id) AS stored_id
      FROM load_submit s LEFT JOIN rows r ON r.uuid = s.uuid GROUP BY s.uuid, s.status, s.id)
    SELECT
      (SELECT count(*) FROM load_submit),
      count(*) FILTER (WHERE status = '202'),
      count(*) FILTER (WHERE status = '202' AND n = 1 AND stored_id::text = answered_id),
      count(*) FILTER (WHERE status = '202' AND n = 0),
      (SELECT count(*) FROM (SELECT uuid FROM rows GROUP BY uuid HAVING count(*) > 1) d),
      count(*) FILTER (WHERE status = '202' AND n = 1 AND stored_id::text <> answered_id),
      count(*) FILTER (WHERE status <> '202' AND n > 0)
    FROM per"
}

# "status=count, ..." of a submit or read TSV (column of the status given).
status_counts() { # file, status column, [awk filter]
  awk -F'\t' -v col="$2" "${3:-1}"' { n[$col]++ } END { for (s in n) printf "%s=%d\n", s, n[s] }' "$1" | sort | paste -sd' ' -
}

# The balancer's split: for each replica, how many requests of each kind it answered (the last
# replica a request was sent to), and how many requests nginx sent again to another replica.
lb_split() {
  local n map=""
  for n in "${LB_REPLICAS[@]}"; do map+="127.0.0.1:${REPLICA_PORT[$n]}=$n "; done
  awk -F'"' -v map="$map" '
    BEGIN { k = split(map, m, " "); for (i = 1; i <= k; i++) { split(m[i], p, "="); name[p[1]] = p[2]; order[i] = "replica " p[2] } }
    {
      split($1, f, " "); method = f[3]; uri = f[4]
      kind = "other"
      if (method == "POST" && uri ~ /^\/api\/v1\/articles\/.*\/comments$/) kind = "submit"
      else if (method == "GET" && uri ~ /^\/api\/v1\/articles\//) kind = "read"
      else if (uri == "/api/v1/moderation/claims") kind = "claim"
      else if (uri ~ /\/decision$/) kind = "decision"
      else if (uri == "/api/v1/moderation/stats") kind = "stats"
      else if (uri ~ /^\/q\//) kind = "health"
      n = split($2, ups, /, /)
      if (n > 1) retried++
      r = (ups[n] in name) ? "replica " name[ups[n]] : "no replica"
      count[r, kind]++
    }
    END {
      order[k + 1] = "no replica"
      split("submit read claim decision stats health other", kinds, " ")
      out = ""
      for (i = 1; i <= k + 1; i++) {
        line = ""
        for (j = 1; j <= 7; j++) if ((order[i], kinds[j]) in count) line = line " " kinds[j] "=" count[order[i], kinds[j]]
        if (line != "") out = out (out == "" ? "" : "; ") order[i] ":" line
      }
      printf "%s\n", out
    }' "$IT_OUT/nginx-access.log"
}
