#!/usr/bin/env python3
"""Builds the labelled CPE/purl set for the identifier tier (tests/golden/devices/labelled_identifiers.csv),
independently of Ward's matcher. Advisories: the fixtures in tests/golden/devices/identifier_advisories
(CSAF with product_identification_helper cpe/purl). Rows, one device model with a one-component SBOM each:
for every affected product, components that must hit (versions inside the range) and that must narrowly
miss (the fixed release, the same product from another vendor, a wildcard vendor or product, another CPE
part, another purl type, namespace or name); then every component with a CPE or purl in the public SBOMs
under ../shared/data/vuln_feeds/sbom, labelled by the same rules. `expected` lists the fixture advisories
the row must match: CPE vendor and product equal (no wildcard), parts equal, or purl type/namespace/name
equal, and the version inside the range. Rows whose version this script cannot compare are left out.
Usage: devices_identifier_set.py [FEEDS_DIR] > labelled_identifiers.csv
"""
import csv, glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FEEDS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../shared/data/vuln_feeds")
FIXTURES = os.path.join(HERE, "../tests/golden/devices/identifier_advisories")

def seg(v):
    v = v.strip().lstrip("vr")
    return [int(x) for x in v.split(".")] if re.fullmatch(r"\d+(\.\d+)*", v) else None

def cmp(a, b):
    n = max(len(a), len(b)); a = a + [0] * (n - len(a)); b = b + [0] * (n - len(b))
    return (a > b) - (a < b)

def parse_range(text):
    """[(op, segments)] ANDed, from "vers:x/<1.2|>=1.0", "<= 1.2", "< 1.2" or "1.2"."""
    t = text.split("/", 1)[1] if text.startswith("vers:") else text
    out = []
    for part in t.split("|"):
        m = re.fullmatch(r"\s*(<=|>=|<|>|=)?\s*([\d.]+)\s*", part)
        if not m: return None
        out.append((m.group(1) or "=", seg(m.group(2))))
    return out

def holds(rng, v):
    ops = {"<": lambda c: c < 0, "<=": lambda c: c <= 0, ">": lambda c: c > 0, ">=": lambda c: c >= 0, "=": lambda c: c == 0}
    return all(ops[op](cmp(v, b)) for op, b in rng)

def cpe_parts(c): return c.split(":")  # the fixtures and samples use no escaped colons

def purl_key(p):
    body = p[4:].split("#")[0].split("?")[0]
    ver = ""
    if "@" in body.rsplit("/", 1)[-1]: body, ver = body.rsplit("@", 1)
    typ, rest = body.split("/", 1)
    ns, name = (rest.rsplit("/", 1) if "/" in rest else ("", rest))
    typ = typ.lower()
    if typ in ("apk", "bitbucket", "composer", "deb", "github", "golang", "hex", "npm", "pypi", "generic"):
        ns, name = ns.lower(), name.lower()
    return (typ, ns, name), ver

affected = []  # (advisory, kind, key, part, range)
for f in sorted(glob.glob(os.path.join(FIXTURES, "*.json"))):
    d = json.load(open(f))
    adv = d["document"]["tracking"]["id"]
    ids = {p for v in d["vulnerabilities"] for p in v["product_status"].get("known_affected", [])}
    def walk(branches, version=""):
        for b in branches:
            v = b["name"] if b["category"] in ("product_version", "product_version_range") else version
            p = b.get("product")
            if p and p["product_id"] in ids:
                h = p.get("product_identification_helper", {})
                rng = parse_range(v)
                if "cpe" in h:
                    c = cpe_parts(h["cpe"]); affected.append((adv, "cpe", (c[3], c[4]), c[2], rng))
                if "purl" in h:
                    affected.append((adv, "purl", purl_key(h["purl"])[0], None, rng))
            walk(b.get("branches", []), v)
    walk(d["product_tree"]["branches"])

def label(cpe, purl, version):
    v = seg(version)
    out = set()
    for adv, kind, key, part, rng in affected:
        if kind == "cpe" and cpe:
            c = cpe_parts(cpe)
            if "*" in (c[3], c[4]) or (c[3], c[4]) != key or (part not in ("*", c[2]) and c[2] != "*"): continue
        elif kind == "purl" and purl:
            if purl_key(purl)[0] != key: continue
        else:
            continue
        if v is None: return None
        if holds(rng, v): out.add(adv)
    return out

