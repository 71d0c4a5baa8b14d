#!/usr/bin/env bash
# `ward scan` as a pipeline or pre-commit hook runs it: exit 0 without PHI, 1 with PHI, 2 on a file
# it cannot scan; the text output masks the PHI, --show prints it; JSON lines and a SARIF 2.1.0
# log that python3 parses; known values with a misspelling; binary files skipped with a note.
# Usage: scan_cli.sh WARD
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
require_tools python3

cat > "$work/clean.txt" <<'TXT'
History of Parkinson's disease. A Foley catheter was placed; Graves disease is stable.
Continue levodopa three times daily and recheck in the Movement Disorders Clinic.
TXT
cat > "$work/note.txt" <<'TXT'
Patient: Jonathan Whitfield, MRN: 00123456, DOB 02/08/1935.
Lives at 1668 Glyn St, Boston, MA 02115. Call (617) 555-0134 or write to jw@example.org.
SSN 460-89-9847. Dr. Parkinson saw the patient for Parkinson's disease.
TXT

run clean scan "$work/clean.txt"
check "no PHI: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "no PHI: nothing on stdout" [ ! -s "$work/clean.out" ]
check "no PHI: the summary says 0 findings" grep -q '^0 finding(s) in 1 file(s) scanned' "$work/clean.err"

run note scan "$work/note.txt"
check "PHI: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "text: file:line:column, type, confidence" grep -q "note.txt:1:10: name (0\.[0-9][0-9]): .*: \*\*\*\*\*\*\*\* \*\*\*\*\*\*\*\*\*$" "$work/note.out"
check "text: the SSN is masked, its shape kept" grep -q 'ssn (0\.[0-9][0-9]): .*: \*\*\*-\*\*-\*\*\*\*$' "$work/note.out"
check "text: MRN, date, street, ZIP, phone, e-mail found" \
  bash -c "grep -q ': mrn ' '$work/note.out' && grep -q ': date ' '$work/note.out' && grep -q ': geography .*\*\*\*\* \*\*\*\* \*\*$' '$work/note.out' \
           && grep -q ': phone ' '$work/note.out' && grep -q ': email ' '$work/note.out'"
check "text: Dr. Parkinson is a name, Parkinson's disease is not" \
  bash -c "[ \$(grep -c ':3:[0-9]*: name ' '$work/note.out') -eq 1 ]"
check "text: no PHI value is printed" bash -c "! grep -Eq 'Whitfield|00123456|460-89-9847|555-0134|jw@example|Glyn' '$work/note.out'"

run show scan --show "$work/note.txt"
check "--show prints the PHI itself" grep -q 'ssn (0\.[0-9][0-9]): .*: 460-89-9847$' "$work/show.out"

run json scan --format json "$work/note.txt"
check "json: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "json: one object per finding with file, line, column, offsets, type, confidence, reason" python3 - "$work/json.out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) >= 8, rows
for r in rows:
    for k in ("file", "line", "column", "byte_offset", "byte_end", "type", "confidence", "reason"):
        assert k in r, (k, r)
    assert "text" not in r
ssn = [r for r in rows if r["type"] == "ssn"][0]
text = open(ssn["file"], "rb").read()
assert text[ssn["byte_offset"]:ssn["byte_end"]] == b"460-89-9847", ssn
PY

