#!/bin/sh
# Submits a sharded campaign: SHARDS array tasks, then the merge once all have ended.
#   SHARDS=8 SEED=3 STREAMS=256 BUDGET=1800 scripts/slurm/submit.sh [more sbatch options]
# Prints the two job ids; the merged report is $RESULTS_DIR/report.html (default results/).
set -eu
here=$(dirname "$0")
shards=${SHARDS:-4}
array=$(sbatch --parsable --array="1-$shards" "$@" "$here/equiv-array.sbatch")
array=${array%%;*}   # "id;cluster" on multi-cluster set-ups
merge=$(sbatch --parsable --dependency="afterany:$array" "$@" "$here/merge.sbatch")
echo "shards: job $array (array 1-$shards); merge: job ${merge%%;*}"
