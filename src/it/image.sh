#!/usr/bin/env bash
# The container image, end to end, on a machine with no Docker engine and no image registry:
# builds docker/Dockerfile.jvm unchanged with rootful podman, runs it as the README says (every
# setting an environment variable) against the local PostgreSQL, and checks it answers, stores, runs
# as uid 185 and maps the class-data archive its build wrote. Prints one verdict line on stdout:
#
#   image: PASS base made in 170 s, built in 55 s, ready in 4.5 s, uid 185, 202 json, 303 form, 2 rows,
#     7645 of 14112 classes from the app CDS archive, stopped by SIGTERM in 0.6 s (exit 143), 247 s in all
#   image: FAIL <what failed, with the tool's own error>            (and exits 1)
#
# Run as root from anywhere, after `./mvnw -B package -DskipTests` (or verify) built target/quarkus-app:
#
#   bash src/it/image.sh
#
# The Dockerfile starts FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23, which CI cannot
# pull. The script makes a local stand-in under that exact name once (Debian bookworm minbase plus
# Debian's OpenJDK 17, user 185, /deployments, a run-java.sh doing what UBI's does with the variables
# the Dockerfile sets: src/it/image/run-java.sh) and keeps it in podman's storage: later runs reuse it.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); the database IMAGE_IT_DB
# (commentdesk_image) is dropped, created, and dropped again at the end.
set -Eeuo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

base_image=registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23   # the Dockerfile's FROM, verbatim
image=comment-desk
container=comment-desk-image-it
db=${IMAGE_IT_DB:-commentdesk_image}
base_dir=target/image-base          # debootstrap's root file system (until imported) and its log
work=target/image-it                # logs and answers of this run
origin=https://news.example.com
t0=$(date +%s.%N)

say() { echo "image.sh: $*" >&2; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
psql_pg() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
# Rootful podman as it works on these CI machines (no systemd as PID 1, cgroup v1): runc and plain
# cgroupfs instead of the systemd cgroup manager; events to a file, as there may be no journald.
pm() { podman --runtime runc --cgroup-manager cgroupfs --events-backend file "$@"; }
# podman gives a container 1048576 open files and as many processes. Raising a hard limit needs
# CAP_SYS_RESOURCE, which root lacks on these CI machines, so runc fails ("error setting rlimit type
# 7: operation not permitted"; type 6 for processes). The container gets the host's own open-file
# limits, and at most 32768 processes: podman 4.3 lowers its own process limit to that (strace shows
# setrlimit(RLIMIT_NPROC, 32768)) before runc starts the container under it.
limit() { local v; v=$(ulimit "$1"); [ "$v" = unlimited ] && v=32768; [ "$v" -le 32768 ] || v=32768; echo "$v"; }
ulimits=(--ulimit "nofile=$(ulimit -Sn):$(ulimit -Hn)" --ulimit "nproc=$(limit -Su):$(limit -Hu)")

# ─── Verdict and clean-up ───────────────────────────────────────────────────────────────────
# Whatever happens, the container and the database go, and the last line is the verdict. A command
# that fails unexpectedly (set -e) is named in it, with the line.
verdict=""
failed_at=""
db_made=0
fail() { verdict="image: FAIL $*"; exit 1; }
last_error() { grep -aiE 'error|fail|denied|cannot|unable' "$1" | tail -n 1 | cut -c1-300 || true; }
on_exit() {
  local rc=$?
  set +e
  pm rm --force --ignore --time 5 "$container" >/dev/null 2>&1
  [ "$db_made" = 1 ] && psql_pg -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  [ -n "$verdict" ] || verdict="image: FAIL exit $rc${failed_at:+ at $failed_at}"
  echo "$verdict"
  case $verdict in "image: PASS"*) exit 0 ;; *) exit 1 ;; esac
}
trap on_exit EXIT
trap '[ -n "$failed_at" ] || failed_at="line $LINENO: $BASH_COMMAND"' ERR
trap 'fail "interrupted"' INT TERM

[[ $db =~ ^[a-z_][a-z0-9_]*$ ]] || fail "IMAGE_IT_DB must be a plain lower-case name, not '$db'"
[ "$(id -u)" = 0 ] || fail "run as root (rootful podman, debootstrap and apt-get need it)"
[ -f target/quarkus-app/quarkus-run.jar ] ||
  fail "target/quarkus-app/quarkus-run.jar is missing: run ./mvnw -B package -DskipTests first"
