#!/usr/bin/env bash
# Install the Debian packages given as arguments when missing, plus what building Python
# packages needs (venv, headers, a compiler) when this Python lacks it.
# As root it installs them; otherwise it prints the exact apt-get line and stops.
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
python3 -c "import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" \
  || missing+=(python3-dev)
command -v gcc >/dev/null || missing+=(gcc)

[ ${#missing[@]} -eq 0 ] && exit 0
line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages. Run as root:"
  echo "  apt-get update && $line"
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