run sarif scan --format sarif "$work/note.txt" "$work/clean.txt"
check "sarif: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "sarif: python3 json.load parses it" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/sarif.out"
check "sarif: version 2.1.0, one rule per PHI type, results with regions" python3 - "$work/sarif.out" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
run = log["runs"][0]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert len(rules) == len(set(rules)) == 18 and "ssn" in rules and "name" in rules, rules
assert run["results"], "no results"
for r in run["results"]:
    assert rules[r["ruleIndex"]] == r["ruleId"]
    region = r["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert "460-89-9847" not in r["message"]["text"]
PY

printf 'name\tJonathan Whitfield\nmrn\tA7781234\n' > "$work/known.tsv"
printf 'Pt Jonathon Whitfeild called about record a7781234.\n' > "$work/followup.txt"
run known scan --format json --known "$work/known.tsv" "$work/followup.txt"
check "--known finds a misspelt name and the MRN" python3 - "$work/known.out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert any(r["type"] == "name" and "known" in r["reason"] for r in rows), rows
assert any(r["type"] == "mrn" and "known" in r["reason"] for r in rows), rows
PY
printf 'nickname\tJJ\n' > "$work/bad_known.tsv"
run bad_known scan --known "$work/bad_known.tsv" "$work/clean.txt"
check "a bad --known file: exit 2 naming file and line (got $rc)" \
  bash -c "[ $rc -eq 2 ] && grep -q 'bad_known.tsv:1: .*unknown PHI type' '$work/bad_known.err'"

run missing scan "$work/clean.txt" "$work/no-such-file.txt"
check "an unreadable file: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "an unreadable file is named" grep -q "no-such-file.txt" "$work/missing.err"

printf 'MRN: 1234567 \xff\xfe broken\n' > "$work/latin1.txt"
run latin1 scan "$work/latin1.txt"
check "invalid UTF-8: exit 2 with a clear error (got $rc)" \
  bash -c "[ $rc -eq 2 ] && grep -q 'latin1.txt: not UTF-8 text' '$work/latin1.err'"

head -c 4096 /dev/urandom > "$work/blob.bin"; printf '\0' >> "$work/blob.bin"
run binary scan "$work/blob.bin" "$work/clean.txt"
check "a binary file is skipped with a note, the rest scanned (got $rc)" \
  bash -c "[ $rc -eq 0 ] && grep -q 'blob.bin: skipped: binary file' '$work/binary.err'"

python3 -c "print('word ' * 400000 + 'SSN 460-89-9847')" > "$work/long_line.txt"
run long scan "$work/long_line.txt"
check "a 2 MB line is scanned (got $rc)" bash -c "[ $rc -eq 1 ] && grep -q ':1:2000005: ssn' '$work/long.out'"

mkdir -p "$work/folder/sub"; cp "$work/note.txt" "$work/folder/sub/"; cp "$work/clean.txt" "$work/folder/"
run folder scan "$work/folder"
check "a folder is scanned file by file (got $rc)" \
  bash -c "[ $rc -eq 1 ] && grep -q 'sub/note.txt:' '$work/folder.out' && grep -q 'in 2 file(s) scanned' '$work/folder.err'"

# Images: a full-face photograph cannot be told from its pixels here, so an image file is a finding.
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9' > "$work/wound.jpg"
run image scan "$work/wound.jpg"
check "an image: exit 1 and a biometric finding to look at (got $rc)" \
  bash -c "[ $rc -eq 1 ] && grep -q '^.*wound.jpg: image: biometric (0.50): a JPEG image: it may be a full-face photograph (look at it)$' '$work/image.out'"

# PDF: a note printed to PDF by Debian's Chromium (as a report leaves an EHR), read back by page.
printf 'Clinic letter\nPatient Jonathan Whitfield, MRN 00123456, SSN 460-89-9847.\n' > "$work/letter.txt"
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$work/letter.pdf" "$work/letter.txt" > /dev/null 2>&1
run pdf scan "$work/letter.pdf"
check "a PDF: exit 1, the MRN and SSN found by page and line (got $rc)" \
  bash -c "[ $rc -eq 1 ] && grep -Eq 'letter.pdf: page 1 line [0-9]+: mrn \(0\.[0-9]+\)' '$work/pdf.out' &&
           grep -Eq 'letter.pdf: page 1 line [0-9]+: ssn \(0\.[0-9]+\)' '$work/pdf.out'"
printf '%%PDF-1.4\nnot really a PDF\n' > "$work/broken.pdf"
run broken_pdf scan "$work/broken.pdf" "$work/clean.txt"
check "a broken PDF: exit 2, named with the reason, the rest scanned (got $rc)" \
  bash -c "[ $rc -eq 2 ] && grep -q 'broken.pdf.*not a PDF poppler can read' '$work/broken_pdf.err' && grep -q 'in 1 file(s) scanned' '$work/broken_pdf.err'"

# OCR: a screenshot Chromium takes of a letter, and a PDF holding only that picture (a scanned
# page): the text in them is read with Tesseract and scanned.
chromium --headless --no-sandbox --disable-gpu --window-size=900,300 --screenshot="$work/shot.png" "$work/letter.txt" > /dev/null 2>&1
printf '<html><body style="margin:0"><img src="shot.png"></body></html>' > "$work/scanned.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$work/scanned.pdf" "$work/scanned.html" > /dev/null 2>&1
check "the scanned PDF has no text layer (pdftotext finds none)" bash -c "[ -z \"\$(pdftotext '$work/scanned.pdf' - | tr -d '[:space:]')\" ]"
run ocr scan "$work/shot.png" "$work/scanned.pdf"
check "OCR: the screenshot's MRN and SSN found (got $rc)" \
  bash -c "[ $rc -eq 1 ] && grep -q 'shot.png: image text (OCR): mrn' '$work/ocr.out' && grep -q 'shot.png: image text (OCR): ssn' '$work/ocr.out'"
check "OCR: the scanned page read and said so" \
  bash -c "grep -q 'scanned.pdf: page 1 line [0-9]*: ssn' '$work/ocr.out' && grep -q 'scanned.pdf: 1 of 1 page(s) have no text layer: read by OCR' '$work/ocr.err'"
run no_ocr scan --no-ocr "$work/shot.png" "$work/scanned.pdf"
check "--no-ocr: only the image's own finding, the page said not read" \
  bash -c "! grep -q 'OCR' '$work/no_ocr.out' && grep -q 'scanned.pdf: 1 of 1 page(s) have no text (scanned images?): not read' '$work/no_ocr.err'"

finish
