#!/usr/bin/python3
"""Copies an exchange folder with the data rows of every CSV file in random
order (the header stays first): a spreadsheet export is rarely sorted by id.
Reads line by line; a quoted cell never spans lines in files opkomst writes.
Usage: shuffle_rows.py FROM TO [SEED]"""
import os
import random
import sys

source, target = sys.argv[1], sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 14)
os.makedirs(target, exist_ok=True)
for name in sorted(os.listdir(source)):
    with open(os.path.join(source, name), "rb") as f:
        lines = f.readlines()
    head, rows = lines[:1], lines[1:]
    if name.endswith(".csv"):
        rng.shuffle(rows)
    with open(os.path.join(target, name), "wb") as f:
        f.writelines(head + rows)
