#!/usr/bin/env bash
# Runs the official Engine.IO v4 and Socket.IO v5 protocol suites against Toki.ConformanceServer.
#
#   tools/conformance/run.sh ENGINE_IO_PROTOCOL SOCKET_IO_PROTOCOL
#
# Each argument is a git checkout (or a bare git directory) of github.com/socketio/engine.io-protocol and
# github.com/socketio/socket.io-protocol; their test-suite/test-suite.js is run as it is at the checkout (HEAD for a
# bare directory). The script builds and starts Toki.ConformanceServer on a free port, installs the suites' test
# libraries with npm from the lock file here (first run, or when it changed), runs both suites with mocha and ends with
#
#   engine.io-protocol: N passed, M failed
#   socket.io-protocol: N passed, M failed
#
# Exit status: 0 all passed, 1 some test failed, 2 the run itself failed (bad path, build, server, npm).
# Environment: CONFORMANCE_PORT (default: a free port), CONFORMANCE_NODE_DIR (where the test libraries are installed
# and the suites copied; default: this folder), CONFORMANCE_SKIP_BUILD=1 (use the server as last built).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

fail() { echo "conformance: $*" >&2; exit 2; }

[ $# -eq 2 ] || fail "usage: $0 ENGINE_IO_PROTOCOL_CHECKOUT SOCKET_IO_PROTOCOL_CHECKOUT"
command -v node >/dev/null || fail "node is not on the PATH (Node 20 or later is needed)"
command -v npm >/dev/null || fail "npm is not on the PATH"

node_dir="${CONFORMANCE_NODE_DIR:-$here}"
mkdir -p "$node_dir" || fail "cannot create $node_dir"

# The suite's test file and the commit it comes from, from a checkout or a bare git directory.
suite_source() { # path -> prints the file's text
  local path="$1"
  if [ -f "$path/test-suite/test-suite.js" ]; then
    cat "$path/test-suite/test-suite.js"
  else
    git --git-dir="$path" show HEAD:test-suite/test-suite.js 2>/dev/null
  fi
}
suite_commit() {
  local path="$1"
  git -C "$path" rev-parse --short HEAD 2>/dev/null || git --git-dir="$path" rev-parse --short HEAD 2>/dev/null || echo "unknown"
}

# The test libraries, pinned by package-lock.json; reinstalled only when the lock file changed.
if [ "$node_dir" != "$here" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/" || fail "cannot copy package.json to $node_dir"
fi
stamp="$node_dir/node_modules/.toki-conformance-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$here/package-lock.json" "$stamp"; then
  echo "conformance: installing the suites' test libraries (npm ci in $node_dir, about 30 s the first time)"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed in $node_dir"
  cp "$here/package-lock.json" "$stamp"
fi

port="${CONFORMANCE_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"

# Copy each suite next to the libraries, pointed at the server's port, with the frame-at-a-time glue.
run_dir="$node_dir/.run"
rm -rf "$run_dir"
for suite in engine.io-protocol socket.io-protocol; do
  if [ "$suite" = engine.io-protocol ]; then path="$1"; else path="$2"; fi
  dir="$run_dir/$suite"
  mkdir -p "$dir"
  source_text="$(suite_source "$path")" || true
  [ -n "$source_text" ] || fail "$path is not a checkout of $suite (no test-suite/test-suite.js)"
  grep -q 'const URL = "http://localhost:3000";' <<<"$source_text" || fail "$suite: the suite no longer sets its URL as expected"
  sed "s#const URL = \"http://localhost:3000\";#const URL = \"http://127.0.0.1:$port\";#" <<<"$source_text" > "$dir/test-suite.js"
  cp "$here/node-imports.js" "$dir/node-imports.js"
  # The reporter resolves mocha from where it lies, so it lies next to the installed test libraries.
  cp "$here/count-reporter.cjs" "$run_dir/count-reporter.cjs"
  echo '{ "type": "module" }' > "$dir/package.json"
  echo "conformance: $suite at $(suite_commit "$path")"
done

server_dll="$root/Toki.ConformanceServer/bin/Release/net10.0/Toki.ConformanceServer.dll"
if [ "${CONFORMANCE_SKIP_BUILD:-}" != 1 ]; then
  echo "conformance: building Toki.ConformanceServer (Release)"
  dotnet build "$root/Toki.ConformanceServer" -c Release -nologo -v quiet >/dev/null || fail "the build of Toki.ConformanceServer failed"
fi
[ -f "$server_dll" ] || fail "no $server_dll; build it or drop CONFORMANCE_SKIP_BUILD"

log="$run_dir/server.log"
dotnet "$server_dll" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT

ready=""
for _ in $(seq 1 120); do
  if node -e "fetch('http://127.0.0.1:$port/socket.io/?EIO=4&transport=polling').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    ready=1
    break
  fi
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; fail "Toki.ConformanceServer exited"; }
  sleep 0.5
done
[ -n "$ready" ] || { cat "$log" >&2; fail "Toki.ConformanceServer did not answer on port $port within 60 s"; }
echo "conformance: Toki.ConformanceServer on 127.0.0.1:$port"

summary=()
status=0
for suite in engine.io-protocol socket.io-protocol; do
  echo "conformance: running $suite"
  output="$(cd "$run_dir/$suite" && CONFORMANCE_SUITE="$suite" node "$node_dir/node_modules/mocha/bin/mocha" \
    --reporter "$run_dir/count-reporter.cjs" --exit test-suite.js 2>&1)"
  echo "$output" | grep -v "^$suite: "
  line="$(echo "$output" | grep "^$suite: [0-9]* passed, [0-9]* failed$" | tail -n 1)"
  [ -n "$line" ] || { echo "$output" >&2; fail "$suite did not run to its end"; }
  summary+=("$line")
  echo "$line" | grep -q ", 0 failed$" || status=1
done

printf '%s\n' "${summary[@]}"
exit "$status"
