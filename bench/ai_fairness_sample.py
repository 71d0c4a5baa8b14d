#!/usr/bin/env python3
"""Writes tests/golden/ai_governance/readmission_predictions.csv: 2,400 scored cases of a
readmission model with a known injected bias, for `ward ai fairness` tests and docs.

Truth: prevalence 0.25 everywhere; negatives are flagged (score >= 0.5) with probability 0.10
in every group; positives are caught with probability 0.80, except in race group "B" where
they are caught with 0.55 — an injected equal opportunity difference of 0.25 (B against A or C).
Race "D" has 12 cases only (too few for rates). Three bad rows close the file: a score that is
not a number, a label of 2, and a row with a missing field.
Usage: python3 bench/ai_fairness_sample.py > tests/golden/ai_governance/readmission_predictions.csv
"""
import random

rng = random.Random(20261201)
groups = [("A", 1000), ("B", 700), ("C", 688), ("D", 12)]
print("encounter,readmitted_30d,risk_score,sex,race")
n = 0
for race, size in groups:
    for _ in range(size):
        n += 1
        label = 1 if rng.random() < 0.25 else 0
        catch = 0.55 if race == "B" else 0.80
        flagged = rng.random() < (catch if label else 0.10)
        score = 0.5 + 0.5 * rng.random() if flagged else 0.5 * rng.random()
        sex = "F" if rng.random() < 0.5 else "M"
        print(f"E{n:05d},{label},{min(score, 0.9999):.4f},{sex},{race}")
print(f"E{n + 1:05d},1,n/a,F,A")
print(f"E{n + 2:05d},2,0.7,M,A")
print(f"E{n + 3:05d},0,0.2,F")
