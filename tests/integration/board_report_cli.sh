#!/usr/bin/env bash
# The risk register and the board report as a CISO uses them: a CSF 2.0 assessment, vendors,
# risks with treatments, an incident with a breach clock and an MFA export seeded through the CLI
# (privacy cases and alerts through SQL, as their reviews leave them); the board
# report printed to PDF by headless Chromium and read back with pdftotext, its figures checked
# against what Ward computes from that data (the assessment's own JSON, the risk scores, the
# days left); bad input refused with the field named.
# Usage: board_report_cli.sh WARD
set -uo pipefail
ward=${1:?ward binary}
work=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
# shellcheck source=assertions.sh
source "$(dirname "$0")/assertions.sh"
# shellcheck source=ward_cli.sh
source "$(dirname "$0")/ward_cli.sh"
require_tools pdftotext python3
ward_args=(--data "$work/store")
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# The data: two business associates (one without a BAA), a CSF assessment, three risks.
run v1 program vendor add --name "Clearinghouse" --business-associate --baa-status signed --baa-signed 2024-01-01
run v2 program vendor add --name "Transcription Co" --business-associate --baa-status requested
check "vendors added" [ "$rc" -eq 0 ]
run assess program assess start --catalog csf-2.0 --name "CSF baseline"
for c in GV.OC-01 GV.OC-02 GV.OC-03 PR.AA-01; do run set program assess set 1 "$c" --status implemented; done
run set program assess set 1 GV.OC-04 --status partial
check "controls rated (exit $rc)" [ "$rc" -eq 0 ]
run risk1 program risk add --title "Ransomware stops the EHR" --likelihood 4 --impact 5 --owner CISO \
  --category "clinical systems" --control csf-2.0:PR.DS-11 --control hph-cpg:hph-cpg-essential-01
check "risk added (exit $rc)" [ "$rc" -eq 0 ]
check "risk shows its inherent score" grep -q "likelihood 4, impact 5: inherent 20, residual 20" "$work/risk1.out"
run risk2 program risk add --title "Clearinghouse outage" --likelihood 3 --impact 4 --owner CFO --control csf-2.0:GV.SC-05
run risk3 program risk add --title "Phishing of clinicians" --likelihood 4 --impact 3 --owner CISO
run t1 program risk treat 1 --description "immutable backups" --owner "IT ops" --cost 28000 \
  --residual-likelihood 2 --residual-impact 3 --target 2027-03-31
run t2 program risk treat 2 --kind transfer --description "second clearinghouse" --cost 4000 \
  --residual-likelihood 2 --residual-impact 2 --status in_progress
run t3 program risk treat 3 --description "phishing-resistant MFA" --cost 60000 --residual-likelihood 2 --residual-impact 3
run t3done program risk treat 3 --treatment 3 --status done
check "treatments recorded (exit $rc)" [ "$rc" -eq 0 ]
run list program risk list --format json
check "the done treatment sets the residual" [ "$(json "$work/list.out" "d['risks'][2]['residual_score']")" = 6 ]

# An incident with a presumed breach discovered 10 days ago: 50 days left to tell individuals.
discovered=$(date -u -d '-10 days' +%F)
due=$(date -u -d '+50 days' +%F)
run inc program incident add --title "Laptop stolen" --severity high --discovered "$discovered"
cat > "$work/breach.json" <<JSON
{"discovered": "$discovered", "individuals": 120, "residents": {"NY": 120}, "role": "covered_entity",
 "nature": {"answer": "sensitive", "notes": "diagnoses"}, "recipient": {"answer": "malicious", "notes": "theft"},
 "acquired": {"answer": "unknown", "notes": "not encrypted"}, "mitigation": {"answer": "none", "notes": ""}}
JSON
run breach program assess 1 --file "$work/breach.json"
check "breach assessed (exit $rc)" [ "$rc" -eq 0 ]

