#!/usr/bin/env python3
"""A realistic history of the shipped marketplace program's referrals, for `referral-policy diff`.

    python3 bench/gen_diff_history.py --n 100000 --out bench/data/history-100000.jsonl [--seed 7]

One snapshot per line (JSON Lines), deterministic for a seed: freelancer and client referrals
whose referees signed up from March to December 2025 (so both versions of policies/ govern
some), a pool of referrers (a few bring many referrals, as in real programs), earnings, jobs,
hires, spending (some of it from the platform balance), refunds and chargebacks, organic
sign-ups, flagged and sanctioned referees, self-referrals, referrers' past rewards, and about
one line in 200 that is not a snapshot at all (bad JSON, an unknown type), as a real export has.
"""
import argparse
import json
import random
from datetime import datetime, timedelta, timezone

START = datetime(2025, 3, 1, tzinfo=timezone.utc)
V2 = datetime(2025, 7, 1, tzinfo=timezone.utc)
AS_OF = datetime(2026, 1, 15, tzinfo=timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def snapshot(rng, i, referrers):
    # A few referrers bring most referrals.
    referrer = referrers[min(len(referrers) - 1, int(rng.paretovariate(1.2)) - 1)] if rng.random() < 0.5 else rng.choice(referrers)
    signup = START + timedelta(seconds=rng.randrange(0, 290 * 86400))
    kind = "freelancer" if rng.random() < 0.55 else "client"
    referee_id = f"u-r{i}"
    if rng.random() < 0.01:
        referee_id = referrer["id"]  # self-referral
    attribution = rng.choices(["link", "code", "organic"], [0.8, 0.12, 0.08])[0]
    country = rng.choices(["US", "GB", "DE", "IN", "BR", "IR"], [0.5, 0.12, 0.1, 0.15, 0.12, 0.01])[0]
    flags = ["fraud"] if rng.random() < 0.015 else []
    events = []
    horizon = min(AS_OF, signup + timedelta(days=200))
    span = max(1, int((horizon - signup).total_seconds()))

    def at():
        return signup + timedelta(seconds=rng.randrange(0, span))

    if kind == "freelancer":
        for _ in range(rng.choices([0, 1, 2, 4, 8], [0.2, 0.25, 0.25, 0.2, 0.1])[0]):
            events.append({"type": "earned", "at": at(), "amount_minor": rng.choice([2500, 5000, 8000, 12000, 30000, 60000])})
    else:
        # Version 1 (sign-ups before July) has no `posted_job` event type: its exports had none.
        if signup >= V2 and rng.random() < 0.8:
            events.append({"type": "posted_job", "at": at()})
        if rng.random() < 0.6:
            events.append({"type": "hired", "at": at()})
        for _ in range(rng.choices([0, 1, 2, 3], [0.25, 0.3, 0.3, 0.15])[0]):
            e = {"type": "spent", "at": at(), "amount_minor": rng.choice([10000, 20000, 30000, 45000, 80000])}
            if rng.random() < 0.15:
                e["attributes"] = {"paid_from": "balance"}
            events.append(e)
    if events and rng.random() < 0.04:
        events.append({"type": rng.choice(["refund", "chargeback"]) if signup >= V2 else "refund",
                       "at": at(), "amount_minor": 5000})
    events.sort(key=lambda e: e["at"])
    for e in events:
        e["at"] = iso(e["at"])
    ref = {"id": referrer["id"], "status": referrer["status"], "country": referrer["country"], "top_rated": referrer["top_rated"]}
    if referrer["rewards"]:
        ref["rewards"] = referrer["rewards"]
    return {
        "id": f"r-{i}", "type": kind, "as_of": iso(AS_OF),
        "referrer": ref,
        "referee": {"id": referee_id, "signup_at": iso(signup), "attribution": attribution, "country": country, "flags": flags},
        "events": events,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    rng = random.Random(a.seed)
    referrers = []
    for k in range(max(1, a.n // 6)):
        rewards = []
        for j in range(rng.choices([0, 1, 3, 6], [0.7, 0.15, 0.1, 0.05])[0]):
            rewards.append({"referral_id": f"old-{k}-{j}", "amount_minor": rng.choice([2500, 10000]), "currency": "USD",
                            "kind": rng.choice(["cash", "credit"]), "granted_at": iso(START + timedelta(days=rng.randrange(0, 250)))})
        referrers.append({"id": f"u-{k}", "status": "active" if rng.random() < 0.96 else "suspended",
                          "country": rng.choice(["US", "GB", "DE", "IN"]), "top_rated": rng.random() < 0.6, "rewards": rewards})
    with open(a.out, "w") as out:
        for i in range(a.n):
            r = rng.random()
            if r < 0.003:
                out.write('{"id": "r-%d", "type": "client", "as_of": \n' % i)  # cut short
            elif r < 0.005:
                s = snapshot(rng, i, referrers)
                s["type"] = "agency"  # no such referral type
                out.write(json.dumps(s, separators=(",", ":")) + "\n")
            else:
                out.write(json.dumps(snapshot(rng, i, referrers), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
