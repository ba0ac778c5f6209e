#!/usr/bin/env bash
# apt_install PACKAGE...: installs Debian packages, through sudo when not root. Sourced by build scripts.
apt_install() {
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}
