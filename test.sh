#!/usr/bin/env bash
# Runs every test of calsync against real components: Kafka (started by the tests from Kafka's own jars),
# PostgreSQL (this machine's service on 127.0.0.1:5432, else an embedded one) and Radicale (a CalDAV server).
# Installs Radicale when it is missing; asks nothing; safe to run again. Arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
source ./prerequisites.sh
exec ./mvnw -B -ntp verify "$@"