# Privacy cases as the case review leaves them (store tables of migration 0004): one open, two
# closed 2 and 4 days after their last access: mean 3.0 days.
python3 - "$work/store/ward.db" <<'PY'
import sqlite3, sys
day = 86400 * 10**9
db = sqlite3.connect(sys.argv[1])
for cid, status, last, closed in [(1, "new", 5, None), (2, "confirmed", 10, 12), (3, "dismissed", 20, 24)]:
    db.execute("INSERT INTO privacy_cases (id, case_key, score, categories, reason, first_ns, last_ns, status) "
               "VALUES (?, ?, 1, 'snooping', 'seeded', ?, ?, ?)", (cid, f"k{cid}", last * day, last * day, status))
    if closed:
        db.execute("INSERT INTO privacy_case_history (case_id, time_ns, actor, from_status, to_status) "
                   "VALUES (?, ?, 'cli:test', 'in_review', ?)", (cid, closed * day, status))
# An alert raised and closed 6 hours later (migrations 0008 and 0010), and one still open.
for aid, status in [(1, "closed"), (2, "open")]:
    db.execute("INSERT INTO alerts (id, rule_id, rule_title, level, event_ns, detected_ns, source, event_ref, matched, status) "
               "VALUES (?, 'r1', 'Failed logons', 'high', ?, ?, 'syslog', ?, '{}', ?)", (aid, 30 * day, 30 * day, f"line {aid}", status))
