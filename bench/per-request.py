#!/usr/bin/env python3
"""A closed-loop HTTP/1.1 client that times every request: CONNECTIONS
keep-alive connections replay the paths of PATHS_FILE in turn for SECONDS,
then the percentiles of the requests actually sent are printed, with how
many took over 150 ms and when. wrk 4 corrects its latencies for
coordinated omission (it adds samples for the requests an open-loop client
would have sent during a stall); this client does not, so the two together
tell a stall from a slow steady state (BENCHMARKS.md, 2026-12-07).

Usage: bench/per-request.py PATHS_FILE PORT SECONDS CONNECTIONS
"""
import asyncio
import sys
import time


async def worker(paths, port, seconds, start, counter, samples):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    while time.monotonic() - start < seconds:
        path = paths[counter[0] % len(paths)]
        counter[0] += 1
        sent = time.monotonic()
        writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length, chunked = 0, False
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
            elif name.lower() == b"transfer-encoding":
                chunked = True
        if chunked:
            while (size := int((await reader.readuntil(b"\r\n")).strip(), 16)) > 0:
                await reader.readexactly(size + 2)
            await reader.readexactly(2)
        else:
            await reader.readexactly(length)
        samples.append((sent - start, time.monotonic() - sent))
    writer.close()


async def main():
    paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    port, seconds, connections = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    start, counter, samples = time.monotonic(), [0], []
    await asyncio.gather(*(worker(paths, port, seconds, start, counter, samples) for _ in range(connections)))
    took = sorted(s[1] for s in samples)
    at = lambda p: took[int(p * (len(took) - 1))] * 1000
    print(f"{len(took)} requests, {len(took) / seconds:.0f} req/s, p50 {at(0.5):.1f} ms, p95 {at(0.95):.1f} ms, "
          f"p99 {at(0.99):.1f} ms, max {took[-1] * 1000:.0f} ms")
    slow = [s[0] for s in samples if s[1] > 0.15]
    if slow:
        print(f"{len(slow)} requests over 150 ms, sent between {min(slow):.1f} s and {max(slow):.1f} s")


asyncio.run(main())
