#!/usr/bin/env bash
# Runs a benchmark (benchmarks module) against real components: Kafka, PostgreSQL, Radicale behind the iCloud proxy,
# a sync-worker in its own process. Installs Radicale when it is missing; builds what it runs.
#   ./bench.sh [push|poll|availability] [Maven arguments]
#   push (the default): the push path, e.g. ./bench.sh -Dbench.rounds=5 -Dbench.concurrency=16
#   poll: the read path against a plain full-listing client, e.g. ./bench.sh poll -Dbench.events=200 -Dbench.calendars=50
#   availability: the availability API under open-model load and ingest/replay, e.g. ./bench.sh availability -Dbench.seconds=10
set -euo pipefail
cd "$(dirname "$0")"
main=io.calsync.benchmarks.PushBenchmark
case "${1:-}" in
  push) shift ;;
  poll) main=io.calsync.benchmarks.PollBenchmark; shift ;;
  availability) main=io.calsync.benchmarks.AvailabilityBenchmark; shift ;;
esac
source ./prerequisites.sh
./mvnw -q -B -ntp -DskipTests install
exec ./mvnw -q -B -ntp -pl benchmarks exec:exec -Dbench.main="$main" "$@"
