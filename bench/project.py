#!/usr/bin/env python3
"""Projects ReferralPolicy decisions (JSON Lines, with --explain) onto the peer workload's
output fields, so shared/bench/peers/verify.py can compare them with the reference.

    referral-policy evaluate --policy bench/workload.yaml --explain --jsonl IN | python3 bench/project.py > OUT
"""
import json
import sys


def project(d):
    if "error" in d:
        return {"id": d.get("referral_id"), "status": "error", "error": d["error"]}
    out = {"id": d["referral_id"], "status": d["status"], "rewards": []}
    if d["status"] == "qualified":
        out["rewards"] = [{"to": r["beneficiary"], "amount_cents": r["amount_minor"], "currency": r["currency"],
                           "kind": r["kind"]} for r in d["rewards"]]
    elif d["status"] == "not_eligible":
        out["reason"] = d["reason"]
    elif d["status"] == "pending":
        checks = {c["rule"]: c for c in d.get("explanation", []) if c["kind"] == "requirement"}
        if d["referral_type"] == "freelancer":
            c = checks["freelancer.earned"]
            out["progress"] = {"earned_cents": c["have"], "needed_cents": c["need"]}
        else:
            c = checks["client.spent"]
            out["progress"] = {"spent_cents": c["have"], "needed_cents": c["need"],
                               "posted_job": checks["client.posted_job"]["held"], "hired": checks["client.hired"]["held"]}
    return out


for line in sys.stdin:
    sys.stdout.write(json.dumps(project(json.loads(line)), separators=(",", ":")) + "\n")
