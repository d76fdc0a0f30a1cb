#!/bin/sh
# Install every Debian package that the build, the tests and the demo need.
# As root: apt-get installs what is missing. Otherwise: print the exact command, exit 1.
# liblinear-dev: the comment model (training at build time, prediction);
# fasttext and liblinear-tools: scripts/compare_backends.py (the library choice).
set -eu
PKGS="build-essential pkg-config tzdata ca-certificates
 libcurl4-openssl-dev libxlsxwriter-dev libhpdf-dev zlib1g-dev libjansson-dev
 libfribidi-dev libutf8proc-dev libinih-dev libmicrohttpd-dev libcmocka-dev liblinear-dev
 python3 python3-fonttools fonts-dejavu-core
 fonts-symbola fonts-droid-fallback fonts-unifont gettext poppler-utils qpdf python3-openpyxl
 python3-aiosmtpd libreoffice-calc-nogui valgrind man-db clang libclang-rt-14-dev
 fasttext liblinear-tools"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "setup: missing packages. Run as root:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
echo "setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
