#!/usr/bin/env bash
# Fault: a replica killed with SIGKILL under load, then restarted.
# 16 client threads post distinct comments straight to one packaged replica; mid-load the replica
# gets SIGKILL (no shutdown hook, no flush), is started again and becomes ready, and the load goes
# on against it. Passes when every submission answered 202 is in the database exactly once, under
# the id its answer gave, and every answer was a 202, a 503 or no answer at all (the outage).
#
#   bash src/it/fault-kill9.sh      (the packaged jar must exist: ./mvnw -B -q package -DskipTests)
set -euo pipefail
source "$(dirname "$0")/topology.sh"
topology_init kill-9

threads=${FAULT_THREADS:-16}
before=${FAULT_BEFORE:-400} # comments stored before the kill, and again after the restart

start_replica 1
wait_ready 1

stop_file=$IT_OUT/stop
load_bg "$IT_OUT/load.log" submit --base "$(replica_url 1)" --threads "$threads" --article fault-kill9 \
  --out "$IT_OUT/submit.tsv" --stop-file "$stop_file" --seconds 150
load_pid=$LAST_LOAD_PID

stored() { psql_it -c "SELECT count(*) FROM comment"; }
wait_stored() { # at least this many rows, within 60 s
  local t0
  t0=$(now_ms)
  until [ "$(stored)" -ge "$1" ]; do
    kill -0 "$load_pid" 2> /dev/null || { log "the load client exited early:"; cat "$IT_OUT/load.log" >&2; return 1; }
    [ $(($(now_ms) - t0)) -lt 60000 ] || { log "fewer than $1 comments stored after 60 s"; return 1; }
    sleep 0.1
  done
}

wait_stored "$before"
kill_ms=$(now_ms)
kill_replica 1
at_kill=$(stored)
start_replica 1
wait_ready 1
outage_ms=$((READY_MS - kill_ms))
wait_stored $((at_kill + before))
touch "$stop_file"
load_wait "$load_pid" "$IT_OUT/load.log"
stop_replica 1

read -r sent acked once missing duplicated wrong_id unacked_stored < <(check_submissions "$IT_OUT/submit.tsv")
refused=$(awk -F'\t' '$6 ~ /^ERR/' "$IT_OUT/submit.tsv" | wc -l)
unavailable=$(awk -F'\t' '$6 == "503"' "$IT_OUT/submit.tsv" | wc -l)
others=$(status_counts "$IT_OUT/submit.tsv" 6 '$6 != "202" && $6 != "503" && $6 !~ /^ERR/')
acked_after=$(awk -F'\t' -v t="$READY_MS" '$6 == "202" && $4 >= t' "$IT_OUT/submit.tsv" | wc -l)
log "answers: $(status_counts "$IT_OUT/submit.tsv" 6)"

problems=()
[ "$missing" = 0 ] || problems+=("$missing acknowledged but not stored")
[ "$duplicated" = 0 ] || problems+=("$duplicated stored more than once")
[ "$wrong_id" = 0 ] || problems+=("$wrong_id stored under another id than answered")
[ -z "$others" ] || problems+=("unexpected answers: $others")
[ "$acked_after" -gt 0 ] || problems+=("no 202 after the restart")
numbers="$threads threads, $sent sent, $acked acknowledged (202), $once stored exactly once, $refused refused during the outage (connection errors), $unavailable answered 503, $unacked_stored stored without a 202 (in flight at the kill); outage $(secs "$outage_ms") s (SIGKILL to ready), $acked_after acknowledged after the restart"
conclude "$numbers" "${problems[@]}"
