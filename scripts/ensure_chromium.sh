#!/usr/bin/env bash
# Installs Debian's Chromium (and CJK fonts for legible screenshots) when it is
# missing and we can; otherwise says loudly that browser tests will be skipped.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo ">>> Chromium not found: installing chromium, chromium-driver and fonts-noto-cjk with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null \
    && exit 0
fi
cat >&2 <<'MSG'
########################################################################
#  WARNING: /usr/bin/chromium is not installed and could not be        #
#  installed (needs root and apt-get). The browser tests (tests/e2e)   #
#  WILL BE SKIPPED. Install it with:                                   #
#      apt-get install -y chromium chromium-driver fonts-noto-cjk      #
########################################################################
MSG
exit 0
