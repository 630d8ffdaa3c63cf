#!/bin/sh
# Builds one fuzz target with libFuzzer and AddressSanitizer, then fuzzes it
# for SECONDS (default 600) or, given input files instead, replays them.
#
#   fuzz/run.sh frame|http-head|chat-request [SECONDS | FILE...]
#
# The target's sources are compiled with the harness into one module, so the
# harness sees internal API and the whole library is instrumented. New corpus
# entries go to fuzz/corpus-TARGET/ (not committed); fuzz/seeds/TARGET/ is the
# committed starting point; crashes land in fuzz/bin/TARGET-crash-*.
set -eu

cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh frame|http-head|chat-request [SECONDS | FILE...]}
shift

chat=Sources/WSServer/Chat
module=FuzzTarget
case $target in
frame)
    sources="Sources/WSProtocol/*.swift fuzz/FrameFuzzer.swift fuzz/WireFrame.swift"
    max_len=8192 ;;     # room for a message over the 4096-byte limit
http-head)
    sources="Sources/WSProtocol/*.swift fuzz/HTTPHeadFuzzer.swift"
    max_len=10240 ;;    # room for a head over the default 8192-byte limit
chat-request)
    # ChatRequest.parse and what it needs, without the server around it. The
    # chat files import WSProtocol for its UTF-8 validator: compiled into a
    # module of that name, the import refers to the module itself.
    module=WSProtocol
    sources="Sources/WSProtocol/UTF8Validator.swift \
$chat/ChatRequest.swift $chat/ChatRequest+Parsing.swift $chat/ChatError.swift \
$chat/RoomName.swift $chat/Nickname.swift $chat/ClientID.swift \
$chat/JSONParser.swift $chat/JSONParser+Scalars.swift $chat/JSONValue.swift $chat/JSONWriter.swift \
fuzz/ChatRequestFuzzer.swift"
    max_len=4096 ;;
*)
    echo "unknown target $target (frame, http-head, chat-request)" >&2
    exit 2 ;;
esac

mkdir -p fuzz/bin "fuzz/corpus-$target"
binary=fuzz/bin/$target
echo "building $binary" >&2
# lld: gold warns about every ASan helper symbol it cannot export.
# shellcheck disable=SC2086 # $sources is a list of globs on purpose
swiftc -O -swift-version 6 -sanitize=fuzzer,address -parse-as-library -use-ld=lld \
    -module-name "$module" -I Sources/COpenSSL -lcrypto -I Sources/CZlib -lz \
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
