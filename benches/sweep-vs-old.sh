#!/bin/sh
# The whole process of a sweep against the commit before it slowed down (issue 23): this
# commit's release binary and 3bc394f's, in the same run, alternating, ROUNDS times each (5
# unless set), 1,000,000 log steps of requests over every pattern of orders.toml to a CSV sink.
# Prints each run's wall and CPU seconds and peak memory, then each binary's best and the ratio,
# then each one's median wall time.
# OLD_BIN names an old binary already built; else 3bc394f is built in a temporary worktree.
# Other work on the machine skews both alike; quote figures from a quiet machine.
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
STEPS=${STEPS:-1000000}
cargo build --release --locked -q
NEW=target/release/apigw-cost
if [ -z "${OLD_BIN:-}" ]; then
    OLD_DIR=$(mktemp -d)
    git worktree add -q --detach "$OLD_DIR/src" 3bc394f
    (cd "$OLD_DIR/src" && CARGO_TARGET_DIR="$OLD_DIR/target" cargo build --release -q)
    OLD_BIN="$OLD_DIR/target/release/apigw-cost"
    trap 'git worktree remove --force "$OLD_DIR/src"; rm -rf "$OLD_DIR"' EXIT
fi
ARGS="sweep tests/fixtures/orders.toml --vary traffic.requests_per_month=1e5..1e11 --log --steps $STEPS --format csv"
LOG=$(mktemp)
i=0
while [ "$i" -lt "$ROUNDS" ]; do
    for which in old new; do
        if [ "$which" = old ]; then bin=$OLD_BIN; else bin=$NEW; fi
        /usr/bin/time -f "$which %e %U %S %M" -a -o "$LOG" $bin $ARGS > /dev/null 2>&1
    done
    i=$((i + 1))
done
awk '{ printf "%s: %6.2f s wall, %6.2f s CPU, %7d KB\n", $1, $2, $3 + $4, $5 }' "$LOG"
awk '{ cpu = $3 + $4
       if (!($1 in w) || $2 < w[$1]) w[$1] = $2
       if (!($1 in c) || cpu < c[$1]) c[$1] = cpu }
     END { printf "best: old %.2f s wall (%.2f s CPU), new %.2f s wall (%.2f s CPU): %.2fx the old speed\n",
           w["old"], c["old"], w["new"], c["new"], w["old"] / w["new"] }' "$LOG"
for which in old new; do
    awk -v b="$which" '$1 == b { print $2 }' "$LOG" | sort -n |
        awk -v b="$which" '{ v[NR] = $1 } END { printf "median %s: %.2f s wall over %d runs\n", b, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), NR }'
done
rm -f "$LOG"
