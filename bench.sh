#!/usr/bin/env bash
# Runs the push benchmark (benchmarks module) against real components: Kafka, PostgreSQL, Radicale behind the
# iCloud proxy, a sync-worker in its own process. Installs Radicale when it is missing; builds what it runs.
# Arguments go to Maven, e.g. ./bench.sh -Dbench.rounds=5 -Dbench.concurrency=16
set -euo pipefail
cd "$(dirname "$0")"
source ./prerequisites.sh
./mvnw -q -B -ntp -DskipTests install
exec ./mvnw -q -B -ntp -pl benchmarks exec:exec "$@"