db.execute("INSERT INTO alert_changes (alert_id, time_ns, actor, from_status, to_status, resolution) "
           "VALUES (1, ?, 'cli:test', 'open', 'closed', 'benign')", (30 * day + day // 4,))
db.commit()
PY

# MFA coverage from an identity provider's export: 3 of 4 enabled accounts, one row rejected.
printf 'user_id,enabled,mfa\nE1,yes,yes\nE2,yes,yes\nE3,yes,no\nE4,yes,yes\nE5,no,no\nE6,maybe,yes\n' > "$work/idp.csv"
run mfa program mfa import "$work/idp.csv"
check "the MFA export is imported (exit $rc)" [ "$rc" -eq 0 ]
check "what was read is said" grep -q "idp.csv: read 5 exported users (generic format, MFA from column \"mfa\"), 1 rejected row" "$work/mfa.out"
check "the rejected row is named with its line and column" grep -q 'rejected idp.csv:7: enabled: "maybe" is not yes or no' "$work/mfa.out"
check "the coverage is printed" grep -q "MFA coverage: 3 of 4 enabled accounts (75.0%)" "$work/mfa.out"
run mfa_show program mfa show
check "show lists the enabled account without MFA" grep -q "^  E3$" "$work/mfa_show.out"
run mfa_bad program mfa import "$work/breach.json"
check "a file without the columns is refused (exit $rc)" [ "$rc" -eq 1 ]
check "the missing column is named" grep -q "breach.json:1: user_id: no user id column" "$work/mfa_bad.err"
check "the import is audited" [ "$(cli_audit_rows "$work/store/ward.db" "mfa:idp.csv" "ward program mfa import")" -eq 1 ]

run pdf report board --out "$work/board.pdf"
check "the PDF is written (exit $rc)" [ "$rc" -eq 0 ]
check "it is a PDF" grep -q '^%PDF' "$work/board.pdf"
pdftotext -layout "$work/board.pdf" "$work/board.txt"
check "it is one page" [ "$(pdftotext "$work/board.pdf" - | grep -c $'\f')" -le 1 ]
txt() { tr -s ' ' < "$work/board.txt"; }
quarter=$(date -u +%Y)Q$(( ($(date -u +%-m) - 1) / 3 + 1 ))
check "the quarter is named" grep -q "board report $quarter" "$work/board.txt"
# Posture: Govern's score as Ward's own assessment JSON computes it.
run show program assess show 1 --format json
govern=$(json "$work/show.out" "'%.0f%%' % (next(p for p in d['posture'] if p['id']=='GV')['score']*100)")
check "Govern's score ($govern) is printed" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'GV GOVERN [0-9]* [0-9]*% [0-9]*% $govern'"
check "the assessment is named" grep -q "CSF baseline" "$work/board.txt"
# Key figures from the vendors.
check "1 of 2 business associates without a BAA" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'business associates without a BAA 1 of 2'"
check "one open privacy case" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'open privacy cases 1 '"
check "mean time to close 3.0 days over 2" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'mean time to close (2 closed) 3.0 days'"
check "alert mean time to close 6.0 hours over 1" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'alert mean time to close (1 closed) 6.0 hours'"
check "MFA coverage 75.0%" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'MFA coverage (3 of 4 enabled accounts) 75.0%'"
check "three risks in the register" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'risks in the register 3'"
check "two open breach deadlines" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'open breach deadlines 2'"
# Top risks by residual: the clearinghouse (12) and the EHR (20) before phishing (done: 6).
check "the EHR risk: inherent 20, residual 20" bash -c "tr -s ' ' < '$work/board.txt' | grep -q '1 Ransomware stops the EHR CISO 20 20'"
check "phishing: residual 6" bash -c "tr -s ' ' < '$work/board.txt' | grep -q '3 Phishing of clinicians CISO 12 6'"
# Budget: the second clearinghouse reduces 8 for 4,000 (2.00 per 1,000), the backups 14 for 28,000 (0.50).
check "transfer ranked first at 2.00" bash -c "tr -s ' ' < '$work/board.txt' | grep -q 'Clearinghouse outage transfer: second clearinghouse.* 4,000 8 2.00'"
check "backups at 0.50" bash -c "tr -s ' ' < '$work/board.txt' | grep -q '28,000 14 0.50'"
check "22 points for 32,000" bash -c "tr -s ' ' < '$work/board.txt' | grep -q '2 open treatments would reduce risk by 22 points for 32,000'"
check "the deadline with 50 days left" bash -c "tr -s ' ' < '$work/board.txt' | grep -q '$due 50'"
check "transfer before backups" bash -c "[ \$(grep -n 'second clearinghouse' '$work/board.txt' | cut -d: -f1) -lt \$(grep -n 'immutable backups' '$work/board.txt' | cut -d: -f1) ]"

run html report board --out "$work/board.html" --quarter "$quarter"
check "HTML written (exit $rc)" [ "$rc" -eq 0 ]
check "HTML has no script" bash -c "! grep -qi '<script' '$work/board.html'"

# Bad input.
run bad_level program risk add --title "x" --likelihood 7 --impact 2
check "likelihood 7 refused (exit $rc)" [ "$rc" -eq 1 ]
check "likelihood 7 named" grep -q "likelihood: 7 is not a level from 1 to 5" "$work/bad_level.err"
run bad_control program risk add --title "x" --likelihood 2 --impact 2 --control csf-2.0:PR.XX-99
check "unknown control refused" grep -q 'control "csf-2.0:PR.XX-99"' "$work/bad_control.err"
run bad_catalog program risk add --title "x" --likelihood 2 --impact 2 --control iso-27001:A.5.1
check "unknown catalogue refused" grep -q 'no built-in catalogue "iso-27001"' "$work/bad_catalog.err"
run count program risk list --format json
check "nothing saved by bad input" [ "$(json "$work/count.out" "len(d['risks'])")" = 3 ]
run bad_ext report board --out "$work/board.docx"
check "unknown extension refused (exit $rc)" [ "$rc" -eq 1 ]
check "the extension is named" grep -q 'the extension says the format: .pdf or .html, not ".docx"' "$work/bad_ext.err"
check "nothing written for it" [ ! -e "$work/board.docx" ]
run bad_quarter report board --out "$work/q.html" --quarter 2026Q5
check "bad quarter refused" grep -q 'quarter "2026Q5": expected a year and a quarter' "$work/bad_quarter.err"
WARD_CHROMIUM=/nonexistent run nochrome report board --out "$work/nc.pdf"
check "a missing browser is explained" grep -q "WARD_CHROMIUM is /nonexistent" "$work/nochrome.err"
check "the commands are audited" [ "$(cli_audit_rows "$work/store/ward.db" "" "ward report board")" -ge 2 ]
finish
