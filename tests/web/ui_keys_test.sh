#!/usr/bin/env bash
# Every T("key") in src/web has a line in data/ui.txt with Dutch and English.
set -euo pipefail
root="$1"
missing=0
for key in $(grep -ohE 'T\("[a-z_.]+"\)' "$root"/src/web/*.cc | sed 's/T("//; s/")//' | sort -u); do
  line=$(grep -E "^${key//./\\.} \| " "$root/data/ui.txt" || true)
  if [ -z "$line" ]; then echo "missing in data/ui.txt: $key"; missing=1; continue; fi
  fields=$(echo "$line" | awk -F' \\| ' '{print NF}')
  if [ "$fields" -ne 3 ]; then echo "needs key | nl | en: $line"; missing=1; fi
done
exit $missing
