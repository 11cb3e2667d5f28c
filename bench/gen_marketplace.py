#!/usr/bin/env python3
"""Realistic JSON Lines snapshots for the shipped marketplace program (policies/).

    python3 bench/gen_marketplace.py --n 100000 --out bench/data/marketplace-100000.jsonl [--seed S]

Decide them with `referral-policy evaluate --policy policies/ FILE`. Unlike the peer
workload (one flat policy, no history), these lines exercise what the shipped program does:

- both versions: referees who signed up before 1 July 2025 (version 1) and after (version 2);
- both referral types, freelancer and client, each with its own events (payments with a
  category, jobs, hires, spending `paid_from` a card, a bank or the balance);
- referrers who refer again (about a third of the referrals), so that `--summary` has
  several referrals to add up for many referrers;
- the referrer's past rewards (`referrer.rewards`), from none to a power referrer's year, so
  version 2's yearly cap (20 rewards, $2,500) and 30-day cash burst (5 cash rewards) and
  version 1's $500 lifetime cap reduce or withhold some rewards (`limited_by`);
- refunds and chargebacks: some reverse a qualified referral, some come too early or too
  late to;
- every eligibility rule failing for some: organic sign-ups (and, in version 1, codes),
  self-referrals, fraud and duplicate-account flags, sanctioned countries, suspended or
  closed referrers, version 1's referrers who are not top-rated;
- every status: about 37% qualified, 24% pending, 16% expired, 17% not_eligible and 6%
  reversed; about 900 bytes a line on average.

Every line is a valid snapshot of the program's event types (version 1 has no `posted_job`
or `chargeback`), so no line should be an error record. Deterministic for a seed: one seeded
RNG, read in order, so the first K lines of a run are the same for every N >= K.
"""
import argparse
import json
import random
import sys
from datetime import datetime, timezone

DAY = 86400
HOUR = 3600


def ts(y, m, d, hh=0, mm=0, ss=0):
    return int(datetime(y, m, d, hh, mm, ss, tzinfo=timezone.utc).timestamp())


