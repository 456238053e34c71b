#!/usr/bin/env bash
# Fault: PostgreSQL restarted under load.
# One packaged replica takes distinct submissions from 8 client threads while a reader fetches an
# article's list (approved comments, fetched once before so it is cached) and a probe polls
# readiness, each every 50 ms. Mid-load PostgreSQL is restarted
# (pg_ctlcluster --skip-systemctl-redirect <version> <cluster> restart). Passes when
#   - every submission was answered 202 or 503 (a 503 with Retry-After), never anything else and
#     never no answer at all;
#   - every 202 is in the database exactly once, and nothing answered otherwise is;
#   - readiness went DOWN while the database was gone;
#   - the replica is ready again within 10 s of the database being back (measured from the probes);
#   - the reader's list was answered 200 throughout, during the outage too.
# PostgreSQL is started again at the end whatever happens.
#
#   bash src/it/fault-db-restart.sh
#   IT_PG_PORT=5433 IT_PG_CLUSTER=faults bash src/it/fault-db-restart.sh   (a cluster of its own)
set -euo pipefail
source "$(dirname "$0")/topology.sh"
topology_init db-restart

threads=${FAULT_THREADS:-8}
before=${FAULT_BEFORE:-300}

pg_up() { pg_isready -q -h "$IT_PG_HOST" -p "$IT_PG_PORT" -U postgres -d postgres; }
ensure_pg() {
  pg_up && return 0
  log "PostgreSQL is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$IT_PG_VERSION" "$IT_PG_CLUSTER" start || true
  local i
  for i in $(seq 1 100); do pg_up && return 0; sleep 0.1; done
  log "PostgreSQL did not come back"
}
IT_TEARDOWN_HOOKS+=(ensure_pg)

start_replica 1
wait_ready 1
base=$(replica_url 1)
seed_approved "$base" fault-db-read 3 > /dev/null
list_url=$base/api/v1/articles/fault-db-read/comments

submit_stop=$IT_OUT/stop-submit
read_stop=$IT_OUT/stop-read
load_bg "$IT_OUT/load-submit.log" submit --base "$base" --threads "$threads" --article fault-db-load \
  --out "$IT_OUT/submit.tsv" --stop-file "$submit_stop" --seconds 150
submit_pid=$LAST_LOAD_PID
load_bg "$IT_OUT/load-read.log" read --url "list=$list_url" --url "ready=$base/q/health/ready" --interval-ms 50 \
  --out "$IT_OUT/read.tsv" --stop-file "$read_stop" --seconds 150
read_pid=$LAST_LOAD_PID

stored() { psql_it -c "SELECT count(*) FROM comment" 2> /dev/null || echo 0; }
wait_stored() { # at least this many rows, within $2 s
  local t0
  t0=$(now_ms)
  until [ "$(stored)" -ge "$1" ]; do
    [ $(($(now_ms) - t0)) -lt $(($2 * 1000)) ] || { log "fewer than $1 comments stored after $2 s"; return 1; }
    sleep 0.1
  done
}

