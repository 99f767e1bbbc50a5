#!/bin/bash
# Each kind of single-file change to a generated collection, timed three times (three different states,
# each one change away from the last full run), each file restored after; the outputs after an addition,
# a removal and a status change are compared with a --no-cache run.
#
#     bash bench/one_change.sh [CORPUS]     # default: the benchmark's 10,000-document corpus
#
# The numbers in BENCHMARKS.md ("Measured by hand") come from this script. It needs GNU time.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-/tmp/stdkit-bench/corpus-v2-s7-n10000}
stdkit="$here/.venv/bin/stdkit"
backup=$(mktemp -d)
trap 'rm -rf "$backup"' EXIT
cd "$corpus"
cp standards/*.yaml "$backup/"

timed() { /usr/bin/time -f "%e" "$stdkit" check standards 2>&1 >/dev/null | tail -1; }
restore() {  # every file as it was (added ones removed), then the memo of that state answers
    for f in standards/*.yaml; do [ -e "$backup/$(basename "$f")" ] || rm "$f"; done
    cp "$backup"/*.yaml standards/
    "$stdkit" check standards >/dev/null || true
}
same() {
    "$stdkit" check standards >"$backup/a.out" || true
    "$stdkit" check standards --no-cache >"$backup/b.out" || true
    cmp -s "$backup/a.out" "$backup/b.out" && echo "  the same as --no-cache" || echo "  DIFFERENT from --no-cache"
}

"$stdkit" check standards >/dev/null || true  # the full run whose base the changes are measured from
standards=(standards/[0-9]*.yaml)  # in name order, as the benchmark picks the file it edits
specs=(standards/EV-*.yaml)
specials=(standards/S-*.yaml)
edited=${standards[0]}

echo "skill line: $(for i in 1 2 3; do sed -i "0,/- 能/s/- 能/- 能（$i$RANDOM）/" "$edited"; timed; done | tr '\n' ' ')"
restore
echo "title: $(for i in 1 2 3; do sed -i "0,/^title: /s/^\(title: [^（]*\).*/\1（第$i$RANDOM次修订）/" "$edited"; timed; done | tr '\n' ' ')"
restore
echo "line at the top: $(for i in 1 2 3; do sed -i "1i # 修订说明 $i" "$edited"; timed; done | tr '\n' ' ')"
restore
echo "spec added: $(for i in 1 2 3; do sed "s/^id: .*/id: EV-99-7777$i/" "${specs[0]}" >"standards/EV-99-7777${i}_2024.yaml"; timed; done | tr '\n' ' ')"
same
restore
echo "file removed: $(for f in "${specials[0]}" "${specials[1]}" "${specs[0]}"; do rm "$f"; timed; restore; done | tr '\n' ' ')"
rm "${specials[0]}"; same; restore
echo "status withdrawn: $(for f in "${standards[@]:0:3}"; do sed -i 's/^status: .*/status: withdrawn/' "$f"; timed; restore; done | tr '\n' ' ')"
sed -i 's/^status: .*/status: withdrawn/' "${standards[2]}"; same; restore
echo "file broken: $(for f in "${standards[@]:0:3}"; do echo ': [unclosed' >>"$f"; timed; restore; done | tr '\n' ' ')"
