#!/usr/bin/env python3
"""The bill bench's comparison, run by hand: our `usage` against DuckDB on the same aggregation
over the same file, alternating in one run so that both see the same machine load (issue 21's
goal: within 1.5 times DuckDB's time, under 1 GB of memory).

    cargo bench --bench bill            # writes target/bench-data/cur2-10m-rows.parquet
    cargo build --release               # target/release/apigw-cost
    python3 benches/bill-duckdb.py [--rounds 3] [--threads 2]

The SQL DuckDB runs is the one our binary prints (`usage --sql athena --table bill`: the same
query, over the CUR 2.0 column names the generated file has), so the two engines cannot be given
different work. Ours is timed as the whole `usage FILE --format json` process (start, query,
mapping, JSON), its peak memory read from `/usr/bin/time -f %M`; DuckDB as the query alone, in
this process, from a fresh connection each round. Needs the `duckdb` Python package.
"""

import argparse
import json
import os
import statistics
import subprocess
import time
from decimal import Decimal

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ours(binary, path):
    """Seconds of wall time, peak resident KB, and the total billed cost `usage` read."""
    cmd = ["/usr/bin/time", "-f", "%M", binary, "usage", path, "--format", "json"]
    t = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    peak_kb = int(run.stderr.strip().splitlines()[-1])
    u = json.loads(run.stdout)
    total = sum(
        Decimal(x["billed_cost"])
        for part in ("usage", "not_modelled", "adjustments")
        for x in u[part]
    )
    return wall, peak_kb, total


def duck(sql, path, threads):
    """Seconds of wall time of the query, and the total billed cost of its groups."""
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute(f"CREATE VIEW bill AS SELECT * FROM read_parquet('{path}')")
    t = time.perf_counter()
    rows = con.execute(sql).fetchall()
    wall = time.perf_counter() - t
    con.close()
    return wall, sum(Decimal(repr(r[9])) for r in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--file", default=os.path.join(ROOT, "target/bench-data/cur2-10m-rows.parquet"))
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/apigw-cost"))
    a = ap.parse_args()
    sql = subprocess.run(
        [a.binary, "usage", "--sql", "athena", "--table", "bill"],
        capture_output=True, text=True, check=True,
    ).stdout
    print(f"file {a.file} ({os.path.getsize(a.file) / 1e6:.0f} MB), DuckDB {duckdb.__version__}, "
          f"{a.threads} threads, load average at start {os.getloadavg()[0]:.1f}")
    o_times, d_times, peaks = [], [], []
    for i in range(a.rounds):
        d_wall, d_total = duck(sql, a.file, a.threads)
        o_wall, peak, o_total = ours(a.binary, a.file)
        d_times.append(d_wall)
        o_times.append(o_wall)
        peaks.append(peak)
        print(f"round {i + 1}: DuckDB {d_wall:.2f} s, apigw-cost {o_wall:.2f} s "
              f"(peak {peak / 1024:.0f} MB), load {os.getloadavg()[0]:.1f}; billed totals "
              f"{d_total.quantize(Decimal('0.01'))} and {o_total.quantize(Decimal('0.01'))}")
    best_o, best_d = min(o_times), min(d_times)
    print(f"best: apigw-cost {best_o:.2f} s, DuckDB {best_d:.2f} s, ratio {best_o / best_d:.2f} "
          f"(goal <= 1.5); median ratio {statistics.median(o_times) / statistics.median(d_times):.2f}; "
          f"peak memory {max(peaks) / 1024:.0f} MB (goal < 1024)")


if __name__ == "__main__":
    main()
