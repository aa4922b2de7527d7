#!/usr/bin/env python3
"""Where a whole machine's CPU went during a benchmark, from a system-wide perf recording.

Record (as root, Debian's linux-perf; the software clock works where hardware counters are not offered):
    perf record -e cpu-clock -F 499 -a -g -o run.perf.data -- sleep 30
    perf script -i run.perf.data -F pid,tid,comm,ip,sym,dso > run.script
Then: deploy/benchmarks/perf-shares.py run.script [PID=name ...]

Prints the share of busy samples per process (named by PID=name arguments, else guessed from its
threads), per thread class across all processes (JIT compilers, GC, event loops, ...), and per process
its thread classes, its leaf code (JIT-compiled code, libjvm, kernel, libc) and leaf symbols. Unlike a
Java flight recording it sees the JIT compiler and GC threads, the kernel, PostgreSQL's processes and
processes that lived only briefly. For Java symbols, start the JVMs with -XX:+UnlockDiagnosticVMOptions
-XX:+DumpPerfMapAtExit (KIEZWERK_SERVICE_JVM_OPTIONS for the services). Used in docs/benchmarks/write-lag.md,
round 11.
"""
import sys, re, collections
path = sys.argv[1]
names = dict(a.split('=') for a in sys.argv[2:])  # pid=name
samples = []  # (pid, comm, frames)
cur = None
with open(path, errors='replace') as f:
    for line in f:
        if not line.strip():
            if cur: samples.append(cur); cur = None
            continue
        if not line.startswith('\t') and not line.startswith(' ' * 8):
            m = re.match(r'\s*(.*?)\s+(\d+)/(\d+)\s*$', line)
            if m:
                cur = (m.group(2), m.group(1), [])
            continue
        if cur is not None:
            m = re.match(r'\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$', line)
            if m: cur[2].append((m.group(2), m.group(3)))
    if cur: samples.append(cur)
total = len(samples)
busy = [s for s in samples if s[0] != '0']
print(f"samples {total}, busy {len(busy)} ({100*len(busy)/total:.1f}%)")
# process naming by thread names
pcomm = collections.defaultdict(collections.Counter)
for pid, comm, fr in samples: pcomm[pid][comm] += 1
def pname(pid):
    """A process's name: given as PID=name, else guessed from its threads (the services cannot be told apart that way)."""
    if pid in names: return names[pid]
    c = pcomm[pid]
    threads = list(c)
    def has(prefix): return any(t.startswith(prefix) for t in threads)
    if 'postgres' in c: return 'postgres'
    if has('vert.x-eventloo'): return 'service pid' + pid  # a Quarkus service: name it with PID=name
    if has('debezium') or has('task-thread'): return 'connect'
    if has('write-clock') or has('published-times'): return 'benchmark'
    if has('neo4j.'): return 'neo4j'
    if has('data-plane-kafk'): return 'kafka'
    return 'pid' + pid + ':' + c.most_common(1)[0][0]
byproc = collections.Counter(pname(s[0]) for s in busy)
print("\n== by process (% of busy samples)")
for k, v in byproc.most_common(25): print(f"{100*v/len(busy):6.2f}  {k}")
def tclass(comm):
    c = comm
    for pre, n in [('C2 Compiler','JIT C2'),('C1 Compiler','JIT C1'),('VM Thread','VM/GC'),('GC ','GC'),('vert.x-eventloo','event loop'),('executor-thread','executor'),('vert.x-worker','worker'),('kafka-producer','kafka producer'),('smallrye-kafka','kafka consumer')]:
        if c.startswith(pre): return n
    return c
def leafclass(fr):
    if not fr: return '?'
    sym, dso = fr[0]
    if 'kernel' in dso: return 'kernel'
    if dso.endswith('libjvm.so'): return 'libjvm'
    if 'perf-' in dso and dso.endswith('.map'): return 'JIT code'
    if dso.startswith('[unknown]') or dso == 'unknown': return 'unknown(JIT/interp)'
    return dso.split('/')[-1]
for proc in [p for p,_ in byproc.most_common(12)]:
    ss = [s for s in busy if pname(s[0]) == proc]
    n = len(ss)
    print(f"\n== {proc}: {n} samples")
    tc = collections.Counter(tclass(s[1]) for s in ss)
    print("  threads: " + ', '.join(f"{k} {100*v/n:.0f}%" for k, v in tc.most_common(10)))
    lc = collections.Counter(leafclass(s[2]) for s in ss)
    print("  leaf: " + ', '.join(f"{k} {100*v/n:.0f}%" for k, v in lc.most_common(8)))
    sc = collections.Counter((s[2][0][0] if s[2] else '?') for s in ss)
    print("  top leaf symbols: " + '; '.join(f"{k[:60]} {100*v/n:.1f}%" for k, v in sc.most_common(15)))
print("\n== thread classes across all processes (% of busy)")
tc = collections.Counter(tclass(s[1]) for s in busy)
for k, v in tc.most_common(25): print(f"{100*v/len(busy):6.2f}  {k}")
