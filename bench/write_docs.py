#!/usr/bin/python3
"""Replaces the text between <!-- NAME:begin --> and <!-- NAME:end --> in
docs/performance.md with TEXT: how the benchmarks keep their figures there.
Usage: write_docs.py NAME TEXT"""
import re
import sys

name, table = sys.argv[1], sys.argv[2]
path = "docs/performance.md"
text = open(path, encoding="utf-8").read()
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
if begin not in text:
    sys.exit(f"{path} has no {begin} marker")
new = begin + "\n" + table + "\n" + end
open(path, "w", encoding="utf-8").write(re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: new, text,
                                               flags=re.S))
print(f"written to {path}")
