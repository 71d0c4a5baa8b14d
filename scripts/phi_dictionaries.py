#!/usr/bin/env python3
"""Rebuilds data/phi/ (the PHI detector's dictionaries) from ../shared/data/names and Debian's
wamerican word list. Usage: scripts/phi_dictionaries.py [SHARED_NAMES_DIR] [WORDS_FILE]
countries.txt, clinical_eponyms.txt and clinical_terms.txt are written by hand and left alone.
See data/phi/README.md."""
import csv
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
names = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared', 'data', 'names')
words_file = sys.argv[2] if len(sys.argv) > 2 else '/usr/share/dict/american-english'
out = os.path.join(here, '..', 'data', 'phi')


def write(name, values):
    with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
        f.write('\n'.join(values) + '\n')


def rows(name, **kw):
    return csv.DictReader(open(os.path.join(names, name), encoding='utf-8'), **kw)


write('given_names.txt', sorted({r['name'] for r in rows('given_names.csv') if int(r['count']) >= 200}))
write('surnames.txt', sorted({r['name'].capitalize() for r in rows('surnames.csv') if int(r['count']) >= 300}))
places = {r['name'] for r in rows('places.csv') if r['population'] == '' or int(r['population']) >= 1000}
places |= {r['name'] for r in rows('counties.csv')}
write('places.txt', sorted(places))
write('states.txt', [v for r in rows('states.csv') for v in (r['name'], r['abbr'])])
eponyms = set()
for line in open(os.path.join(names, 'medical_eponyms.txt'), encoding='utf-8'):
    line = line.strip()
    if line and not line.startswith('#'):
        eponyms.update(line.split())
eponyms |= {r['term'] for r in rows('medical_eponyms_do.tsv', delimiter='\t')}
write('eponyms.txt', sorted(eponyms))
common = set()
for line in open(words_file, encoding='utf-8', errors='replace'):
    w = line.strip()
    if w and w.islower() and "'" not in w and w.isalpha():
        common.add(w)
write('common_words.txt', sorted(common))
