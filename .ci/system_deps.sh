#!/usr/bin/env bash
# Debian packages the test services need: chromium (browser tests) and postgresql (the
# PostgreSQL tests' private server, see .ci/postgres.sh). Installs only what is missing,
# and only as root with apt-get; otherwise it says what is missing and exits 0 (the tests
# that need it then skip, or fail under CI=true). Quick when everything is there.
set -euo pipefail

missing=()
if ! [ -x "${NEWSGRAPH_CHROMIUM:-/usr/bin/chromium}" ] && ! command -v chromium >/dev/null; then
    missing+=(chromium)
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "note: test services need Debian packages: ${missing[*]} (not root with apt-get, so not installed)" >&2
    exit 0
fi
echo "installing Debian packages for the test services: ${missing[*]}" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
