#!/usr/bin/env bash
# Fault: a rolling restart under load, through the balancer.
# Two packaged replicas behind nginx (docker/nginx.conf); 8 client threads submit distinct comments
# and 2 readers fetch an article's list through nginx while each replica in turn gets SIGTERM,
# exits, is started again, becomes ready and is back in the balancer's rotation. Passes when not one
# request failed: every submission answered 202, every read 200, no connection error; and every
# 202 is stored exactly once (and nothing stored without a 202).
#
#   bash src/it/fault-rolling-restart.sh
set -euo pipefail
source "$(dirname "$0")/topology.sh"
topology_init rolling-restart

threads=${FAULT_THREADS:-8}
between=${FAULT_BETWEEN:-250} # comments stored before the first restart, between and after them
# true: every submission carries an Idempotency-Key (its UUID), as a careful frontend's would.
idempotency_keys=${FAULT_IDEMPOTENCY_KEYS:-false}

start_replica 1
start_replica 2
wait_ready 1
wait_ready 2
start_lb 1 2
seed_approved "$LB_URL" fault-rolling-read 3 > /dev/null

stop_file=$IT_OUT/stop
load_bg "$IT_OUT/load-submit.log" submit --base "$LB_URL" --threads "$threads" --article fault-rolling \
  --idempotency-key "$idempotency_keys" --out "$IT_OUT/submit.tsv" --stop-file "$stop_file" --seconds 170
submit_pid=$LAST_LOAD_PID
load_bg "$IT_OUT/load-read.log" read --url "list=$LB_URL/api/v1/articles/fault-rolling-read/comments" --threads 2 \
  --interval-ms 50 --out "$IT_OUT/read.tsv" --stop-file "$stop_file" --seconds 170
read_pid=$LAST_LOAD_PID

stored() { psql_it -c "SELECT count(*) FROM comment WHERE article_id = 'fault-rolling'"; }
wait_more() { # n more comments stored than now, within 60 s
  local target t0
  target=$(($(stored) + $1))
  t0=$(now_ms)
  until [ "$(stored)" -ge "$target" ]; do
    kill -0 "$submit_pid" 2> /dev/null || { log "the load client exited early:"; cat "$IT_OUT/load-submit.log" >&2; return 1; }
    [ $(($(now_ms) - t0)) -lt 60000 ] || { log "fewer than $1 more comments stored within 60 s"; return 1; }
    sleep 0.1
  done
}

restarts=()
bad_stops=()
wait_more "$between"
for n in 1 2; do
  t0=$(now_ms)
  log "rolling restart: replica $n gets SIGTERM"
  stop_replica "$n"
  start_replica "$n"
  wait_ready "$n"
  wait_lb_routes "$n"
  restarts+=("replica $n: exited $STOP_SECONDS s after SIGTERM (status $STOP_STATUS), back in rotation $(secs $(($(now_ms) - t0))) s after it")
  [ "$STOP_STATUS" = 143 ] || bad_stops+=("replica $n exited $STOP_STATUS after SIGTERM, not 143")
  wait_more "$between"
done
touch "$stop_file"
load_wait "$submit_pid" "$IT_OUT/load-submit.log"
load_wait "$read_pid" "$IT_OUT/load-read.log"
split=$(lb_split)
stop_replica 1
stop_replica 2

# ─── Checks ──────────────────────────────────────────────────────────────────────────────────
read -r sent acked once missing duplicated wrong_id unacked_stored < <(check_submissions "$IT_OUT/submit.tsv")
submit_bad=$(status_counts "$IT_OUT/submit.tsv" 6 '$6 != "202"')
reads=$(wc -l < "$IT_OUT/read.tsv")
read_bad=$(status_counts "$IT_OUT/read.tsv" 7 '$7 != "200"')
# Requests nginx sent on to the other replica: what the first one gave (502 is nginx's word for a
# connection lost or refused, 503 the replica's answer) and what the client finally got.
sent_on=$(awk -F'"' 'split($2, u, /, /) > 1 { split($4, s, /, /); split($1, f, " "); first[s[1]]++; final[f[5]]++; n++ }
  END {
    if (!n) { printf "none"; exit }
    printf "%d (first replica:", n; for (k in first) printf " %s=%d", k, first[k]
    printf "; answered:"; for (k in final) printf " %s=%d", k, final[k]; printf ")" }' "$IT_OUT/nginx-access.log")
log "submissions: $(status_counts "$IT_OUT/submit.tsv" 6); reads: $(status_counts "$IT_OUT/read.tsv" 7)"
log "sent on to the other replica by nginx: $sent_on"
log "split: $split"
refused=$(grep -c 'connect() failed' "$IT_OUT/nginx-error.log" || true)
# Lost mid-way: sent on a kept-alive connection just as the stopping replica closed it. nginx sends such
# a request to the other replica, which is safe only if the first took nothing of it: a comment it had
# stored would now be stored twice, which the checks below fail on (without Idempotency-Keys, nothing
# else would merge the two copies).
lost=$(grep -c 'upstream prematurely closed\|reset by peer' "$IT_OUT/nginx-error.log" || true)
log "nginx: $refused connections to a replica refused, $lost requests lost mid-way (the replica closed the connection before answering)"
problems=()
[ -z "$submit_bad" ] || problems+=("submissions answered $submit_bad")
[ -z "$read_bad" ] || problems+=("reads answered $read_bad")
[ "$missing" = 0 ] || problems+=("$missing acknowledged but not stored")
[ "$duplicated" = 0 ] || problems+=("$duplicated stored more than once")
[ "$wrong_id" = 0 ] || problems+=("$wrong_id stored under another id")
[ "$unacked_stored" = 0 ] || problems+=("$unacked_stored stored without a 202")
problems+=("${bad_stops[@]}")
numbers="$threads threads, $sent submissions$([ "$idempotency_keys" = true ] && echo " with Idempotency-Keys"): $acked answered 202, $once stored exactly once; $reads reads of the list; $(printf '%s; ' "${restarts[@]}")requests nginx sent on to the other replica: $sent_on, $lost of them lost mid-way; split: $split"
conclude "$numbers" "${problems[@]}"