def fmt(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


V2_FROM = ts(2025, 7, 1)                    # version 2 governs sign-ups from here
FIRST_SIGNUP = ts(2025, 1, 2)               # earliest version-1 sign-up generated
LAST_AS_OF = ts(2026, 3, 1)                 # latest evaluation instant
V1_CLIENT_END = ts(2025, 9, 30, 23, 59, 59)  # version 1's client window ends here

COUNTRIES = ["US"] * 8 + ["GB"] * 3 + ["DE"] * 3 + ["IN"] * 3 + ["CA", "CA", "FR", "FR", "BR",
             "PL", "UA", "PH", "NG", "ES", "IT", "NL", "PK", "MX", "AU", "RO", "EG", "KE", "AR",
             "JP", "SE", "TR", "VN", "ID", "ZA", "PT"]
SANCTIONED = ["CU", "IR", "KP", "SY"]
HARMLESS_FLAGS = ["new_device", "vip", "kyc_pending", "fraud_review_cleared", "email_unverified",
                  "beta_tester"]
CATEGORIES = ["design", "writing", "web_development", "mobile_development", "translation",
              "customer_service", "data_entry", "marketing", "video_editing", "accounting"]
PAID_FROM = ["card"] * 6 + ["bank_transfer"] * 2 + ["paypal"]
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32, as in ULIDs

# The program, as the generator needs it (policies/marketplace-v1.yaml, marketplace-v2.yaml).
THRESHOLD = {(1, "freelancer"): 10000, (2, "freelancer"): 10000,
             (1, "client"): 25000, (2, "client"): 50000}
REVERSAL_DAYS = {(1, "freelancer"): 30, (2, "freelancer"): 60, (2, "client"): 90}
REVERSAL_TYPES = {1: ["refund"], 2: ["refund", "refund", "chargeback"]}
STATUS_WEIGHTS = [("qualified", 37), ("pending", 24), ("expired", 16), ("not_eligible", 17),
                  ("reversed", 6)]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        # Referrers who refer again: about a third of the referrals come from one of them, so
        # `--summary` adds up several referrals for many referrers.
        self.regulars = []

    # -- small helpers -----------------------------------------------------------------

    def code(self, k):
        r = self.rng
        return "".join(ALPHABET[r.getrandbits(5)] for _ in range(k))

    def user(self):
        return "usr_" + self.code(10)

    def between(self, lo, hi):
        return lo if hi <= lo else self.rng.randint(lo, hi)

    def split(self, total, k):
        """total minor units as k positive parts (k >= 1, total >= k)."""
        if k <= 1 or total < k:
            return [total]
        cuts = sorted(self.rng.sample(range(1, total), k - 1))
        return [b - a for a, b in zip([0] + cuts, cuts + [total])]

    def pick(self, weighted):
        r = self.rng.random() * sum(w for _, w in weighted)
        for value, w in weighted:
            r -= w
            if r < 0:
                return value
        return weighted[-1][0]

    # -- one snapshot ------------------------------------------------------------------

    def one(self, i):
        rng = self.rng
        version = 1 if rng.random() < 0.27 else 2
        typ = "freelancer" if rng.random() < 0.56 else "client"
        target = self.pick(STATUS_WEIGHTS)
        if target == "reversed" and (version, typ) not in REVERSAL_DAYS:
            target = "qualified"      # version 1's client referrals have no reversal
        # A referral that is not eligible still has a history: an evaluator that skipped
        # eligibility would decide it from its events.
        shape = target if target != "not_eligible" else rng.choice(
            ["qualified", "qualified", "pending", "expired"])

        signup, as_of, window_end = self.instants(version, typ, shape)
        events, qualified_at = self.history(version, typ, shape, signup, as_of, window_end)
        events.sort(key=lambda e: e[0])

        if self.regulars and rng.random() < 0.35:
            ident, country, top_rated, profile = rng.choice(self.regulars)
        else:
            ident, country, top_rated, profile = self.user(), rng.choice(COUNTRIES), rng.random() < 0.7, self.profile(version)
            if len(self.regulars) < 20000 and rng.random() < 0.08:
                self.regulars.append((ident, country, top_rated, profile))
        referrer = {"id": ident, "status": "active", "country": country, "attributes": {"top_rated": top_rated}}
        referee = {"id": self.user(), "signup_at": fmt(signup),
                   "attribution": "link" if version == 1 or rng.random() < 0.7 else "code",
                   "country": rng.choice(COUNTRIES), "flags": []}
        if rng.random() < 0.12:
            referee["flags"] = rng.sample(HARMLESS_FLAGS, rng.randint(1, 2))
        if version == 1:
            referrer["attributes"]["top_rated"] = True
        if target == "not_eligible":
            self.break_eligibility(version, referrer, referee)
        referrer["rewards"] = self.past_rewards(profile, qualified_at or as_of, as_of)

        return {"id": "ref_" + self.code(16), "type": typ, "as_of": fmt(as_of),
                "referrer": referrer, "referee": referee, "events": [e for _, e in events]}

    def instants(self, version, typ, shape):
        """signup, as_of and the referral type's (inclusive) window end for a shape."""
        rng = self.rng
        lo, hi = (FIRST_SIGNUP, V2_FROM - 1) if version == 1 else (V2_FROM, LAST_AS_OF - 3 * DAY)
        days = {(1, "freelancer"): 60, (2, "freelancer"): 90, (2, "client"): 180}.get((version, typ))

        def end_of(signup):
            return signup + days * DAY if days else V1_CLIENT_END

        if shape == "expired":
            # The window must have closed before the latest as_of.
            if days:
                hi = min(hi, LAST_AS_OF - days * DAY - 2 * DAY)
            signup = self.between(lo, hi)
            end = end_of(signup)
            as_of = self.between(end + 1, min(end + 240 * DAY, LAST_AS_OF))
            if rng.random() < 0.03:
                as_of = end + 1                  # the first instant after the window
            return signup, as_of, end
        if shape == "pending":
            if version == 1 and not days:
                hi = min(hi, V1_CLIENT_END - 2 * DAY)
            signup = self.between(lo, hi)
            end = end_of(signup)
            as_of = self.between(signup + HOUR, min(end, LAST_AS_OF))
            if rng.random() < 0.03 and end <= LAST_AS_OF:
                as_of = end                      # the window's last instant still counts
            return signup, as_of, end
        # qualified or reversed: long enough between sign-up and as_of for a history
        signup = self.between(lo, hi - 7 * DAY)
        end = end_of(signup)
        as_of = self.between(signup + 7 * DAY, min(LAST_AS_OF, max(end, signup + 7 * DAY) + 300 * DAY))
        return signup, as_of, end

    def history(self, version, typ, shape, signup, as_of, end):
        """(at, event) pairs for the shape, and when the requirements were met (or None)."""
        rng = self.rng
        events = []
        hi = min(end, as_of)                     # last instant an event counts
        threshold = THRESHOLD[(version, typ)]
        met = shape in ("qualified", "reversed")
        qualified_at = None

        def add(etype, at, amount=None, attributes=None):
            e = {"type": etype, "at": fmt(at)}
            if amount is not None:
                e["amount_minor"] = amount
                if rng.random() < 0.4:          # optional: the policy's currency
                    e["currency"] = "USD"
            if attributes:
                e["attributes"] = attributes
            events.append((at, e))

        def contract():
            return {"category": rng.choice(CATEGORIES)}

        def job():
            return {"job_id": "job_" + self.code(10)}

        def spend(at, amount, paid_from=None):
            add("spent", at, amount, {"paid_from": paid_from or rng.choice(PAID_FROM)})

        def crossing(pairs, need):
            """The instant a running sum of (at, amount) reaches need."""
            total = 0
            for at, amount in sorted(pairs):
                total += amount
                if total >= need:
                    return at
            return None

        if typ == "freelancer":
            if met:
                if version == 2 and rng.random() < 0.3:
                    total = rng.randint(100000, 320000)     # the $1,000 cash tier
                else:
                    total = rng.randint(threshold, 90000)
                k = rng.randint(1, 4)
                # Leave room after qualifying for a reversal to come.
                last = hi - 5 * DAY if shape == "reversed" else hi
                pays = [(self.between(signup, max(signup, last)), a) for a in self.split(total, k)]
                qualified_at = crossing(pays, threshold)
            else:
                k = rng.randint(0, 3)
                budget = rng.randint(k, threshold - 1) if k else 0
                pays = [(self.between(signup, hi), a) for a in self.split(budget, k)] if k else []
                if as_of > end and rng.random() < 0.6:
                    # earnings after the window closed count for nothing
                    for _ in range(rng.randint(1, 3)):
                        pays.append((self.between(end + 1, as_of), rng.randint(5000, 150000)))
            for at, amount in pays:
                add("earned", at, amount, contract())
            if rng.random() < 0.15:               # freelancers buy on the platform too
                spend(self.between(signup, as_of), rng.randint(500, 20000))
        else:
            need_job = version == 2
            if met:
                hired = self.between(signup, hi - (6 * DAY if shape == "reversed" else 0))
                total = rng.randint(threshold, threshold * 6)
                k = rng.randint(1, 6)
                last = hi - 5 * DAY if shape == "reversed" else hi
                spends = [(self.between(signup, max(signup, last)), a) for a in self.split(total, k)]
                when = [hired, crossing(spends, threshold)]
                if need_job:
                    # a job posted before the referral counts too (window: any_time)
                    posted = self.between(signup - 30 * DAY if rng.random() < 0.2 else signup, hired)
                    add("posted_job", posted, attributes=job())
                    when.append(posted)
                add("hired", hired)
                for at, amount in spends:
                    spend(at, amount)
                qualified_at = max(when)
            else:
                miss = rng.choice((["posted_job"] if need_job else []) + ["hired", "spend", "spend"])
                if need_job and miss != "posted_job":
                    add("posted_job", self.between(signup - 10 * DAY, hi), attributes=job())
                if miss != "hired":
                    add("hired", self.between(signup, hi))
                total = rng.randint(0, threshold - 1) if miss == "spend" else rng.randint(threshold, threshold * 3)
                k = rng.randint(0, 4)
                for a in (self.split(total, k) if k and total >= k else []):
                    spend(self.between(signup, hi), a)
            if version == 2 and rng.random() < 0.35:
                # paid from the balance: does not count towards $500
                for _ in range(rng.randint(1, 2)):
                    spend(self.between(signup, hi), rng.randint(5000, 40000), "balance")
            if as_of > end and rng.random() < 0.3:
                spend(self.between(end + 1, as_of), rng.randint(20000, 200000))

        # Refunds and chargebacks.
        within = REVERSAL_DAYS.get((version, typ))
        if shape == "reversed":
            at = self.between(qualified_at, min(qualified_at + within * DAY, as_of))
            add(rng.choice(REVERSAL_TYPES[version]), at, rng.randint(2000, 60000))
        elif met and rng.random() < 0.12:
            # one that does not reverse: before qualifying, or after the reversal's days
            late = qualified_at + (within or 0) * DAY + DAY
            if within and late <= as_of and rng.random() < 0.6:
                add(rng.choice(REVERSAL_TYPES[version]), self.between(late, as_of), rng.randint(2000, 30000))
            elif qualified_at > signup:
                add("refund", self.between(signup, qualified_at - 1), rng.randint(1000, 5000))
        elif rng.random() < 0.05 and as_of > signup:
            add("refund", self.between(signup, as_of), rng.randint(1000, 20000))
        return events, qualified_at

    def break_eligibility(self, version, referrer, referee):
        rng = self.rng
        if version == 1:
            reason = self.pick([("attribution", 35), ("self", 10), ("top_rated", 55)])
        else:
            reason = self.pick([("attribution", 33), ("self", 8), ("flag", 22), ("sanctioned", 7),
                                ("inactive", 30)])
        if reason == "attribution":
            referee["attribution"] = rng.choice(["organic", "organic", "paid_search"] +
                                                (["code"] if version == 1 else []))
        elif reason == "self":
            referee["id"] = referrer["id"]
        elif reason == "flag":
            referee["flags"] = referee["flags"] + [rng.choice(["fraud", "duplicate_account"])]
        elif reason == "sanctioned":
            referee["country"] = rng.choice(SANCTIONED)
        elif reason == "inactive":
            referrer["status"] = rng.choice(["suspended", "suspended", "closed", "pending_review"])
        elif reason == "top_rated":
            referrer["attributes"]["top_rated"] = False

    def profile(self, version):
        """How many rewards a referrer has had, and how close to a limit they are."""
        return self.pick([("none", 52), ("light", 30), ("regular", 7), ("power", 2.2),
                          ("burst", 3), ("lifetime", 1 if version == 2 else 7)])

    def past_rewards(self, profile, earned, as_of):
        """The referrer's earlier rewards, as of `as_of`; some are close to a limit at `earned`."""
        rng = self.rng
        rewards = []

        def grant(at, kind=None, amount=None):
            kind = kind or ("cash" if rng.random() < 0.35 else "credit")
            if amount is None:
                amount = (rng.choice([10000, 10000, 5000]) if kind == "cash"
                          else rng.choice([2500, 2500, 1500, 3000, 4200, 5000]))
            rewards.append((at, {"referral_id": "ref_" + self.code(16), "amount_minor": amount,
                                 "currency": "USD" if rng.random() < 0.99 else "EUR",
                                 "kind": kind, "granted_at": fmt(at)}))

        if profile == "light":
            for _ in range(rng.randint(1, 2)):
                grant(self.between(earned - 700 * DAY, earned - DAY))
        elif profile == "regular":
            for _ in range(rng.randint(3, 6)):
                grant(self.between(earned - 500 * DAY, earned - DAY))
        elif profile == "power":
            # This calendar year's rewards: at 20 the yearly cap withholds the next.
            jan1 = ts(datetime.fromtimestamp(earned, timezone.utc).year, 1, 1)
            for _ in range(rng.randint(17, 24)):
                grant(self.between(jan1, max(jan1, earned - HOUR)))
        elif profile == "burst":
            # Cash in the 30 days before: at 5 the next cash reward waits (monthly_burst).
            for _ in range(rng.randint(4, 6)):
                grant(self.between(earned - 29 * DAY, earned - HOUR), "cash", 10000)
        elif profile == "lifetime":
            # Close to version 1's $500 lifetime cap.
            left = rng.randint(-2000, 6000)
            total = 50000 - left
            for a in self.split(total, rng.randint(5, 10)):
                grant(self.between(earned - 900 * DAY, earned - DAY), "credit", a)
        rewards.sort(key=lambda r: r[0])
        return [r for at, r in rewards if at <= as_of]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of snapshots")
    ap.add_argument("--out", required=True, help="output file (- for standard output)")
    ap.add_argument("--seed", type=int, default=20250701)
    a = ap.parse_args()
    g = Gen(a.seed)
    out = sys.stdout if a.out == "-" else open(a.out, "w")
    dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
    w = out.write
    total = 0
    for i in range(1, a.n + 1):
        line = dumps(g.one(i)) + "\n"
        total += len(line.encode())
        w(line)
    out.flush()
    if out is not sys.stdout:
        out.close()
    print("%d snapshots, %d bytes, %.0f bytes a line on average" % (a.n, total, total / max(a.n, 1)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
