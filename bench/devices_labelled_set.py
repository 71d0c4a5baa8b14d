#!/usr/bin/env python3
"""Builds the labelled inventory for device matching (tests/golden/devices/labelled_inventory.csv)
from the ICSMA CSAF advisories in ../shared/data/vuln_feeds/csaf/icsma, independently of Ward's
matcher: for each product a vulnerability lists as known_affected with a simple range ("vers:all/*", "<= X", "< X", "X"), rows that must
hit (the vendor as written, the vendor spelled another way, a version inside the range) and rows
that must narrowly miss (the version just outside the range — the fixed release —, the same
product name from another vendor). `expected` lists the advisories the row must match: every
advisory naming the same vendor and product (case-insensitive) whose simple range holds the
version. Rows whose label this script cannot decide (another advisory on the same product has a
free-text range) are left out. Usage: devices_labelled_set.py [ICSMA_DIR] > labelled_inventory.csv
"""
import csv, glob, json, os, re, sys

ICSMA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../shared/data/vuln_feeds/csaf/icsma")
# Other spellings a CMMS uses for vendors the advisories name (labels, not Ward's alias table).
RESPELL = {"Philips": "Philips Healthcare", "Phillips": "Philips", "GE Healthcare": "General Electric",
           "General Electric (GE)": "GE Healthcare", "Becton, Dickinson and Company (BD)": "BD",
           "Baxter": "Baxter International Inc.", "Hillrom": "Hill-Rom", "B. Braun Medical": "B. Braun"}
CANON = {"phillips": "philips", "philips healthcare": "philips", "general electric": "ge healthcare",
         "general electric (ge)": "ge healthcare", "becton, dickinson and company (bd)": "bd",
         "baxter international inc.": "baxter", "hill-rom": "hillrom", "b. braun medical": "b. braun"}

def canon(v): v = v.strip().lower(); return CANON.get(v, v)

def seg(v): return [int(x) for x in v.split(".")]

def simple(r):
    r = r.strip()
    if r == "vers:all/*": return ("all", None)
    m = re.fullmatch(r"(<=|<)\s*(\d+(?:\.\d+)*)", r)
    if m: return (m.group(1), seg(m.group(2)))
    if re.fullmatch(r"\d+(?:\.\d+)+", r): return ("=", seg(r))
    return None

def holds(rng, v):
    op, b = rng
    if op == "all": return True
    n = max(len(b), len(v)); a = v + [0] * (n - len(v)); c = b + [0] * (n - len(b))
    return {"<=": a <= c, "<": a < c, "=": a == c}[op]

products = []  # (advisory, vendor, product, range text)
def walk(branches, adv, vendor="", product=""):
    for b in branches:
        cat, name = b["category"], b["name"]
        if cat == "vendor": vendor = name
        if cat == "product_name": product = name
        if cat in ("product_version", "product_version_range") and "product" in b \
                and b["product"]["product_id"] in affected:
            products.append((adv, vendor, product, name))
        walk(b.get("branches", []), adv, vendor if cat != "vendor" else name, product if cat != "product_name" else name)

for f in sorted(glob.glob(os.path.join(ICSMA, "*.json"))):
    d = json.load(open(f))
    # The CSAF rule: a product is affected only when a vulnerability lists it as known_affected.
    affected = {p for v in d.get("vulnerabilities", []) for p in v.get("product_status", {}).get("known_affected", [])}
    walk(d.get("product_tree", {}).get("branches", []), d["document"]["tracking"]["id"])

def same_name(product):
    """The product's name without a leading vendor short name ("BD Alaris Systems Manager")."""
    p = product.lower()
    for prefix in ("bd ", "ge ", "philips ", "siemens ", "medtronic "):
        if p.startswith(prefix): return p[len(prefix):]
    return p

by_name = {}
for adv, vendor, product, r in products:
    by_name.setdefault((canon(vendor), same_name(product)), []).append((adv, r))

def label(vendor, product, version):
    """Advisories the row must match, or None when a range on this product is not simple."""
    out = set()
    for adv, r in by_name.get((canon(vendor), same_name(product)), []):
        rng = simple(r)
        if rng is None: return None
        if holds(rng, version): out.add(adv)
    return out

rows, seen = [], set()
def add(kind, vendor, product, version_text, version):
    key = (canon(vendor), same_name(product), version_text, kind)
    if key in seen: return
    exp = label(vendor, product, version) if version is not None else set()
    if exp is None: return
    seen.add(key)
    rows.append([f"LBL-{len(rows) + 1:04d}", vendor, product, version_text, kind, ";".join(sorted(exp))])

def text(v): return ".".join(str(x) for x in v)

for adv, vendor, product, r in products:
    rng = simple(r)
    if rng is None: continue
    op, b = rng
    inside = [1, 0] if op == "all" else (b if op in ("<=", "=") else (b[:-1] + [b[-1] - 1] if b[-1] > 0 else None))
    if inside is None: continue
    add("hit", vendor, product, text(inside), inside)
    if vendor in RESPELL: add("hit_respelled_vendor", RESPELL[vendor], product, text(inside), inside)
    if op in ("<=", "<", "="):
        outside = b[:-1] + [b[-1] + 1] if op in ("<=", "=") else b
        add("miss_version_outside", vendor, product, text(outside), outside)
    add("miss_other_vendor", "Acme Medical Systems", product, text(inside), None)

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["asset_tag", "manufacturer", "model", "software_version", "case", "expected"])
w.writerows(rows)