mkdir -p "$work"

# ─── Tools ──────────────────────────────────────────────────────────────────────────────────
# Installed only when missing. runc is asked for by name: podman would otherwise pull in crun, and
# runc is the runtime known to work on these machines. apt's Recommends come along with podman
# (buildah, fuse-overlayfs, uidmap, slirp4netns, catatonit): Debian's usual podman set-up.
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || [ -x /usr/sbin/runc ] || missing+=(runc)
command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q "${missing[@]}"; } > "$work/apt.log" 2>&1 ||
    fail "apt-get install ${missing[*]}: $(last_error "$work/apt.log")"
fi
export PATH=$PATH:/usr/sbin:/sbin

# ─── The base image ─────────────────────────────────────────────────────────────────────────
# Made once: debootstrap takes a few minutes, podman keeps the result under the Dockerfile's FROM
# name, and `podman build --pull=never` below takes it from there. The stand-in carries a label with
# the hash of its run-java.sh, so an edited script makes a new one; an image without the label (the
# real UBI one, pulled by hand) is used as it is.
recipe=$(sha256sum < src/it/image/run-java.sh | cut -c1-16)
cached_recipe=$(pm image inspect -f '{{index .Labels "io.commentdesk.it.run-java"}}' "$base_image" 2>/dev/null || echo missing)
case $cached_recipe in
  "$recipe" | "" | "<no value>") make_base=0 ;;   # this stand-in, or not one of ours
  *) make_base=1 ;;                                # missing, or a stand-in with another run-java.sh
esac
base_note="base cached"
if [ "$make_base" = 1 ]; then
  say "making the base image $base_image from Debian bookworm (once)"
  tb=$(date +%s.%N)
  rootfs=$base_dir/rootfs
  rm -rf "$rootfs" && mkdir -p "$base_dir"
  # --include resolves the JRE's dependencies; debootstrap mounts /proc for their scripts
  # (ca-certificates-java runs java). minbase: apt and the essential packages, no init system.
  debootstrap --variant=minbase --include=openjdk-17-jre-headless \
    bookworm "$rootfs" http://deb.debian.org/debian > "$base_dir/debootstrap.log" 2>&1 ||
    fail "debootstrap: $(last_error "$base_dir/debootstrap.log") (log: $base_dir/debootstrap.log)"
  jvm=$(cd "$rootfs/usr/lib/jvm" && ls -d java-17-openjdk-* | head -n 1)
  # An application archive (-XX:ArchiveClassesAtExit) sits on top of the JDK's own CDS archive;
  # without lib/server/classes.jsa the Dockerfile's RUN could write none.
  [ -s "$rootfs/usr/lib/jvm/$jvm/lib/server/classes.jsa" ] ||
    fail "the base image's JDK ($jvm) has no default CDS archive lib/server/classes.jsa"
  # What UBI's openjdk-17-runtime has and the Dockerfile relies on: JAVA_HOME at /usr/lib/jvm/jre,
  # user jboss (uid 185, group root, also in group jboss 185) with home /home/jboss, /deployments
  # owned by 185 and group-writable, and the run script.
  ln -sfn "$jvm" "$rootfs/usr/lib/jvm/jre"
  groupadd --root "$(realpath "$rootfs")" -r -g 185 jboss
  useradd --root "$(realpath "$rootfs")" -r -u 185 -g 0 -G jboss -m -d /home/jboss \
    -s /sbin/nologin -c "JBoss user" jboss
  install -d -o 185 -g 0 -m 0775 "$rootfs/deployments"
  install -D -m 0755 src/it/image/run-java.sh "$rootfs/opt/jboss/container/java/run/run-java.sh"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" --numeric-owner -cf - . | pm import \
    --message "Stand-in for UBI openjdk-17-runtime: Debian bookworm minbase + openjdk-17-jre-headless (src/it/image.sh)" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/jre' \
    --change 'ENV JAVA_VERSION=17' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV HOME=/home/jboss' \
    --change 'ENV JAVA_APP_DIR=/deployments' \
    --change 'LABEL io.commentdesk.it.base=debian-bookworm-openjdk-17' \
    --change "LABEL io.commentdesk.it.run-java=$recipe" \
    --change 'USER 185' \
    --change 'WORKDIR /home/jboss' \
    --change 'CMD ["/opt/jboss/container/java/run/run-java.sh"]' \
    - "$base_image" > "$base_dir/import.log" 2>&1 ||
    fail "podman import: $(last_error "$base_dir/import.log")"
  # The image is the cache; the root-owned root file system would only stand in the way of a later
  # `mvn clean` by a normal user.
  rm -rf "$rootfs"
  base_note="base made in $(seconds_since "$tb") s"
