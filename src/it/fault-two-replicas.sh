#!/usr/bin/env bash
# Two replicas behind nginx, everything at once: readers submit distinct comments through the
# balancer while four moderators claim (POST /api/v1/moderation/claims {"limit":10}) and decide
# (POST .../comments/{id}/decision, If-Match the version the claim showed) through it too, so
# claims and decisions of one moderator land on both replicas. When the submissions stop, the
# moderators drain the queue. Passes when
#   - every submission was answered 202 and is stored exactly once; every claim and decision 200;
#   - no comment was claimed by two moderators or decided twice (in the answers and in the audit),
#     and every decision was made by the moderator holding the claim;
#   - the counts agree: database = decisions answered = GET /api/v1/moderation/stats on each replica;
#   - each replica served submissions, claims and decisions (the split, from nginx's access log).
#
#   bash src/it/fault-two-replicas.sh
set -euo pipefail
source "$(dirname "$0")/topology.sh"
topology_init two-replicas

threads=${FAULT_THREADS:-6}
comments=${FAULT_COMMENTS:-1000}
moderators=${FAULT_MODERATORS:-jane,joe,ann,bob}

start_replica 1
start_replica 2
wait_ready 1
wait_ready 2
start_lb 1 2

load_bg "$IT_OUT/load-submit.log" submit --base "$LB_URL" --threads "$threads" --article fault-two-replicas \
  --max "$comments" --out "$IT_OUT/submit.tsv" --seconds 120
submit_pid=$LAST_LOAD_PID
load_bg "$IT_OUT/load-moderate.log" moderate --base "$LB_URL" --moderators "$moderators" --limit 10 \
  --out "$IT_OUT/moderate.tsv" --stop-file "$IT_OUT/stop-moderate" --seconds 150
moderate_pid=$LAST_LOAD_PID

load_wait "$submit_pid" "$IT_OUT/load-submit.log"
log "submissions done; the moderators drain the queue"
touch "$IT_OUT/stop-moderate"
load_wait "$moderate_pid" "$IT_OUT/load-moderate.log"

# ─── Checks ──────────────────────────────────────────────────────────────────────────────────
token=$(load_java token auditor)
stats() { curl -fsS -H "Authorization: Bearer $token" "$1/api/v1/moderation/stats"; }
counts_of() { # stats JSON → "APPROVED=n PENDING=n REJECTED=n SPAM=n"
  python3 -c 'import json, sys; c = json.load(sys.stdin)["counts"]; print(" ".join(f"{k}={c.get(k, 0)}" for k in ("APPROVED", "PENDING", "REJECTED", "SPAM")))'
}
stats_lb=$(stats "$LB_URL" | counts_of)
stats_1=$(stats "$(replica_url 1)" | counts_of)
stats_2=$(stats "$(replica_url 2)" | counts_of)
# The balancer's headers: its own answer (the 404 keeping /q/ from the public) carries the service's,
# and a replica's answer carries each once.
headers_of() { curl -s -o /dev/null -D - "$@" | tr -d '\r' | tr 'A-Z' 'a-z'; }
lb_own=$(headers_of "$LB_URL/q/health/live")
lb_proxied=$(headers_of -H 'X-Request-Id: two-replicas-check' "$LB_URL/api/v1/articles/fault-two-replicas-none/comments")
lb_headers=ok
grep -q '^http/1.1 404' <<< "$lb_own" && grep -q '^x-content-type-options: nosniff$' <<< "$lb_own" \
  && grep -q '^x-request-id: [0-9a-f]' <<< "$lb_own" || lb_headers="nginx's own 404 lacks nosniff or X-Request-Id"
[ "$(grep -c '^x-content-type-options: nosniff$' <<< "$lb_proxied")" = 1 ] && grep -q '^x-request-id: two-replicas-check$' <<< "$lb_proxied" \
  && [ "$(grep -c '^x-request-id:' <<< "$lb_proxied")" = 1 ] || lb_headers="a replica's answer through nginx lacks a single nosniff or its X-Request-Id"
split=$(lb_split)
stop_replica 1
stop_replica 2

read -r sent acked once missing duplicated wrong_id unacked_stored < <(check_submissions "$IT_OUT/submit.tsv")
submit_other=$(status_counts "$IT_OUT/submit.tsv" 6 '$6 != "202"')

psql_it -c "DROP TABLE IF EXISTS load_moderate" \
  -c "CREATE TABLE load_moderate (kind text, moderator text, comment_id text, detail text, start_ms bigint, end_ms bigint,
        status text, new_status text, new_version text)" > /dev/null
