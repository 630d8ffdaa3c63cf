# Sourced by every peer's setup and start script: where build products go
# and the few steps they share. Nothing is built inside the repository
# except swift-nio's .build (gitignored).

peers_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench_cache="${CHAT_SERVER_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chat-server-bench}"
python="${PYTHON:-python3}"

# Installs the Debian packages that are not installed yet (root needed only then).
apt_ensure() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
    done
    ((${#missing[@]} == 0)) && return 0
    echo "installing Debian packages: ${missing[*]}" >&2
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# venv_ensure DIR REQUIREMENTS: a venv at DIR holding exactly the pinned
# requirements; reinstalled only when the requirements file changed.
venv_ensure() {
    local venv="$1" requirements="$2" stamp
    stamp="$(sha256sum "$requirements" | cut -d' ' -f1)"
    if [[ -x "$venv/bin/python" && "$(cat "$venv/.requirements" 2>/dev/null)" == "$stamp" ]]; then
        return 0
    fi
    "$python" -m venv --clear "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    echo "$stamp" >"$venv/.requirements"
}

# parse_start_args "$@": sets port, redis_url and extra_args (everything else).
parse_start_args() {
    port="${PORT:-}"
    redis_url="${REDIS_URL:-}"
    extra_args=()
    while (($#)); do
        case "$1" in
            --port) port="$2"; shift 2 ;;
            --port=*) port="${1#*=}"; shift ;;
            --redis-url) redis_url="$2"; shift 2 ;;
            --redis-url=*) redis_url="${1#*=}"; shift ;;
            *) extra_args+=("$1"); shift ;;
        esac
    done
    if [[ ! "$port" =~ ^[0-9]+$ ]]; then
        echo "usage: start --port P [--redis-url URL] [peer options]" >&2
        exit 2
    fi
}

# For the peers that need one: fail at once rather than at the first join.
require_redis_url() {
    if [[ -z "$redis_url" ]]; then
        echo "this peer needs --redis-url redis://127.0.0.1:P (or REDIS_URL)" >&2
        exit 2
    fi
}