fi

# ─── The image ──────────────────────────────────────────────────────────────────────────────
# The Dockerfile as it is. --pull=never: the base must be the local one, never a registry's.
# --network none: the RUN that writes the class-data archive starts the service with a database
# URL leading nowhere; it needs loopback only, and gets nothing more.
say "building $image from docker/Dockerfile.jvm"
tb=$(date +%s.%N)
pm build --pull=never --network none -f docker/Dockerfile.jvm -t "$image" . > "$work/build.log" 2>&1 ||
  fail "podman build: $(last_error "$work/build.log") (log: $work/build.log)"
build_note="built in $(seconds_since "$tb") s"
# podman reuses layers whose inputs (base, jar, script) are unchanged: say so rather than pass off a
# cached archive-writing step as a fresh one.
grep -A1 '^STEP .*: RUN bash /deployments/write-app-cds.sh' "$work/build.log" | grep -q 'Using cache' &&
  build_note="$build_note (layers cached)"
pm run --rm "${ulimits[@]}" --entrypoint test "$image" -s /deployments/app-cds.jsa ||
  fail "the image has no /deployments/app-cds.jsa"

# ─── The database ───────────────────────────────────────────────────────────────────────────
# PostgreSQL may be restarting (other tests on the machine restart it on purpose): wait for it.
deadline=$((SECONDS + 90))
until psql_pg -c 'SELECT 1' postgres >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || fail "PostgreSQL on 127.0.0.1:5432 did not answer for 90 s"
  sleep 1
done
psql_pg -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null
db_made=1
psql_pg -c "CREATE DATABASE $db" postgres >/dev/null

# ─── The container ──────────────────────────────────────────────────────────────────────────
# The host's network: PostgreSQL listens on the host's loopback, and no bridge or firewall set-up is
# needed. So the service gets a free port of its own. 384 MB is what the README tells a replica to get.
# JAVA_OPTS (empty in the image, read by run-java.sh) adds a class-loading log: each class says
# where it came from, "shared objects file (top)" being the application archive.
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 20000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || fail "no free port found"
base="http://127.0.0.1:$port"
email_key=$(openssl rand -base64 32)
email_hash_key=$(openssl rand -base64 32)
pm rm --force --ignore "$container" >/dev/null 2>&1
tr=$(date +%s.%N)
pm run -d --name "$container" --network host --memory 384m "${ulimits[@]}" \
  -e QUARKUS_HTTP_PORT="$port" \
  -e QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
  -e QUARKUS_DATASOURCE_USERNAME=postgres \
  -e QUARKUS_DATASOURCE_PASSWORD= \
  -e COMMENTS_EMAIL_KEY="$email_key" \
  -e COMMENTS_EMAIL_HASH_KEY="$email_hash_key" \
  -e COMMENTS_ALLOWED_ORIGINS="$origin" \
  -e JAVA_OPTS="-Xlog:class+load=info:file=/tmp/class-load.log" \
  "$image" > "$work/run.log" 2>&1 || fail "podman run: $(last_error "$work/run.log")"

# Ready: polled (every 0.1 s) up to 120 s, as other builds may share the two cores.
deadline=$((SECONDS + 120))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/q/health/ready")" = 200 ]; do
  if [ "$(pm inspect -f '{{.State.Running}}' "$container" 2>/dev/null)" != true ]; then
    pm logs "$container" > "$work/container.log" 2>&1 || true
    fail "the container stopped before ready: $(last_error "$work/container.log") (log: $work/container.log)"
  fi
  if [ $SECONDS -ge $deadline ]; then
    pm logs "$container" > "$work/container.log" 2>&1 || true
    fail "not ready within 120 s (log: $work/container.log)"
  fi
  sleep 0.1
