#!/usr/bin/env bash
# Times whole-process govdoc against Hugo on the same documents, in one run,
# and prints the ratios. Usage, from the repository root:
#
#   bash generator/internal/bench/compare.sh [SIZES...]     # default: 1000 10000
#
# Needs Debian's hugo (apt-get install hugo) and the shared corpus generator,
# a standard-library Go file that writes one corpus as a govdoc site and, with
# -hugo, as a Hugo site: GENCORPUS=path/to/gencorpus/main.go (default
# ../shared/bench/gencorpus/main.go). RUNS (default 3) runs of each command
# follow one warm-up run, alternating govdoc and Hugo; the median is shown.
# govdoc runs cold (--no-cache), and warm: with the result cache of a first
# run, after 10 documents changed (a line appended to each).
set -euo pipefail
cd "$(dirname "$0")/../../.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-3}
gencorpus=${GENCORPUS:-../shared/bench/gencorpus/main.go}
command -v hugo >/dev/null || { echo "compare: hugo is not installed (apt-get install hugo)" >&2; exit 2; }
[ -f "$gencorpus" ] || { echo "compare: no corpus generator at $gencorpus (set GENCORPUS)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/govdoc" ./cmd/govdoc

# measure CMD...: prints "wall cpu rss_mib" of one run.
measure() {
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>&1 || { echo "compare: failed: $*" >&2; exit 1; }
	awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/time"
}

# median FILE COLUMN
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -A wall rss bytes
printf '%-28s %9s %9s %9s\n' "workload" "wall s" "CPU s" "RSS MiB"
for n in "${sizes[@]}"; do
	go run "$gencorpus" -n "$n" -out "$work/g$n" >/dev/null 2>&1
	go run "$gencorpus" -n "$n" -out "$work/h$n" -hugo >/dev/null 2>&1
	build=("$work/govdoc" build --no-cache --source "$work/g$n" --out "$work/g$n-out")
	check=("$work/govdoc" check --no-cache --source "$work/g$n")
	warmbuild=("$work/govdoc" build --cache "$work/cache$n" --source "$work/g$n" --out "$work/g$n-out")
	warmcheck=("$work/govdoc" check --cache "$work/cache$n" --source "$work/g$n")
	hugo=(hugo --quiet -s "$work/h$n" -d "$work/h$n-out")
	"${build[@]}" >/dev/null 2>&1 || true
	"${hugo[@]}" >/dev/null 2>&1
	"${warmbuild[@]}" >/dev/null 2>&1 || true
	"${warmcheck[@]}" >/dev/null 2>&1 || true
	: >"$work/build" ; : >"$work/check" ; : >"$work/hugo" ; : >"$work/warmbuild" ; : >"$work/warmcheck"
	mapfile -t docs < <(find "$work/g$n/content" -name '0*.md' | sort)
	for r in $(seq "$runs"); do
		measure "${build[@]}" >>"$work/build"
		measure "${hugo[@]}" >>"$work/hugo"
		measure "${check[@]}" >>"$work/check"
		# 10 documents changed since the cache was written
		for f in "${docs[@]:0:10}"; do printf '\nChanged in run %s.\n' "$r" >>"$f"; done
		measure "${warmcheck[@]}" >>"$work/warmcheck"
		for f in "${docs[@]: -10}"; do printf '\nChanged in run %s.\n' "$r" >>"$f"; done
		measure "${warmbuild[@]}" >>"$work/warmbuild"
	done
	for w in build warmbuild check warmcheck hugo; do
		printf '%-28s %9s %9s %9s\n' "$w, $n documents" "$(median "$work/$w" 1)" "$(median "$work/$w" 2)" "$(median "$work/$w" 3)"
		wall[$w$n]=$(median "$work/$w" 1)
		rss[$w$n]=$(median "$work/$w" 3)
	done
	bytes[g$n]=$(du -sb "$work/g$n-out" | cut -f1)
	bytes[h$n]=$(du -sb "$work/h$n-out" | cut -f1)
	printf '%-28s %9s\n' "output MB, govdoc" "$((bytes[g$n] >> 20))" "output MB, hugo" "$((bytes[h$n] >> 20))"
	floor=$(go run ./generator/internal/bench/floor "$work/g$n")
	printf '%-28s %9s\n' "goldmark alone, $n docs" "$floor"
	wall[floor$n]=$floor
	rm -rf "$work/g$n" "$work/h$n" "$work/g$n-out" "$work/h$n-out" "$work/cache$n"
done

echo
printf '%-48s %8s %8s\n' "ratio" "measured" "target"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
for n in "${sizes[@]}"; do
	printf '%-48s %8s %8s\n' "govdoc build / hugo, $n documents" "$(ratio "${wall[build$n]}" "${wall[hugo$n]}")" "<= 0.25"
	printf '%-48s %8s %8s\n' "govdoc build / goldmark alone, $n documents" "$(ratio "${wall[build$n]}" "${wall[floor$n]}")" "<= 2"
	printf '%-48s %8s %8s\n' "govdoc build peak MiB, $n documents" "${rss[build$n]}" "< 600 (10k)"
	printf '%-48s %8s %8s\n' "govdoc output bytes / hugo's, $n documents" "$(ratio "${bytes[g$n]}" "${bytes[h$n]}")" "<= 1.5"
	printf '%-48s %8s %8s\n' "govdoc check wall seconds, $n documents" "${wall[check$n]}" "< 2.5 (10k)"
	printf '%-48s %8s %8s\n' "  with the cache, 10 changed" "${wall[warmcheck$n]}" "< 0.5 (10k)"
	printf '%-48s %8s %8s\n' "govdoc build with the cache, 10 changed, seconds" "${wall[warmbuild$n]}" "< 1.5 (10k)"
done
if [ ${#sizes[@]} -ge 2 ]; then
	first=${sizes[0]} last=${sizes[-1]}
	printf '%-48s %8s %8s\n' "build $last / build $first documents" "$(ratio "${wall[build$last]}" "${wall[build$first]}")" "<= $(( last / first + last / first / 10 ))"
fi
