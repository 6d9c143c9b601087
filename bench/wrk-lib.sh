# Shared by the wrk benchmarks (source it): a free local port, and figures out of wrk's output.
free_port() {
  local p
  for p in $(seq 18080 18999); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# "50% 1.23ms" lines of wrk --latency → milliseconds.
pct() { awk -v q="$1" '$1 == q { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v = v / 1000 }
        else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v = v * 1000 }
        printf "%.2f", v }'; }
rps() { awk '/Requests\/sec/ { printf "%d", $2 }'; }
