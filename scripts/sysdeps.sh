#!/bin/sh
# System libraries the app needs on Debian/Ubuntu: PortAudio for audio capture, the XCB libraries
# Qt needs for a real window, espeak-ng for the benchmark's generated speech, Pango and a
# Unicode font for the summary's PDF, strace for the no-network test. Installed when
# running as root and missing; otherwise the exact command to run is printed.
[ "$(uname -s)" = "Linux" ] || exit 0
command -v dpkg-query >/dev/null 2>&1 || { echo "sysdeps: not a Debian-based system; install PortAudio, the XCB cursor/icccm/keysyms libraries and espeak-ng with your package manager."; exit 0; }
wanted="libportaudio2 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 espeak-ng libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core strace"
missing=""
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "sysdeps: installing$missing"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "sysdeps: missing system packages:$missing"
  echo "sysdeps: run: sudo apt-get install -y$missing"
fi
exit 0
