# Sourced by run.sh and calsync: builds calsync (./mvnw install, tests skipped) when the standalone jar is missing or
# older than a source file; prints one line per module built, keeps the whole output in $CALSYNC_HOME/build.log.
jar=standalone/target/calsync-standalone.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./.calsync -prune -o -path '*/target' -prune -o \
      \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name '*.json' -o -name '*.xml' \) -newer "$jar" -print -quit)" ]; then
  echo "calsync: building (the first build downloads dependencies and takes a few minutes)..."
  # one line per module built; everything else (and the whole output, should it fail) goes to the build log
  mkdir -p "${CALSYNC_HOME:-.calsync}" && chmod 700 "${CALSYNC_HOME:-.calsync}"
  build_log="${CALSYNC_HOME:-.calsync}/build.log"
  if ! ./mvnw -B -ntp -DskipTests install 2>&1 | tee "$build_log" \
      | grep --line-buffered -E "^\[INFO\] Building calsync" | sed -u 's/^\[INFO\] /calsync:   /'; then
    grep -E "ERROR" "$build_log" | head -20 >&2
    echo "calsync: the build failed; the whole output is in $build_log" >&2
    exit 1
  fi
fi
