#!/usr/bin/env bash
# The whole test suite, as CI runs it: unit, conformance, end-to-end (H2 and embedded PostgreSQL), reliability and
# the report's browser test. Maven comes through its wrapper (./mvnw fetches Maven 3.9.16 once), so a JDK 17 is all
# the machine needs. Installs what the tests need that Maven cannot bring (Debian's chromium for the HTML report
# test) when it is missing and this user may install it.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the HTML report test..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "chromium could not be installed; the browser test will fail" >&2
  fi
fi
exec ./mvnw -B verify "$@"
