#!/usr/bin/env python3
"""Writes the scaling inputs for bench/run.sh and prints one `FILE POLICY` line per run:

- scale-events-K.jsonl: 20,000 freelancer snapshots with K earned events each (K = 2 … 128):
  the cost should grow linearly with K;
- the same 8-event snapshots against the workload policy with 200 more referral types, each
  with its own eligibility rule, requirement and reward: the cost should not grow, since a
  snapshot touches only its own type.
"""
import json
import os
import random
import sys

data, policy = sys.argv[1], sys.argv[2]
rng = random.Random(7)


def snapshot(i, k):
    events = [{"type": "earned", "at": "2025-01-%02dT10:00:00Z" % (1 + j % 28), "amount_cents": rng.randint(0, 3000)}
              for j in range(k)]
    return {"id": "s-%d" % i, "type": "freelancer", "as_of": "2025-02-15T00:00:00Z",
            "referrer": {"id": "u1", "country": "US", "rewards_this_year": 1},
            "referee": {"id": "u2", "country": "US", "signup_at": "2025-01-01T00:00:00Z", "attribution": "link", "flags": []},
            "events": events}


for k in (2, 8, 32, 128):
    path = os.path.join(data, "scale-events-%d.jsonl" % k)
    with open(path, "w") as f:
        for i in range(20000):
            f.write(json.dumps(snapshot(i, k), separators=(",", ":")) + "\n")
    print(path, policy)

many = os.path.join(data, "many-types.yaml")
with open(policy) as f:
    text = f.read()
extra = "".join("""
  extra_%d:
    window: { days: 30 }
    eligibility:
      - { id: country_%d, field: referee.country, in: [US, GB] }
    requirements:
      - { id: spent_%d, sum: spent, at_least: %d.00 }
    rewards:
      - { id: cash_%d, to: referrer, kind: cash, amount: 5.00 }
""" % (i, i, i, 10 + i, i) for i in range(200))
with open(many, "w") as f:
    f.write(text.replace("referral_types:\n", "referral_types:\n" + extra, 1))
print(os.path.join(data, "scale-events-8.jsonl"), many)
