#!/usr/bin/env bash
# Runs every test of calsync against real components: Kafka (started by the tests from Kafka's own jars),
# PostgreSQL (this machine's service on 127.0.0.1:5432, else an embedded one) and Radicale (a CalDAV server).
# Installs Radicale when it is missing; asks nothing; safe to run again. Arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

if [ ! -x /usr/bin/radicale ]; then
  echo "test.sh: installing Radicale (the CalDAV server the tests run against)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq radicale >/dev/null
fi

# A PostgreSQL service that is installed but stopped is started; without one the tests embed PostgreSQL.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi

exec ./mvnw -B -ntp verify "$@"
