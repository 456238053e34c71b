#!/bin/bash
# Stand-in for the UBI image's /opt/jboss/container/java/run/run-java.sh, for the variables
# docker/Dockerfile.jvm uses. src/it/image.sh copies it into the local Debian base image that it tags
# registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23 (no registry is reachable in CI).
#
# Like the UBI script: starts in JAVA_APP_DIR (default /deployments), passes JAVA_OPTS, the collector
# from GC_CONTAINER_OPTIONS (UBI's default -XX:+UseParallelGC) and JAVA_OPTS_APPEND, in that order,
# runs JAVA_APP_JAR with the container's arguments, and execs the JVM, so it is PID 1 and receives
# SIGTERM from `podman stop` itself. Unlike it: no memory sizing from the cgroup limit (UBI adds
# -XX:MaxRAMPercentage=80.0 and friends), no JAVA_MAIN_CLASS, debug or proxy options.
set -eu
cd "${JAVA_APP_DIR:-/deployments}"
if [ -z "${JAVA_APP_JAR:-}" ]; then
  echo "run-java.sh: JAVA_APP_JAR is not set" >&2
  exit 1
fi
# Word splitting of the option variables is wanted: each holds several options.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} ${GC_CONTAINER_OPTIONS--XX:+UseParallelGC} ${JAVA_OPTS_APPEND:-} -jar "$JAVA_APP_JAR" "$@"