done
ready_s=$(seconds_since "$tr")

# Non-root: the JVM (PID 1, as run-java.sh execs it) runs as uid 185, and so does podman exec.
pid1=$(pm exec "$container" cat /proc/1/comm)
pid1_uid=$(pm exec "$container" sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/1/status)
exec_uid=$(pm exec "$container" id -u)
[ "$pid1" = java ] || fail "PID 1 in the container is '$pid1', not java (run-java.sh must exec it)"
[ "$pid1_uid" = 185 ] && [ "$exec_uid" = 185 ] ||
  fail "the service runs as uid $pid1_uid (exec: $exec_uid), not 185"

# One JSON and one form submission, from two addresses: the flood rule refuses a second comment from
# one address within 15 s (a different source address on loopback is a different reader).
run_id=$(date +%s)-$$
ana="ana-$run_id@example.com"
bo="bo-$run_id@example.com"
json_status=$(curl -s -o "$work/json.body" -w '%{http_code}' --max-time 20 \
  -H 'Content-Type: application/json' \
  --data-binary "{\"authorName\":\"Ana\",\"authorEmail\":\"$ana\",\"content\":\"From the image\"}" \
  "$base/api/v1/articles/image-it/comments")
[ "$json_status" = 202 ] || fail "JSON submission answered $json_status: $(head -c 300 "$work/json.body")"
! grep -qF "$ana" "$work/json.body" || fail "the JSON answer contains the author's email"
form_status=$(curl -s -o /dev/null -D "$work/form.headers" -w '%{http_code}' --max-time 20 --interface 127.0.0.2 \
  -H 'Content-Type: application/x-www-form-urlencoded' -H "Referer: $origin/story" \
  --data-binary "author=Bo&email=${bo/@/%40}&comment=Hi" \
  "$base/api/v1/articles/image-it/comments")
[ "$form_status" = 303 ] || fail "form submission answered $form_status"
grep -qi "^location: $origin/story" "$work/form.headers" || fail "the form's 303 does not lead back to $origin/story"
rows=$(psql_pg -c "SELECT count(*) FROM comment WHERE article_id = 'image-it'" "$db")
[ "$rows" = 2 ] || fail "$rows comments of image-it in the database, not 2"
clear=$(psql_pg -c "SELECT count(*) FROM comment WHERE email_sealed LIKE '%@%'" "$db")
[ "$clear" = 0 ] || fail "an email is stored in clear"

# The application class-data archive in use: classes the running JVM took from it, not from the jars.
# (A missing or unfitting archive is silently ignored, so its mere presence proves nothing.)
pm exec "$container" cat /tmp/class-load.log > "$work/class-load.log"
from_app_cds=$(grep -c 'source: shared objects file (top)' "$work/class-load.log" || true)
loaded=$(grep -c 'source:' "$work/class-load.log" || true)
[ "$from_app_cds" -ge 1000 ] ||
  fail "only $from_app_cds of $loaded classes came from the app CDS archive (log: $work/class-load.log)"

# SIGTERM reaches the JVM: it stops well before podman's 30 s would end in SIGKILL (exit 137).
ts=$(date +%s.%N)
pm stop --time 30 "$container" >/dev/null
stop_s=$(seconds_since "$ts")
code=$(pm inspect -f '{{.State.ExitCode}}' "$container")
[ "$code" != 137 ] || fail "the JVM ignored SIGTERM and was killed after 30 s"
pm logs "$container" > "$work/container.log" 2>&1 || true
# 143 (128 + SIGTERM) is the JVM's status after a graceful stop; anything else means it failed on the way.
[ "$code" = 143 ] || fail "the container exited $code after SIGTERM, not 143 (log: $work/container.log)"

verdict="image: PASS $base_note, $build_note, ready in $ready_s s, uid 185, 202 json, 303 form, $rows rows,"
verdict="$verdict $from_app_cds of $loaded classes from the app CDS archive, stopped by SIGTERM in $stop_s s (exit $code),"
verdict="$verdict $(seconds_since "$t0") s in all"