rows, seen = [], set()
def add(case, name, version, cpe="", purl=""):
    if (cpe, purl, version) in seen: return
    exp = label(cpe, purl, version)
    if exp is None: return
    seen.add((cpe, purl, version))
    n = len(rows) + 1
    rows.append([f"IDL-{n:04d}", "Identifier Rig Co", f"Rig {n:04d}", "1.0", name, version, cpe, purl, case, ";".join(sorted(exp))])

def text(v): return ".".join(map(str, v))

def below(v):
    """The release just below v: the last non-zero segment lowered, the rest dropped (2.15.0 -> 2.14)."""
    i = max(j for j, x in enumerate(v) if x > 0) if any(v) else None
    return None if i is None else v[:i] + [v[i] - 1]

def points(rng):
    """Versions inside the range, and versions just outside it."""
    inside, outside = [], []
    for op, b in rng:
        if op == "<" and below(b): inside.append(below(b)); outside.append(b)
        if op in ("<=", "="): inside.append(b); outside.append(b[:-1] + [b[-1] + 1])
        if op == ">=": inside.append(b); outside.append(below(b)) if below(b) else None
    return [v for v in inside if holds(rng, v)], [v for v in outside if not holds(rng, v)]

for adv, kind, key, part, rng in affected:
    inside, outside = points(rng)
    for v in inside:
        ins = text(v)
        if kind == "cpe":
            vendor, product = key
            add("hit", product, ins, f"cpe:2.3:{part}:{vendor}:{product}:{ins}:*:*:*:*:*:*:*")
            add("hit_version_from_component", product, ins, f"cpe:2.3:{part}:{vendor}:{product}:*:*:*:*:*:*:*:*")
            add("miss_other_vendor", product, ins, f"cpe:2.3:{part}:acme:{product}:{ins}:*:*:*:*:*:*:*")
            add("miss_wildcard_vendor", product, ins, f"cpe:2.3:{part}:*:{product}:{ins}:*:*:*:*:*:*:*")
            add("miss_wildcard_product", product, ins, f"cpe:2.3:{part}:{vendor}:*:{ins}:*:*:*:*:*:*:*")
            other = {"a": "h", "o": "a", "h": "a"}[part]
            add("miss_other_part", product, ins, f"cpe:2.3:{other}:{vendor}:{product}:{ins}:*:*:*:*:*:*:*")
        else:
            typ, ns, name = key
            path = f"{ns}/{name}" if ns else name
            add("hit", name, ins, purl=f"pkg:{typ}/{path}@{ins}")
            add("hit_version_from_component", name, ins, purl=f"pkg:{typ}/{path}")
            add("miss_other_type", name, ins, purl=f"pkg:{'npm' if typ != 'npm' else 'pypi'}/{name.lower()}@{ins}")
            add("miss_other_name", name, ins, purl=f"pkg:{typ}/{ns + '/' if ns else ''}{name}-extensions@{ins}")
            if ns: add("miss_other_namespace", name, ins, purl=f"pkg:{typ}/org.example/{name}@{ins}")
    for v in outside:
        out = text(v)
        if kind == "cpe":
            add("miss_version_outside", key[1], out, f"cpe:2.3:{part}:{key[0]}:{key[1]}:{out}:*:*:*:*:*:*:*")
        else:
            typ, ns, name = key
            add("miss_version_outside", name, out, purl=f"pkg:{typ}/{ns + '/' if ns else ''}{name}@{out}")

# Real components of the public SBOMs, labelled by the same rules.
for f in sorted(glob.glob(os.path.join(FEEDS, "sbom", "*", "*.json"))):
    d = json.load(open(f))
    for c in d.get("components", []) if d.get("bomFormat") == "CycloneDX" else []:
        cpe, purl = c.get("cpe", ""), c.get("purl", "")
        if not (cpe or purl): continue
        version = c.get("version", "")
        if purl and "@" in purl.rsplit("/", 1)[-1]: version = purl_key(purl)[1] or version
        add("sbom_sample", c.get("name", ""), version, cpe if cpe.startswith("cpe:2.3:") else "", purl)

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["asset_tag", "manufacturer", "model", "software_version", "component", "component_version", "cpe", "purl", "case", "expected"])
w.writerows(rows)
