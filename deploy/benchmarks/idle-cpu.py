#!/usr/bin/env python3
"""CPU of the local system's processes and threads over a window, from /proc (no load of its own to speak of).

Usage: deploy/benchmarks/idle-cpu.py [SECONDS]   (default 60; run while deploy/local/run.sh or a benchmark runs)

Prints CPU milliseconds per second of wall time for each process of the system (the four services, the
servers, PostgreSQL's own processes together) and its busiest threads, with digits in thread names folded to N.
A process that ended inside the window (a PostgreSQL backend for one short connection) is counted through its
parent's time for reaped children, shown as the thread "(ended children)", less what it had used before the window.
Used for what an idle system costs (docs/benchmarks/write-lag.md, rounds 7 and 11).
"""
import collections
import os
import re
import sys
import time

HZ = os.sysconf('SC_CLK_TCK')
# every process the launcher starts carries -Dkiezwerk.process=<name> (ManagedProcess.marker)
MARKER = re.compile(r'-Dkiezwerk\.process=(\S+)')


def process_name(pid):
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as f:
            command = f.read().replace(b'\0', b' ').decode(errors='replace')
        with open(f'/proc/{pid}/comm') as f:
            comm = f.read().strip()
    except OSError:
        return None
    if comm == 'postgres':
        return 'postgres'  # PostgreSQL's own processes (the server's launcher JVM is named by its marker)
    marked = MARKER.search(command)
    if marked:
        # the JVM that runs PostgreSQL's binaries is marked postgres too
        return 'postgres launcher' if marked.group(1) == 'postgres' else marked.group(1)
    return 'benchmark' if 'org.kiezwerk.benchmark' in command else None


def snapshot():
    """CPU ticks per (pid, name, tid, thread), and each process's parent."""
    ticks = {}
    parents = {}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        name = process_name(pid)
        if name is None:
            continue
        try:
            for tid in os.listdir(f'/proc/{pid}/task'):
                with open(f'/proc/{pid}/task/{tid}/stat') as f:
                    stat = f.read()
                thread = stat[stat.index('(') + 1:stat.rindex(')')]
                fields = stat[stat.rindex(')') + 2:].split()
                ticks[(pid, name, tid, thread)] = int(fields[11]) + int(fields[12])
            # children that ended and were waited for (cutime, cstime): their time is nowhere else
            with open(f'/proc/{pid}/stat') as f:
                stat = f.read()
            fields = stat[stat.rindex(')') + 2:].split()
            ticks[(pid, name, 'children', '(ended children)')] = int(fields[13]) + int(fields[14])
            parents[pid] = fields[1]
        except OSError:
            pass
    return ticks, parents


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    before, parents = snapshot()
    time.sleep(seconds)
    after, _ = snapshot()
    # a process that was there at the start and ended in the window comes back in its parent's children
    # time with its whole life: what it had used before the window is taken off again
    alive = {key[0] for key in after}
    earlier = collections.Counter()
    for key, ticks in before.items():
        if key[0] not in alive:
            earlier[parents.get(key[0])] += ticks
    processes = collections.Counter()
    threads = collections.Counter()
    for key, ticks in after.items():
        used = ticks - before.get(key, 0)
        if key[2] == 'children':
            used -= earlier.get(key[0], 0)
        if used <= 0:
            continue
        ms_per_s = used * 1000.0 / HZ / seconds
        processes[key[1]] += ms_per_s
        threads[(key[1], re.sub(r'\d+', 'N', key[3]))] += ms_per_s
    print(f'CPU ms per second over {seconds:.0f} s (1000 = one core)')
    print(f'  {sum(processes.values()):7.1f} all')
    for name, ms in processes.most_common():
        print(f'  {ms:7.1f} {name}')
    print('busiest threads')
    for (name, thread), ms in threads.most_common(25):
        print(f'  {ms:7.1f} {name}: {thread}')


if __name__ == '__main__':
    main()
