#!/usr/bin/env bash
# The four fault scenarios against the packaged jar on the real PostgreSQL, one after the other
# (CI calls this): SIGKILL under load, a PostgreSQL restart under load, two replicas with
# concurrent moderators behind nginx, and a rolling restart behind nginx. Each prints one verdict
# line; they are printed again together at the end, with how long each took. Exits non-zero when
# any failed. Every scenario's output is in target/it/fault-<name>.out, its logs in target/it/<name>/.
#
#   bash src/it/faults.sh              (builds the jar first only if there is none)
#   SKIP_BUILD=1 bash src/it/faults.sh
# Settings of src/it/topology.sh apply (IT_DB, IT_PG_PORT, IT_PG_CLUSTER, ...).
set -uo pipefail
cd "$(dirname "$0")/../.."

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  [ "${SKIP_BUILD:-0}" = 1 ] && { echo "no packaged jar (target/quarkus-app/quarkus-run.jar)" >&2; exit 1; }
  ./mvnw -B -q package -DskipTests || exit 1
fi
mkdir -p target/it

verdicts=()
failed=0
total0=$(date +%s)
for scenario in kill9 db-restart two-replicas rolling-restart; do
  out=target/it/fault-$scenario.out
  echo "━━━ fault-$scenario.sh"
  t0=$(date +%s)
  bash "src/it/fault-$scenario.sh" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  took=$(($(date +%s) - t0))
  line=$(grep '^fault ' "$out" | tail -n 1)
  [ -n "$line" ] || line="fault $scenario: FAIL no verdict (exit status $rc)"
  if [ "$rc" != 0 ] && [[ $line == *": PASS "* ]]; then
    line="$line (but the script exited with status $rc)"
  fi
  [ "$rc" = 0 ] || failed=$((failed + 1))
  verdicts+=("$line [${took} s]")
done

echo
echo "━━━ verdicts ($(($(date +%s) - total0)) s in all)"
printf '%s\n' "${verdicts[@]}"
[ "$failed" = 0 ]
