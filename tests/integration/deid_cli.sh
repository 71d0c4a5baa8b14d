#!/usr/bin/env bash
# `ward deid` as a privacy officer runs it before sharing files: Safe Harbor output without the
# identifiers, the same surrogates and codes on a second run (the vault), secrets with mode 0600,
# a binary file refused rather than copied, dates shifted with their intervals under a keyed
# policy, an HL7 v2 sample, a Synthea FHIR Bundle and a CSV de-identified field by field (read
# back by `ward scan`, references resolving, quoting valid), the public DICOM samples under the
# Annex E profile (re-read with dcmdump), and on the public labelled sentences (deid_gold) no SSN,
# phone, e-mail or card left.
# Usage: deid_cli.sh WARD SHARED_DATA
set -uo pipefail
ward=${1:?ward binary}
shared=${2:?shared data folder}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
require_tools python3 dcmdump
ward_args=(--data "$work/store")

mkdir -p "$work/in/notes"
cat > "$work/in/notes/note.txt" <<'TXT'
Patient: Jonathan Whitfield, MRN: 00123456, DOB 02/08/1935, seen 2019-03-04.
Lives at 1668 Glyn St, Boston, MA 02115. Call (617) 555-0134 or write to jw@example.org.
SSN 460-89-9847. Whitfield was discharged on 2019-03-09, aged 92 years.
TXT
printf 'PK\0\0binary export' > "$work/in/notes/export.bin"

run sh deid --policy safe-harbor "$work/in/notes" --out "$work/out"
check "a refused file: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "the binary file is named with its reason" grep -q 'export.bin: binary file (NUL bytes): not de-identified, not written' "$work/sh.err"
check "the binary file is not copied" [ ! -e "$work/out/notes/export.bin" ]
out="$work/out/notes/note.txt"
check "the note is written under the folder's name" [ -s "$out" ]
check "no identifier is left" bash -c "! grep -Eq 'Jonathan|Whitfield|00123456|02/08/1935|2019-03-0|1668 Glyn|Boston|02115|555-0134|jw@example|460-89-9847|92 years' '$out'"
check "ZIP to three digits, age to 90+, dates to the year, MRN a code" \
  bash -c "grep -q 'MA 021\*\*' '$out' && grep -q 'aged 90+ years' '$out' && grep -q 'seen 2019\.' '$out' && grep -Eq 'MRN: \[MRN-[0-9A-Z]{10}\]' '$out'"
check "the summary counts changes per type" bash -c "grep -Eq '^  ssn +1  redact$' '$work/sh.out' && grep -q '1 file(s) written to .*, 1 refused' '$work/sh.out'"
check "deid-summary.json lists the refused file and the counts" python3 - "$work/out/deid-summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["policy"] == "safe-harbor" and s["basis"] == "safe-harbor", s
assert s["files_written"] == 1 and len(s["files_refused"]) == 1, s
assert s["changed"]["ssn"] == {"changed": 1, "action": "redact"}, s
assert s["changed"]["name"]["changed"] >= 2, s
PY
check "the vault has mode 0600" [ "$(stat -c %a "$work/store/deid-vault.db")" = 600 ]
check "the vault is not in the output" bash -c "! find '$work/out' -name '*vault*' | grep -q ."

run again deid --policy safe-harbor "$work/in/notes/note.txt" --out "$work/out2"
check "a second run: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "a second run gives the same surrogates and codes (the vault)" cmp -s "$out" "$work/out2/note.txt"

