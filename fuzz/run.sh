#!/bin/sh
# Builds one fuzz target with libFuzzer and AddressSanitizer, then fuzzes it
# for SECONDS (default 600) or, given input files instead, replays them.
#
#   fuzz/run.sh frame|http-head|chat-request|resp|token|chat-state [SECONDS | FILE...]
#
# The target's sources are compiled with the harness into one module, so the
# harness sees internal API and the whole library is instrumented. New corpus
# entries go to fuzz/corpus-TARGET/ (not committed); fuzz/seeds/TARGET/ is the
# committed starting point; crashes land in fuzz/bin/TARGET-crash-*.
set -eu

cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh frame|http-head|chat-request|resp|token|chat-state [SECONDS | FILE...]}
shift

# Every target is one module, FuzzTarget, compiled from the library sources
# it needs; the libraries' `import WSProtocol`/`import ChatWire` resolve to
# empty stand-in modules of those names (built below), so their code is the
# target's own and fully instrumented.
stubs="WSProtocol ChatWire"
case $target in
frame)
    sources="Sources/WSProtocol/*.swift fuzz/FrameFuzzer.swift fuzz/WireFrame.swift"
    max_len=8192 ;;     # room for a message over the 4096-byte limit
http-head)
    sources="Sources/WSProtocol/*.swift fuzz/HTTPHeadFuzzer.swift"
    max_len=10240 ;;    # room for a head over the default 8192-byte limit
chat-request)
    # ChatRequest.parse and what it needs, without the server around it.
    sources="Sources/WSProtocol/*.swift Sources/ChatWire/*.swift fuzz/ChatRequestFuzzer.swift"
    max_len=4096 ;;
resp)
    # The Redis reply parser and redis:// URLs (Sources/RESP has no dependencies).
    sources="Sources/RESP/*.swift fuzz/RESPFuzzer.swift fuzz/RESPFuzzer+URL.swift"
    max_len=4096 ;;
token)
    # TokenVerifier and TokenMinter with the rules they use, without the server.
    sources="Sources/WSProtocol/*.swift Sources/ChatWire/*.swift Sources/WSServer/Auth/*.swift \
Sources/WSServer/Chat/ClientIdentity.swift fuzz/TokenFuzzer.swift"
    max_len=9000 ;;     # room for a token over the 8192-byte limit
chat-state)
    # The chat rules and the memory backplane (ChatNode), with the API and
    # token code they call; no loops, sockets or Redis.
    sources="Sources/WSProtocol/*.swift Sources/ChatWire/*.swift Sources/WSServer/Chat/*.swift \
Sources/WSServer/Backplane/*.swift Sources/WSServer/Backplane/Memory/*.swift Sources/WSServer/API/*.swift \
Sources/WSServer/Auth/*.swift Sources/WSServer/Support/MinHeap.swift fuzz/FuzzInput.swift fuzz/DelayedBackplane.swift \
fuzz/ChatStateFuzzer*.swift fuzz/ChatSessionModel*.swift fuzz/ChatNodeAudit.swift"
    max_len=4096 ;;
*)
    echo "unknown target $target (frame, http-head, chat-request, resp, token, chat-state)" >&2
    exit 2 ;;
esac

mkdir -p fuzz/bin "fuzz/corpus-$target"
binary=fuzz/bin/$target
echo "building $binary" >&2
mkdir -p fuzz/bin/stubs
: > fuzz/bin/stubs/empty.swift
for stub in $stubs; do
    swiftc -swift-version 6 -parse-as-library -emit-module -module-name "$stub" \
        -emit-module-path "fuzz/bin/stubs/$stub.swiftmodule" fuzz/bin/stubs/empty.swift
done
# lld: gold warns about every ASan helper symbol it cannot export.
# shellcheck disable=SC2086 # $sources is a list of globs on purpose
swiftc -O -swift-version 6 -sanitize=fuzzer,address -parse-as-library -use-ld=lld \
    -module-name FuzzTarget -I Sources/COpenSSL -I Sources/CZlib -I fuzz/bin/stubs -lcrypto -lz \
    $sources fuzz/FuzzSupport.swift -o "$binary"

# Swift's crash backtracer reads the stack from another thread, which ASan
# reports as a second, bogus error; libFuzzer's own report is enough.
export SWIFT_BACKTRACE=enable=no

if [ $# -gt 0 ] && [ -f "$1" ]; then
    exec "$binary" "$@"
fi

seconds=${1:-600}
dict=
[ -f "fuzz/$target.dict" ] && dict=-dict=fuzz/$target.dict
exec "$binary" -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="fuzz/bin/$target-" $dict "fuzz/corpus-$target" "fuzz/seeds/$target"
