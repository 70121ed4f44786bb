"""Runs inside .bench-venv/loting: time sortition-algorithms' maximin on one instance.

Reads a JSON spec on stdin: {"features": [{feature,value,min,max}], "people": [{...}],
"id_column": str, "panel_size": int, "address_columns": [...]} and prints JSON with the
selection time (distribution computation only) and the minimum selection probability.
"""

import json
import sys
import time

from sortition_algorithms import Settings, read_in_features, read_in_people
from sortition_algorithms.committee_generation.maximin import find_distribution_maximin


def main() -> None:
    spec = json.load(sys.stdin)
    feat_rows = [{k: str(v) for k, v in row.items()} for row in spec["features"]]
    features, _, _ = read_in_features(list(feat_rows[0].keys()), feat_rows, spec["panel_size"])
    people_rows = spec["people"]
    head = list(people_rows[0].keys())
    settings = Settings(
        id_column=spec["id_column"],
        columns_to_keep=[],
        check_same_address=bool(spec["address_columns"]),
        check_same_address_columns=spec["address_columns"],
    )
    people, _ = read_in_people(head, people_rows, features, settings)
    t0 = time.perf_counter()
    c0 = time.process_time()
    committees, probabilities, _ = find_distribution_maximin(
        features, people, spec["panel_size"], spec["address_columns"]
    )
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    marg = dict.fromkeys(people, 0.0)
    for committee, p in zip(committees, probabilities, strict=True):
        for pid in committee:
            marg[pid] += p
    print(
        json.dumps(
            {
                "time": elapsed,
                "cpu": cpu,
                "min_probability": min(marg.values()),
                "sum": sum(marg.values()),
                "panels": sum(1 for p in probabilities if p > 0),
            }
        )
    )


if __name__ == "__main__":
    main()
