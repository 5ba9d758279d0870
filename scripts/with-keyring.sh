#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so keychain
# tests hit a real Secret Service and never the developer's own keyring:
#   bash scripts/with-keyring.sh npx vitest run electron/core/secrets
# The keyring lives in a temp folder removed afterwards. Only the keyring daemon (and the bus
# that may activate it) sees the temp HOME/XDG folders; the command keeps the caller's
# environment, plus TRADEWIND_ISOLATED_KEYRING=1, which tells the tests they may write entries.
# Without dbus-run-session, dbus-send or gnome-keyring-daemon (e.g. macOS), it runs the command directly
# and says why; the keychain tests then skip instead of touching the real keychain.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

missing=()
command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus-run-session)
command -v dbus-send >/dev/null 2>&1 || missing+=(dbus-send)
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=(gnome-keyring-daemon)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "with-keyring: ${missing[*]} not found (Debian: apt-get install dbus gnome-keyring); running the" \
    "command without a private keyring, so the real-keychain tests will skip." >&2
  exec "$@"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tradewind-keyring.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -m 700 "$tmp/home" "$tmp/data" "$tmp/cache" "$tmp/config" "$tmp/runtime"

# Remember the caller's values so the wrapped command gets them back ("unset" stays unset).
saved=""
for var in HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_CONFIG_HOME XDG_RUNTIME_DIR DISPLAY WAYLAND_DISPLAY; do
  if [ -n "${!var+x}" ]; then saved+="export $var=$(printf '%q' "${!var}"); "; else saved+="unset $var; "; fi
done

# No DISPLAY for the daemon: a keyring prompt must fail fast in tests, not open a window.
status=0
env -u DISPLAY -u WAYLAND_DISPLAY \
  HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
  XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/runtime" \
  TW_KEYRING_RESTORE_ENV="$saved" \
  dbus-run-session -- bash -c '
    set -euo pipefail
    bus() {
      dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus "$@" 2>/dev/null
    }
    # --unlock with a password on stdin creates the "login" keyring and leaves it unlocked.
    if ! printf %s "tradewind-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
      echo "with-keyring: gnome-keyring-daemon --unlock failed" >&2
      exit 1
    fi
    # The daemon returns before it owns the Secret Service name: wait for it, so the command never
    # races it (and never D-Bus-activates a second daemon).
    for _ in $(seq 100); do
      bus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q "boolean true" && break
      sleep 0.05
    done
    daemon=$(bus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk "/uint32/ {print \$2}" || true)
    if [ -z "$daemon" ]; then
      echo "with-keyring: the Secret Service did not come up on the private bus" >&2
      exit 1
    fi
    # The daemon can outlive the bus when the command is short, so stop it by its pid.
    trap "kill $daemon 2>/dev/null || true" EXIT
    eval "$TW_KEYRING_RESTORE_ENV"
    unset TW_KEYRING_RESTORE_ENV
    export TRADEWIND_ISOLATED_KEYRING=1
    status=0
    "$@" || status=$?
    exit "$status"
  ' with-keyring "$@" || status=$?
exit "$status"
