#!/bin/bash
# Writes the application class-data archive APP_DIR/app-cds.jsa for the JVM that runs this script:
# starts the packaged service once, without a database, sends it one readiness probe once it
# listens, then stops it; at exit the JVM writes every class it loaded on the way (Hibernate,
# Vert.x, REST, validation, OpenAPI, health), parsed and verified. Quarkus's own early exit
# (-Dquarkus.appcds.generate) stops before any of those start, which left half of them out.
#
#   docker/write-app-cds.sh APP_DIR [java options the service runs with that an archive must match, e.g. the GC]
#
# The docker image runs it at build time (docker/Dockerfile.jvm), src/bench/run.sh on the build
# machine. Nothing is stored: the database URL leads nowhere, Flyway is off, the keys are throw-away.
set -eu
app=${1:?usage: write-app-cds.sh APP_DIR [java options]}
shift
log=$(mktemp)
rm -f "$app/app-cds.jsa"

QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:1/training-run-without-a-database \
QUARKUS_FLYWAY_MIGRATE_AT_START=false \
QUARKUS_HTTP_PORT=0 \
COMMENTS_EMAIL_KEY=dHJhaW5pbmctcnVuLW9ubHktbm90LWEtcmVhbC1rZXk= \
COMMENTS_EMAIL_HASH_KEY=dHJhaW5pbmctcnVuLW9ubHktbm90LWEtaGFzaC1rZXk= \
  java "$@" -XX:ArchiveClassesAtExit="$app/app-cds.jsa" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
pid=$!

# Quarkus logs "started in" once it listens; the archive is written when the JVM exits after SIGTERM.
tries=0
until grep -q 'started in' "$log"; do
  if ! kill -0 "$pid" 2>/dev/null || [ "$tries" -ge 1200 ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$app/app-cds.jsa"
    echo "write-app-cds: the service did not start:" >&2
    grep -v '\[cds' "$log" | tail -n 40 >&2
    exit 1
  fi
  tries=$((tries + 1))
  sleep 0.1
done
# One readiness probe (503 here, without a database) archives the classes the first real one needs.
port=$(sed -n 's/.*Listening on: http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$log" | head -n 1)
if [ -n "$port" ]; then
  (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 && cat <&3 > /dev/null) || true
fi
kill "$pid" 2>/dev/null || true
wait "$pid" || true
rm -f "$log"
[ -s "$app/app-cds.jsa" ] || { echo "write-app-cds: the JVM wrote no archive" >&2; exit 1; }
