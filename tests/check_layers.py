#!/usr/bin/env python3
"""check_layers.py BUILD: the shape rules of the product code, checked.

1. Includes point down: core/ includes only core/ (and schemas/); exporters/ never
   includes etl/ or triage/; triage/ never includes etl/ or exporters/.
2. No two object files call each other, directly or around a longer circle: the
   graph "A uses a symbol defined in B" (read from `nm` on BUILD/obj) has no cycle.
3. No .c file over 600 lines; no function over 80 lines (flat tables are data, not
   functions, and are not counted).
Prints every violation and exits 1 if there is one.
"""
import glob
import os
import re
import subprocess
import sys

FOLDERS = ("core", "etl", "triage", "exporters")
MAY_INCLUDE = {
    "core": {"core", "schemas"},
    "exporters": {"core", "exporters", "schemas"},
    "triage": {"core", "triage", "schemas"},
    "etl": {"core", "etl", "triage", "exporters", "schemas"},
}
MAX_FILE_LINES = 600
MAX_FUNC_LINES = 80


def sources():
    return sorted(f for d in FOLDERS for f in glob.glob(d + "/*.[ch]"))


def check_includes(bad):
    inc = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
    for f in sources():
        here = f.split("/")[0]
        for no, line in enumerate(open(f, encoding="utf-8"), 1):
            m = inc.match(line)
            if not m:
                continue
            target = m.group(1)
            there = target.split("/")[0] if "/" in target else None
            if there is None:
                bad.append(f"{f}:{no}: include \"{target}\" must name its folder")
            elif there not in MAY_INCLUDE[here]:
                bad.append(f"{f}:{no}: {here}/ must not include {target}")


def symbols(obj):
    out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDBR":
            defined.add(parts[2])
    return defined, undefined


def check_cycles(build, bad):
    # only objects whose source still exists (a moved file leaves a stale one)
    objs = [o for d in FOLDERS for o in sorted(glob.glob(f"{build}/obj/{d}/*.o"))
            if os.path.exists(os.path.relpath(o, f"{build}/obj")[:-2] + ".c")]
    if not objs:
        bad.append(f"{build}/obj: no object files (build first)")
        return
    name = {o: os.path.relpath(o, f"{build}/obj")[:-2] + ".c" for o in objs}
    defs, uses = {}, {}
    for o in objs:
        d, u = symbols(o)
        uses[o] = u
        for s in d:
            defs[s] = o
    graph = {o: sorted({defs[s] for s in uses[o] if s in defs and defs[s] != o}) for o in objs}
    # Tarjan's strongly connected components: a component of two or more is a cycle.
    index, low, stack, on, comps = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    sys.setrecursionlimit(10000)
    for v in objs:
        if v not in index:
            visit(v)
    for comp in comps:
        bad.append("files call each other: " + " <-> ".join(sorted(name[o] for o in comp)))


def functions(path):
    """(name, first line, line count) of each function body: a line that starts
    with '{' at column 0 after a signature, to the next '}' at column 0."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i] == "{" and i > 0 and lines[i - 1].rstrip().endswith(")"):
            start = i - 1
            while start > 0 and not re.match(r"^[A-Za-z_]", lines[start]):
                start -= 1
            m = re.search(r"([A-Za-z_]\w*)\s*\(", lines[start])
            j = i + 1
            while j < len(lines) and not lines[j].startswith("}"):
                j += 1
            yield (m.group(1) if m else "?", start + 1, j - start + 1)
            i = j
        i += 1


def check_sizes(bad):
    for f in sources():
        if not f.endswith(".c"):
            continue
        n = sum(1 for _ in open(f, encoding="utf-8"))
        if n > MAX_FILE_LINES:
            bad.append(f"{f}: {n} lines (at most {MAX_FILE_LINES})")
        for fn, line, count in functions(f):
            if count > MAX_FUNC_LINES:
                bad.append(f"{f}:{line}: {fn}() is {count} lines (at most {MAX_FUNC_LINES})")


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    bad = []
    check_includes(bad)
    check_cycles(build, bad)
    check_sizes(bad)
    for b in bad:
        print(b)
    print(f"layers: {len(sources())} files, {len(bad)} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