cat > "$work/research.yaml" <<'YAML'
name: research-export
basis: expert-determination
types: {name: surrogate, date: date_shift, mrn: pseudonym}
date_shift: {min_days: 10, max_days: 100}
YAML
run keyed deid --policy "$work/research.yaml" "$work/in/notes/note.txt" --out "$work/out3"
check "keyed policy: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "the key was made with mode 0600" [ "$(stat -c %a "$work/store/deid.key")" = 600 ]
check "the key is not printed" bash -c "! grep -qf <(tr -d '\n' < '$work/store/deid.key') '$work/keyed.out' '$work/keyed.err'"
check "dates shifted back 10 to 100 days, still 5 days apart" python3 - "$work/out3/note.txt" <<'PY'
import datetime, re, sys
text = open(sys.argv[1]).read()
dates = [datetime.date.fromisoformat(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", text)]
assert len(dates) == 2, text
assert (dates[1] - dates[0]).days == 5, dates
shift = (datetime.date(2019, 3, 4) - dates[0]).days
assert 10 <= shift <= 100, shift
PY
chmod 644 "$work/store/deid.key"
run open_key deid --policy "$work/research.yaml" "$work/in/notes/note.txt" --out "$work/out4"
check "a key others may read is refused (exit $rc)" bash -c "[ $rc -eq 1 ] && grep -q 'deid.key: holds a secret but others may read it (mode 0644)' '$work/open_key.err'"

run inside deid "$work/in/notes" --out "$work/in/notes/out"
check "output inside the input folder is refused (exit $rc)" bash -c "[ $rc -eq 1 ] && grep -q 'is inside the input folder' '$work/inside.err'"

# Structured formats: an HL7 v2 sample, a Synthea FHIR Bundle and a CSV export, field by field.
mkdir -p "$work/structured"
cp "$shared/hl7v2/ADT-A01-01.hl7" "$shared"/synthea/Carolee951_Sanford861_*.json "$shared"/synthea/*Information*.json "$work/structured/"
printf 'Patient Name,MRN,Date of Birth,notes\nJonathan Whitfield,A7781234,02/08/1935,"Whitfield called, said ""fine"""\n' \
  > "$work/structured/export.csv"
run structured deid --policy safe-harbor "$work/structured" --out "$work/structured-out"
check "structured: exit 0 (got $rc)" [ "$rc" -eq 0 ]
sout="$work/structured-out/structured"
check "structured: the formats are named in the summary" bash -c "grep -q 'hl7v2: 1 file(s) de-identified field by field' '$work/structured.out' &&
  grep -q 'fhir: 3 file(s)' '$work/structured.out' && grep -q 'csv: 1 file(s)' '$work/structured.out'"
check "structured: no patient identifier is left" bash -c "! grep -Eo '.{0,40}(EVERYMAN|PATID1234|Hospital Lane|PSSN123121234|Carolee|Sanford|1969-03-27|117 Orn Bypass|555-657-5098|999-33-5538|Whitfield|A7781234|02/08/1935).{0,20}' '$sout'/* >&2"
run rescan scan "$sout"
check "structured: ward scan reads every output without an error (exit $rc)" bash -c "[ $rc -le 1 ] && ! grep -q 'not scanned\|not valid' '$work/rescan.err'"
check "structured: FHIR output is JSON whose references resolve across the three bundles, CSV quoting holds" \
  python3 - "$work/structured" "$sout" <<'PY'
import csv, glob, json, sys
def resolving(folder):
    bundles = [json.load(open(f)) for f in sorted(glob.glob(f"{folder}/*.json"))]
    urls = {e["fullUrl"] for b in bundles for e in b["entry"]}
    return [r for b in bundles for r in refs(b) if r in urls], bundles
def refs(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "reference" and isinstance(x, str): yield x
            else: yield from refs(x)
    elif isinstance(v, list):
        for x in v: yield from refs(x)
before, _ = resolving(sys.argv[1])
after, bundles = resolving(sys.argv[2])
assert len(before) > 700 and len(after) == len(before), (len(before), len(after))
patient = next(b for b in bundles if b["entry"][0]["resource"]["resourceType"] == "Patient")
assert sum(r == patient["entry"][0]["fullUrl"] for r in after) > 100
rows = list(csv.reader(open(f"{sys.argv[2]}/export.csv")))
assert len(rows) == 2 and len(rows[1]) == 4 and 'called, said "fine"' in rows[1][3], rows
PY
check "structured: deid-summary.json counts the formats" python3 - "$work/structured-out/deid-summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["formats"] == {"hl7v2": 1, "fhir": 3, "csv": 1}, s["formats"]
assert s["changed"]["name"]["changed"] >= 10, s
PY
run structured_again deid --policy safe-harbor "$work/structured" --out "$work/structured-again"
check "structured: Safe Harbor again with the vault gives the same files" diff -r "$sout" "$work/structured-again/structured"
run structured_keyed deid --policy "$work/research.yaml" --key "$work/structured.key" "$work/structured" --out "$work/structured-keyed"
run structured_keyed2 deid --policy "$work/research.yaml" --key "$work/structured.key" "$work/structured" --out "$work/structured-keyed2"
check "structured: keyed: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "structured: keyed, the same input and key give the same files" diff -r "$work/structured-keyed" "$work/structured-keyed2"
check "structured: keyed codes are not the vault's" bash -c "! cmp -s '$sout/export.csv' '$work/structured-keyed/structured/export.csv'"

# DICOM: the public sample files, de-identified under the Annex E basic profile, re-read with dcmdump.
mkdir -p "$work/dicom"
cp "$shared"/dicom/files/*.dcm "$work/dicom/"
run dicom deid "$work/dicom" --out "$work/dicom-out"
check "DICOM: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "DICOM: the summary counts what the profile did" grep -q 'DICOM: 10 file(s) under the Annex E basic profile: .* private removed' "$work/dicom.out"
check "DICOM: every file still reads, and no patient, operator, institution or date is left" bash -c "
  for f in '$work'/dicom-out/dicom/*.dcm; do dcmdump +U8 \"\$f\" > \"\$f.txt\" 2>/dev/null || exit 1; done
  ! cat '$work'/dicom-out/dicom/*.txt | grep -Eq 'CompressedSamples|1CT1|JFK IMAGING|Archibald|77654033|Phantom30sep|dmason|JANCT000|20040119|19970430'"
check "DICOM: marked as de-identified" bash -c "grep -q 'PatientIdentityRemoved' '$work/dicom-out/dicom/CT_small.dcm.txt' && grep -q '113100' '$work/dicom-out/dicom/CT_small.dcm.txt'"
check "DICOM: ward scan finds the samples' names, ids and dates by attribute (exit 1)" bash -c "
  '$ward' --data '$work/store' scan --format json '$work/dicom' > '$work/dicom-scan.json'; [ \$? -eq 1 ] &&
  grep -q '\"location\":\"PatientName (0010,0010)\"' '$work/dicom-scan.json' &&
  grep -q '\"location\":\"StudyDate (0008,0020)\"' '$work/dicom-scan.json'"
check "DICOM: after de-identification ward scan finds only the new Patient IDs (the vault's codes)" python3 - "$ward" "$work" <<'PY'
import json, subprocess, sys
ward, work = sys.argv[1:3]
out = subprocess.run([ward, "--data", f"{work}/store", "scan", "--format", "json", f"{work}/dicom-out/dicom"],
                     capture_output=True, text=True)
findings = [json.loads(line) for line in out.stdout.splitlines()]
dicom = [f for f in findings if f["file"].endswith(".dcm")]
assert dicom and all(f["location"] == "PatientID (0010,0020)" for f in dicom), dicom
PY
check "DICOM: shifting and keeping the dates at once is refused" bash -c "
  '$ward' --data '$work/store' deid --policy '$work/research.yaml' --key '$work/structured.key' \
    --dicom-option retain-longitudinal-dates,retain-longitudinal-full-dates '$work/dicom' --out '$work/y' 2>&1 | grep -q 'choose one'"
check "DICOM: a date-shifting option is refused under Safe Harbor" bash -c "
  '$ward' --data '$work/store' deid --dicom-option retain-longitudinal-dates '$work/dicom' --out '$work/x' 2>&1 | grep -q 'keeps identifiers Safe Harbor removes'"
check "DICOM: retain-safe-private is refused under Safe Harbor" bash -c "
  '$ward' --data '$work/store' deid --dicom-option retain-safe-private '$work/dicom' --out '$work/x' 2>&1 | grep -q 'retain-safe-private: keeps identifiers Safe Harbor removes'"
check "DICOM: the MR samples (DERIVED\\SECONDARY) are flagged by deid's blacklist, named in the summary" python3 - "$work/dicom-out/deid-summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["dicom"]
flagged = {e["file"].split("/")[-1]: e["reason"] for e in d["pixel_review"]}
assert set(flagged) == {"MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm"}, flagged
assert 'blacklist "Stanford Blacklist secondary or derived catchall"' in flagged["MR_small.dcm"], flagged
assert d["pixel_filters"] == "built-in (pydicom deid)" and d["pixel_cleaned"] == [], d
PY
check "DICOM: the pixel review is said on stderr" grep -q 'MR_small.dcm: check the pixels before sharing: .*blacklist' "$work/dicom.err"
printf '%%filter graylist\nLABEL ours\n  contains Modality MR\n  + contains Manfacturer TOSHIBA\n' > "$work/bad.dicom"
check "DICOM: a broken --dicom-filters file is named with its line and problem" bash -c "
  '$ward' --data '$work/store' deid --dicom-filters '$work/bad.dicom' '$work/dicom' --out '$work/x' 2>&1 |
    grep -q 'bad.dicom:4: \"Manfacturer\" is not a DICOM keyword'"
printf '%%filter blacklist\nLABEL our CR rule\n  equals Modality CR\n' > "$work/ours.dicom"
run dicomf deid --dicom-filters "$work/ours.dicom" "$work/dicom" --out "$work/dicom-f"
check "DICOM: --dicom-filters replaces the built-in rules" python3 - "$work/dicom-f/deid-summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["dicom"]
flagged = {e["file"].split("/")[-1]: e["reason"] for e in d["pixel_review"]}
assert flagged == {"dicomdirtests_77654033_CR1_6154.dcm": 'blacklist "our CR rule"'}, flagged
PY
run dicomc deid --dicom-option clean-pixels "$work/dicom" --out "$work/dicom-c"
check "DICOM: clean-pixels leaves images no rule locates flagged and unchanged" python3 - "$work/dicom-c/deid-summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["dicom"]
flagged = {e["file"].split("/")[-1]: e["reason"] for e in d["pixel_review"]}
assert sorted(flagged) == ["MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm"], flagged
assert all("(no coordinates to clean)" in r for r in flagged.values()), flagged
assert d["pixel_cleaned"] == [], d
PY
check "DICOM: no Clean Pixel Data code where nothing was blanked" bash -c "! dcmdump '$work/dicom-c/dicom/MR_small.dcm' | grep -q 113101"
# Embedded documents: the slide scanner's images in OUL-R22-01.hl7 (OBX-5 of type ED) are removed.
mkdir -p "$work/embedded"
cp "$shared/hl7v2/OUL-R22-01.hl7" "$work/embedded/"
run embedded deid "$work/embedded" --out "$work/embedded-out"
check "HL7 v2: images embedded in OBX-5 are removed and counted" bash -c "
  grep -q '\"documents_removed\": 3' '$work/embedded-out/deid-summary.json' &&
  grep -q '^  documents *3  removed' '$work/embedded.out' &&
  ! grep -q 'VGhpcyBpcyBhIEJhc2U2NCBzdHJpbmc=' '$work/embedded-out/embedded/OUL-R22-01.hl7'"

# Compressed pixels: CT_small.dcm compressed by DCMTK's own dcmcjpeg (JPEG lossless), a rule of
# ours locating "text" in its top-left corner; the output decoded again by dcmdjpeg and its pixels
# compared with the input's, sample by sample.
mkdir -p "$work/dicom-jpeg"
dcmcjpeg "$shared/dicom/files/CT_small.dcm" "$work/dicom-jpeg/ct.dcm"
printf '%%filter graylist\nLABEL our CT corner\n  equals Modality CT\n  coordinates 0,0,20,10\n' > "$work/ct.dicom"
run dicomj deid --dicom-option clean-pixels --dicom-filters "$work/ct.dicom" "$work/dicom-jpeg" --out "$work/dicom-j"
check "DICOM: clean-pixels decodes JPEG lossless pixels, blanks them and encodes them again" python3 - "$work/dicom-j/deid-summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["dicom"]
assert d["pixel_review"] == [], d
cleaned = [e["cleaned"] for e in d["pixel_cleaned"]]
assert cleaned == ['graylist "our CT corner": 200 pixels in 1 frame(s) (decoded from JPEG Lossless, '
                   'Non-hierarchical, 1st Order Prediction and encoded again)'], cleaned
PY
check "DICOM: the cleaned file is JPEG lossless still" bash -c "dcmdump -M '$work/dicom-j/dicom-jpeg/ct.dcm' | grep -q '=JPEGLossless:.*TransferSyntaxUID'"
mkdir -p "$work/raw"
dcmdjpeg "$work/dicom-j/dicom-jpeg/ct.dcm" "$work/raw/after.dcm"
dcmdump +W "$work/raw" "$work/raw/after.dcm" > /dev/null
dcmdump +W "$work/raw" "$shared/dicom/files/CT_small.dcm" > /dev/null
check "DICOM: the corner is 0 and every other pixel as it was" python3 - "$work/raw/CT_small.dcm.0.raw" "$work/raw/after.dcm.0.raw" <<'PY'
import struct, sys
before, after = (struct.unpack("<16384h", open(f, "rb").read()) for f in sys.argv[1:3])
for y in range(128):
    for x in range(128):
        i = y * 128 + x
        want = 0 if x < 20 and y < 10 else before[i]
        assert after[i] == want, (x, y, before[i], after[i])
assert any(before[y * 128 + x] != 0 for y in range(10) for x in range(20)), "the corner was not blank already"
PY

# The public labelled sentences: 300 records as text files, de-identified under Safe Harbor.
mkdir -p "$work/gold"
python3 - "$shared/deid_gold/synth_dataset_v2.public.json" "$work/gold" <<'PY'
import json, sys
records = json.load(open(sys.argv[1]))[:300]
spans = []
for i, r in enumerate(records):
    open(f"{sys.argv[2]}/{i:03}.txt", "w").write(r["full_text"])
    spans.append([[s["entity_type"], r["full_text"][s["start_position"]:s["end_position"]]] for s in r["spans"]])
json.dump(spans, open(f"{sys.argv[2]}/../gold-spans.json", "w"))
PY
run gold deid "$work/gold" --out "$work/gold-out"
check "the labelled sentences: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "no SSN, phone, e-mail or card number is left; names and places mostly gone" python3 - "$work/gold-spans.json" "$work/gold-out/gold" <<'PY'
import json, sys
spans = json.load(open(sys.argv[1]))
strict = {"US_SSN", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS"}
left, total, strict_left = 0, 0, []
for i, record in enumerate(spans):
    out = open(f"{sys.argv[2]}/{i:03}.txt").read()
    for entity, value in record:
        value = value.strip()
        if entity not in strict | {"PERSON", "STREET_ADDRESS"} or len(value) < 3:
            continue
        total += 1
        if value in out:
            left += 1
            if entity in strict:
                strict_left.append((entity, value))
assert not strict_left, strict_left
assert total > 200, total
assert left / total < 0.08, (left, total)
print(f"{left} of {total} labelled names, addresses and numbers left", file=sys.stderr)
PY

finish
