#!/usr/bin/env bash
# `ward scan` on structured inputs, as a user would run it on exports: HL7 v2 (plain and MLLP
# framed), FHIR Bundles and NDJSON, CSV. Findings are located by field (message N PID-5.1,
# entry[0] Patient.birthDate, row N column), the values stay masked, and a bad record is an error
# naming file and line while the rest is scanned (exit 2). Usage: scan_structured_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
require_tools python3

adt="$shared/hl7v2/ADT-A01-01.hl7"
run adt scan --format json "$adt"
check "HL7 v2: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "HL7 v2: PID fields by their field, values masked" python3 - "$work/adt.out" <<'PY'
import json, sys
rows = {r["location"]: r for r in map(json.loads, open(sys.argv[1]))}
assert rows["message 1 PID-19"]["type"] == "ssn" and "PID-19" in rows["message 1 PID-19"]["reason"], rows["message 1 PID-19"]
assert rows["message 1 PID-19"]["masked"] == "*************"
assert rows["message 1 PID-5.1"]["type"] == "name" and rows["message 1 PID-5.1"]["line"] == 4
assert rows["message 1 PID-7.1"]["type"] == "date"
assert rows["message 1 PID-11.3"]["type"] == "geography" and "message 1 PID-11.4" not in rows  # city, not state
assert all("text" not in r for r in rows.values())
PY
check "HL7 v2: no PID value is printed" bash -c "! grep -Eq 'PSSN123121234|EVERYMAN|Hospital Lane' '$work/adt.out'"

python3 - "$adt" "$work/framed.hl7" <<'PY'
import sys
msg = open(sys.argv[1], "rb").read().replace(b"\n", b"\r")
open(sys.argv[2], "wb").write(b"\x0b" + msg + b"\x1c\r" + b"\x0b" + msg + b"\x1c\r")
PY
run framed scan "$work/framed.hl7"
check "MLLP framed: both messages scanned (got $rc)" \
  bash -c "[ $rc -eq 1 ] && grep -q ': message 1 PID-19: ssn' '$work/framed.out' && grep -q ': message 2 PID-19: ssn' '$work/framed.out'"

run stream scan "$shared/hl7v2/simhospital-messages.hl7"
check "HL7 v2 stream: every one of the 1,013 patients named in PID-5.1 (got $rc)" \
  bash -c "[ $rc -eq 1 ] && [ \$(grep -c ' PID-5.1: name ' '$work/stream.out') -eq 1013 ] && ! grep -q '^ward:' '$work/stream.err'"

bundle="$shared/synthea/Carolee951_Sanford861_d88f994a-5efa-421d-9c40-5f116d2114a6.json"
run bundle scan --format json "$bundle"
check "FHIR Bundle: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "FHIR Bundle: Patient fields by JSON path, the name found in all 14 notes" python3 - "$work/bundle.out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
by = {r["location"]: r for r in rows}
assert by["entry[0] Patient.birthDate"]["type"] == "date"
assert by["entry[0] Patient.name[0].family"]["type"] == "name"
ids = sorted(r["type"] for r in rows if r["location"].startswith("entry[0] Patient.identifier"))
assert ids == ["license", "mrn", "other_id", "other_id", "ssn"], ids
notes = [r for r in rows if r["location"].endswith("DocumentReference.content[0].attachment.data") and r["type"] == "name"]
assert len(notes) == 14, len(notes)
assert all("known name" in r["reason"] for r in notes)
PY
check "FHIR Bundle: no value is printed" python3 - "$work/bundle.out" <<'PY'
import json, sys
for r in map(json.loads, open(sys.argv[1])):
    shown = json.dumps({k: v for k, v in r.items() if k != "file"})
    assert not any(v in shown for v in ("Sanford861", "999-33-5538", "117 Orn", "Carolee951")), shown
PY

python3 - "$bundle" "$work/resources.ndjson" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))["entry"]
with open(sys.argv[2], "w") as out:
    for i, e in enumerate(entries[:20]):
        out.write(json.dumps(e["resource"]) + "\n")
        if i == 4:
            out.write('{"resourceType": "Observation", "valueString": \n')  # line 6: broken
PY
run ndjson scan "$work/resources.ndjson"
check "NDJSON: a broken line is exit 2 naming file and line 6, the rest scanned (got $rc)" \
  bash -c "[ $rc -eq 2 ] && grep -q 'resources.ndjson:6: not valid JSON' '$work/ndjson.err' && grep -q 'resources.ndjson:1: Patient.birthDate: date' '$work/ndjson.out' \
           && grep -q 'resources.ndjson:10: DocumentReference.content\[0\].attachment.data: date' '$work/ndjson.out'"

cat > "$work/export.csv" <<'CSV'
MRN,Patient Name,DOB,Ward,Notes
A7781234,Jonathan Whitfield,02/08/1935,4 East,Jonathon called twice
B1,short row
C5550001,Adaeze Okafor,1961-04-30,ICU,stable overnight
CSV
run csv scan "$work/export.csv"
check "CSV: a row with too few fields is exit 2 naming line 3, the other rows scanned (got $rc)" \
  bash -c "[ $rc -eq 2 ] && grep -q 'export.csv:3: row 2 not scanned: 2 fields, the header has 5' '$work/csv.err' \
           && grep -q 'export.csv:4: row 3 DOB: date' '$work/csv.out'"
check "CSV: columns by name, the row's name misspelt in the notes" \
  bash -c "grep -q 'export.csv:2: row 1 MRN: mrn (0.99): column \"MRN\": \*\*\*\*\*\*\*\*$' '$work/csv.out' && grep -q 'row 1 Notes: name .*known name' '$work/csv.out'"

cp "$adt" "$work/feed.txt"
run sniffed scan "$work/feed.txt"
check "an HL7 v2 file named .txt is read as HL7 v2 by its content" grep -q ': message 1 PID-19: ssn' "$work/sniffed.out"
run forced scan --input-format text "$work/feed.txt"
check "--input-format text reads it as text" bash -c "! grep -q 'PID-19' '$work/forced.out' && grep -q 'feed.txt:[0-9]*:[0-9]*: ' '$work/forced.out'"

run sarif scan --format sarif "$adt" "$work/export.csv"
check "SARIF: logical locations name the field" python3 - "$work/sarif.out" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
names = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results}
assert "message 1 PID-19" in names and "row 1 MRN" in names, sorted(names)[:10]
PY

finish
