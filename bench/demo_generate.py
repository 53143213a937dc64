"""Benchmark: how many demo rows per second `stinet.demo.generate` produces on one core."""

from __future__ import annotations

import argparse
import time
import tracemalloc

from stinet.demo import generate


def main() -> None:
    """Generate --n works, print rows, seconds, rows/s and peak traced memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200_000, help="number of works (default 200000)")
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--memory", action="store_true", help="also trace peak memory (slower)")
    args = parser.parse_args()
    if args.memory:
        tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    rows = sum(1 for _ in generate(args.n, seed=args.seed))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"works: {args.n}  rows: {rows}  seconds: {wall:.2f} (cpu {cpu:.2f})")
    print(f"rows/s: {rows / wall:,.0f} (per cpu second: {rows / cpu:,.0f})")
    if args.memory:
        print(f"peak traced memory: {tracemalloc.get_traced_memory()[1] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