# Claim lines have 7 columns, decisions 9: pad them all to 9.
awk -F'\t' -v OFS='\t' '{ while (NF < 9) $(NF + 1) = "-"; print }' "$IT_OUT/moderate.tsv" > "$IT_OUT/moderate-padded.tsv"
psql_it -c "\\copy load_moderate FROM '$IT_OUT/moderate-padded.tsv'"
read -r claimed claim_calls claim_failed claimed_twice decisions decision_failed decided_twice decided_unclaimed answered_counts < <(psql_it -F' ' -c "
  SELECT
    (SELECT count(DISTINCT comment_id) FROM load_moderate WHERE kind = 'C'),
    (SELECT count(DISTINCT (moderator, start_ms)) FROM load_moderate WHERE kind IN ('C', 'CE', 'CN')),
    (SELECT count(*) FROM load_moderate WHERE kind = 'CE'),
    (SELECT count(*) FROM (SELECT comment_id FROM load_moderate WHERE kind = 'C' GROUP BY comment_id
       HAVING count(DISTINCT moderator) > 1) t),
    (SELECT count(*) FROM load_moderate WHERE kind = 'D'),
    (SELECT count(*) FROM load_moderate WHERE kind = 'D' AND status <> '200'),
    (SELECT count(*) FROM (SELECT comment_id FROM load_moderate WHERE kind = 'D' AND status = '200' GROUP BY comment_id
       HAVING count(*) > 1) t),
    (SELECT count(*) FROM load_moderate d WHERE kind = 'D' AND NOT EXISTS (
       SELECT 1 FROM load_moderate c WHERE c.kind = 'C' AND c.comment_id = d.comment_id AND c.moderator = d.moderator)),
    (SELECT string_agg(s || '=' || n, ',' ORDER BY s) FROM (
       SELECT new_status AS s, count(*) AS n FROM load_moderate WHERE kind = 'D' AND status = '200' GROUP BY new_status) t)")
read -r audit_claimed_twice audit_decided_twice audit_decisions audit_not_claimer < <(psql_it -F' ' -c "
  SELECT
    (SELECT count(*) FROM (SELECT comment_id FROM audit_entry WHERE action = 'CLAIM' GROUP BY comment_id
       HAVING count(DISTINCT actor) > 1) t),
    (SELECT count(*) FROM (SELECT comment_id FROM audit_entry WHERE action IN ('APPROVE', 'REJECT', 'SPAM', 'RESTORE')
       GROUP BY comment_id HAVING count(*) > 1) t),
    (SELECT count(*) FROM audit_entry WHERE action IN ('APPROVE', 'REJECT', 'SPAM', 'RESTORE')),
    (SELECT count(*) FROM audit_entry d WHERE d.action IN ('APPROVE', 'REJECT', 'SPAM', 'RESTORE') AND NOT EXISTS (
       SELECT 1 FROM audit_entry c WHERE c.action = 'CLAIM' AND c.comment_id = d.comment_id AND c.actor = d.actor))")
db_counts=$(psql_it -F' ' -c "SELECT s, (SELECT count(*) FROM comment WHERE status = s)
  FROM unnest(ARRAY['APPROVED', 'PENDING', 'REJECTED', 'SPAM']) s" | awk '{ printf "%s%s=%s", (NR > 1 ? " " : ""), $1, $2 }')
# What the answers say the database must hold: every 202 a comment, each decided one with its answered status.
expected=$(awk -v acked="$acked" -v answered="$answered_counts" 'BEGIN {
  n = split(answered, kv, ","); for (i = 1; i <= n; i++) { split(kv[i], p, "="); c[p[1]] = p[2]; decided += p[2] }
  printf "APPROVED=%d PENDING=%d REJECTED=%d SPAM=%d", c["APPROVED"], acked - decided, c["REJECTED"], c["SPAM"] }')
log "database: $db_counts; from the answers: $expected; stats through the balancer: $stats_lb, replica 1: $stats_1, replica 2: $stats_2"
log "split: $split"

problems=()
[ -z "$submit_other" ] || problems+=("submissions answered $submit_other")
[ "$missing" = 0 ] || problems+=("$missing acknowledged but not stored")
[ "$duplicated" = 0 ] || problems+=("$duplicated stored more than once")
[ "$wrong_id" = 0 ] || problems+=("$wrong_id stored under another id")
[ "$claim_failed" = 0 ] || problems+=("$claim_failed claims failed: $(status_counts "$IT_OUT/moderate.tsv" 7 '$1 == "CE"')")
[ "$decision_failed" = 0 ] || problems+=("$decision_failed decisions failed: $(status_counts "$IT_OUT/moderate.tsv" 7 '$1 == "D" && $7 != "200"')")
[ "$claimed_twice" = 0 ] || problems+=("$claimed_twice comments claimed by two moderators (answers)")
[ "$audit_claimed_twice" = 0 ] || problems+=("$audit_claimed_twice comments claimed by two moderators (audit)")
[ "$decided_twice" = 0 ] || problems+=("$decided_twice comments decided twice (answers)")
[ "$audit_decided_twice" = 0 ] || problems+=("$audit_decided_twice comments decided twice (audit)")
[ "$decided_unclaimed" = 0 ] || problems+=("$decided_unclaimed decisions by a moderator without the claim (answers)")
[ "$audit_not_claimer" = 0 ] || problems+=("$audit_not_claimer decisions by a moderator without the claim (audit)")
[ "$audit_decisions" = "$((decisions - decision_failed))" ] || problems+=("$audit_decisions decisions audited, $((decisions - decision_failed)) answered 200")
[ "$db_counts" = "$expected" ] || problems+=("database ($db_counts) differs from the answers ($expected)")
for s in "$stats_lb" "$stats_1" "$stats_2"; do
  [ "$s" = "$db_counts" ] || problems+=("stats ($s) differ from the database ($db_counts)")
done
[ "$lb_headers" = ok ] || problems+=("$lb_headers")
for n in 1 2; do
  for kind in submit claim decision; do
    grep -Eq "replica $n:[^;]* $kind=[1-9]" <<< "$split" || problems+=("replica $n served no $kind")
  done
done
numbers="$sent submitted through the balancer, $acked acknowledged and $once stored exactly once; moderators ${moderators//,/, }: $claim_calls claims ($claimed comments), $decisions decisions; claimed by two moderators: $claimed_twice in the answers, $audit_claimed_twice in the audit; decided twice: $decided_twice / $audit_decided_twice; decided without holding the claim: $decided_unclaimed / $audit_not_claimer; counts (database, answers, stats through the balancer and on each replica): $db_counts; split: $split"
conclude "$numbers" "${problems[@]}"
