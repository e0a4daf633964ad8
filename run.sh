#!/usr/bin/env bash
# Starts calsync on its embedded defaults: a Kafka broker in the same process, this machine's PostgreSQL on
# 127.0.0.1:5432 (or an embedded PostgreSQL when none answers), both services. Ctrl-C stops everything.
# Arguments are passed to both services, e.g. ./run.sh --calsync.poll.interval=10s
# Environment: see "Configuration" in README.md (CALSYNC_HOME, CALSYNC_WORKER_PORT, CALSYNC_CALDAV_ROOT_URL, ...).
set -euo pipefail
cd "$(dirname "$0")"

source ./build-if-needed.sh
# everything the run writes (keys, Kafka's records with event titles, an embedded PostgreSQL) is for this user only:
# the directories are made rwx------ by calsync itself, the umask makes every file inside rw------- as well
umask 077
exec java -Xmx768m -XX:+UseSerialGC -jar "$jar" "$@"
