# Sourced by test.sh and bench.sh: installs Radicale (the CalDAV server tests and benchmarks run against) when it
# is missing, and starts this machine's PostgreSQL service when it is installed but stopped (without one, the
# tests embed PostgreSQL). Asks nothing; safe to run again.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

if [ ! -x /usr/bin/radicale ]; then
  echo "calsync: installing Radicale (the CalDAV server the tests and benchmarks run against)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq radicale >/dev/null
fi

if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi
