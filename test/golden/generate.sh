#!/usr/bin/env bash
# Regenerates every fixture from PyTorch. Needs Debian's python3-torch and python3-torchvision:
#   apt-get install -y python3-torch python3-torchvision && bash test/golden/generate.sh
set -euo pipefail
cd "$(dirname "$0")"
for g in gen_*.py; do /usr/bin/python3 "$g"; done
