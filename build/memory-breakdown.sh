#!/usr/bin/env bash
# Where a running process's resident memory is: the kernel's totals (anonymous vs file-backed) and the mappings
# holding the most of it, grouped by file (anonymous mappings, the GC heap among them, are "[anon]").
#   build/memory-breakdown.sh PID [TOP]      (build/bench.sh prints it for the API at the end of a run)
set -euo pipefail
pid=$1
top=${2:-12}
awk '/^(Rss|Anonymous|Pss_Anon|Pss_File|Pss_Shmem):/ { printf "%-12s %6.1f MiB\n", $1, $2 / 1024 }' "/proc/$pid/smaps_rollup"
awk '
  /^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anon]"); next }
  /^Rss:/ { rss[name] += $2 }
  END { for (n in rss) if (rss[n] > 0) printf "%8.1f MiB  %s\n", rss[n] / 1024, n }
' "/proc/$pid/smaps" | sort -rn | head -n "$top"