wait_stored "$before" 60
# When the database is down and back, as a client sees it: pg_isready every 50 ms.
(while [ ! -f "$IT_OUT/stop-pg-probe" ]; do
  if pg_up; then echo "$(now_ms) up"; else echo "$(now_ms) down"; fi
  sleep 0.05
done > "$IT_OUT/pg-probe.txt") &
probe_pid=$!
LOAD_PIDS+=("$probe_pid")
restart_ms=$(now_ms)
log "restarting PostgreSQL ($IT_PG_VERSION/$IT_PG_CLUSTER)"
pg_ctlcluster --skip-systemctl-redirect "$IT_PG_VERSION" "$IT_PG_CLUSTER" restart
until pg_up; do sleep 0.05; done
restarted_ms=$(now_ms)
sleep 0.2 # one more probe line after the command returned
touch "$IT_OUT/stop-pg-probe"
wait "$probe_pid" || true
read -r down_ms back_ms < <(awk -v a="$restart_ms" '$1 >= a && $2 == "down" && !d { d = $1 } d && $2 == "up" && !b { b = $1 }
  END { print (d ? d : 0), (b ? b : 0) }' "$IT_OUT/pg-probe.txt")
if [ "$down_ms" = 0 ] || [ "$back_ms" = 0 ]; then
  down_ms=$restart_ms back_ms=$restarted_ms # the probe missed it: the whole command counts as the outage
fi
log "PostgreSQL down from $(secs $((down_ms - restart_ms))) s to $(secs $((back_ms - restart_ms))) s after the restart began (the command took $(secs $((restarted_ms - restart_ms))) s)"
at_back=$(stored)
# The load goes on until the replica stores again (or 30 s), and the probes see it settle.
recovered_load=1
wait_stored $((at_back + before)) 30 || recovered_load=0
touch "$submit_stop"
load_wait "$submit_pid" "$IT_OUT/load-submit.log" || true
# The probe goes on until the replica is ready again, or 15 s after the database was back.
until curl -fso /dev/null --max-time 1 "$base/q/health/ready" || [ $(($(now_ms) - back_ms)) -gt 15000 ]; do sleep 0.1; done
sleep 0.2 # and sees it
touch "$read_stop"
load_wait "$read_pid" "$IT_OUT/load-read.log" || true
stop_replica 1

# ─── Checks ──────────────────────────────────────────────────────────────────────────────────
read -r sent acked once missing duplicated wrong_id unacked_stored < <(check_submissions "$IT_OUT/submit.tsv")
unavailable=$(awk -F'\t' '$6 == "503"' "$IT_OUT/submit.tsv" | wc -l)
no_retry_after=$(awk -F'\t' '$6 == "503" && $9 == "-"' "$IT_OUT/submit.tsv" | wc -l)
slow_503=$(awk -F'\t' '$6 == "503" && $5 - $4 > 2000' "$IT_OUT/submit.tsv" | wc -l)
others=$(status_counts "$IT_OUT/submit.tsv" 6 '$6 != "202" && $6 != "503"')
outage_window=$(awk -F'\t' '$6 != "202" { if (!s || $4 < s) s = $4; if ($5 > e) e = $5 }
  END { if (s) printf "non-202 answers over %.1f s", (e - s) / 1000; else printf "no answer but 202" }' "$IT_OUT/submit.tsv")
slowest=$(awk -F'\t' '{ d = $5 - $4; if (d > m) m = d } END { printf "%.1f", m / 1000 }' "$IT_OUT/submit.tsv")
log "submissions: $(status_counts "$IT_OUT/submit.tsv" 6); slowest answer $slowest s"

# Readiness, from the probe: first DOWN after the restart began, and UP for good afterwards.
# (read.tsv: R label thread seq startMs endMs status bytes)
read -r ready_down_ms up_ms last_ready < <(awk -F'\t' -v a="$restart_ms" '
  $2 == "ready" {
    if ($5 >= a && $7 != "200" && !down) down = $5
    if ($7 != "200") up = 0; else if (!up) up = $5
    last = $7
  }
  END { print (down ? down : 0), (up ? up : 0), last }' "$IT_OUT/read.tsv")
if [ "$ready_down_ms" = 0 ]; then
  ready_again_ms=0
  readiness="readiness never DOWN"
elif [ "$last_ready" = 200 ]; then
  ready_again_ms=$((up_ms > back_ms ? up_ms - back_ms : 0))
  readiness="readiness DOWN $(secs $((ready_down_ms > down_ms ? ready_down_ms - down_ms : 0))) s after the database went down, UP again $(secs "$ready_again_ms") s after the database was back"
else
  ready_again_ms=-1
  readiness="readiness still DOWN at the end (last probe $last_ready)"
fi
list_total=$(awk -F'\t' '$2 == "list"' "$IT_OUT/read.tsv" | wc -l)
list_outage=$(awk -F'\t' -v a="$restart_ms" -v b="$back_ms" '$2 == "list" && $5 >= a && $5 <= b' "$IT_OUT/read.tsv" | wc -l)
list_outage_ok=$(awk -F'\t' -v a="$restart_ms" -v b="$back_ms" '$2 == "list" && $5 >= a && $5 <= b && $7 == "200"' "$IT_OUT/read.tsv" | wc -l)
list_bad=$(status_counts "$IT_OUT/read.tsv" 7 '$2 == "list" && $7 != "200"')
log "reader's list: $(status_counts "$IT_OUT/read.tsv" 7 '$2 == "list"'); readiness probes: $(status_counts "$IT_OUT/read.tsv" 7 '$2 == "ready"')"
log "$readiness"
for f in ERROR WARN; do
  log "replica log, $f lines: $(grep -c "\"level\":\"$f\"" "$IT_OUT/replica-1.log" || true)"
done

problems=()
[ -z "$others" ] || problems+=("submissions answered other than 202/503: $others")
[ "$no_retry_after" = 0 ] || problems+=("$no_retry_after 503s without Retry-After")
[ "$slow_503" = 0 ] || problems+=("$slow_503 503s slower than 2 s")
[ "$missing" = 0 ] || problems+=("$missing acknowledged but not stored")
[ "$duplicated" = 0 ] || problems+=("$duplicated stored more than once")
[ "$wrong_id" = 0 ] || problems+=("$wrong_id stored under another id")
# nginx sends a 503 on to the next replica, POSTs included: a 503 must have stored nothing.
[ "$unacked_stored" = 0 ] || problems+=("$unacked_stored stored without a 202")
[ "$ready_down_ms" != 0 ] || problems+=("readiness never DOWN while the database was gone")
[ "$ready_again_ms" -ge 0 ] && [ "$ready_again_ms" -le 10000 ] || problems+=("not ready within 10 s of the database being back ($readiness)")
[ "$list_outage" -gt 0 ] || problems+=("no list read fell in the outage")
[ -z "$list_bad" ] || problems+=("reader's list answered $list_bad")
[ "$recovered_load" = 1 ] || problems+=("submissions not stored again within 30 s of the database being back")
numbers="$threads threads, $sent sent, $acked acknowledged (202) and $once of them stored exactly once, $unacked_stored stored without a 202, $unavailable answered 503 ($slow_503 slower than 2 s), database down $(secs $((back_ms - down_ms))) s ($outage_window), $readiness; reader's list: $list_outage_ok of $list_outage answered 200 from the restart to the database being back, $list_total read in all"
conclude "$numbers" "${problems[@]}"
