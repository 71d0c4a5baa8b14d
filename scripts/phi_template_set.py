#!/usr/bin/env python3
"""Generates a labelled PHI test set from presidio-research's templates.txt, in the same JSON
format as synth_dataset_v2 (full_text, spans with entity_type, entity_value, start/end character
offsets), so `ward bench phi-accuracy OUT.json` scores Ward on sentences it was not tuned on.

Usage: scripts/phi_template_set.py [--count N] [--seed S] [--shared DIR] OUT.json

Fake values: US given names and surnames from DIR/names (given_names_ssa.csv and
surnames_census1990.txt, other files than the ones Ward embeds), a short hand-written list of
European names and towns with diacritics, US places, and generated numbers (Luhn-valid cards,
mod-97-valid IBANs, SSNs with a valid structure). Deterministic for a given seed."""
import argparse
import csv
import json
import os
import random
import re

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument('out')
ap.add_argument('--count', type=int, default=1000)
ap.add_argument('--seed', type=int, default=7)
ap.add_argument('--shared', default=os.path.join(here, '..', '..', 'shared', 'data'))
args = ap.parse_args()
rnd = random.Random(args.seed)
names_dir = os.path.join(args.shared, 'names')

given = [r['name'].capitalize() for r in csv.DictReader(open(os.path.join(names_dir, 'given_names_ssa.csv'), encoding='utf-8'))
         if r.get('name')][:6000]
surnames = [l.split(',')[0].strip().strip('"').capitalize()
            for l in open(os.path.join(names_dir, 'surnames_census1990.txt'), encoding='utf-8') if not l.startswith('#')][:20000]
surnames = [s for s in surnames if s.isalpha()]
euro_given = ['Željko', 'Halldór', 'Šárka', 'Krisztián', 'Jožef', 'Elínborg', 'Søren', 'Åsa', 'Jürgen', 'Zoë',
              'Bonifacy', 'Tomomi', 'Aantje', 'Liisa', 'Weronika', 'Matthias', 'Ilkka', 'Gaëtan', 'Joaquín', 'Brigitta']
euro_surnames = ['Gelencsér', 'Szöllösy', 'Ottová', 'Guðmundsdóttir', 'Kaczmarek', 'Lepistö', 'Mourik', 'Åberg',
                 'Nishiyama', 'Paavolainen', 'Kreutzmann', 'Pušaver', 'Müller', 'Þórsson', 'Håkansson', 'Nováková',
                 'Fernández', 'Lindqvist', 'Østergaard', 'Kovačević']
places = [r['name'] for r in csv.DictReader(open(os.path.join(names_dir, 'places.csv'), encoding='utf-8'))
          if r['population'] and int(r['population']) >= 20000]
euro_towns = ['Tampere', 'Aarhus', 'Győr', 'Trondheim', 'Coimbra', 'Brno', 'Uppsala', 'Ljubljana', 'Tartu', 'Szeged',
              'Odense', 'Esbjerg', 'Plzeň', 'Kraków', 'Västerås', 'Reykjavík', 'Tromsø', 'Jyväskylä', 'Braga', 'Graz']
countries = ['France', 'Norway', 'Denmark', 'Hungary', 'Portugal', 'Finland', 'Canada', 'Spain', 'Poland', 'Iceland']
states = ['MA', 'NY', 'CA', 'TX', 'OH', 'WA', 'IL', 'FL', 'GA', 'PA']
suffixes = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Lane', 'Drive', 'Court', 'Place', 'Way', 'Boulevard']
orgs = ['Northwind Health', 'Contoso Clinics', 'Fabrikam', 'Litware', 'Tailspin Toys', 'Adventure Works']
jobs = ['nurse practitioner', 'accountant', 'software engineer', 'pharmacist', 'teacher']
nationalities = ['Italian', 'Danish', 'Hungarian', 'Canadian', 'Finnish']
domains = ['example.com', 'mail.example.org', 'post.example.net']


def person_first():
    return rnd.choice(euro_given) if rnd.random() < 0.2 else rnd.choice(given)


def person_last():
    return rnd.choice(euro_surnames) if rnd.random() < 0.2 else rnd.choice(surnames)


def person():
    first, last = person_first(), person_last()
    return f'{first} {rnd.choice("ABCDEFGHJKLMNPRSTW")}. {last}' if rnd.random() < 0.2 else f'{first} {last}'


def luhn_complete(digits):
    for check in range(10):
        s = digits + str(check)
        total = sum(int(d) if i % 2 == 0 else sum(divmod(2 * int(d), 10)) for i, d in enumerate(reversed(s)))
        if total % 10 == 0:
            return s


def iban():
    bban = ''.join(rnd.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(4)) + ''.join(rnd.choice('0123456789') for _ in range(14))
    moved = bban + 'GB00'
    num = int(''.join(str(int(c, 36)) for c in moved))
    return f'GB{98 - num % 97:02d}{bban}'


def street():
    if rnd.random() < 0.25:
        return rnd.choice([f'Rua {person_last()} {rnd.randint(1, 999)}', f'{person_last()}vej {rnd.randint(1, 99)}',
                           f'{person_last()}strasse {rnd.randint(1, 99)}', f'Via {person_last()} {rnd.randint(1, 99)}'])
    return f'{rnd.randint(1, 9999)} {rnd.choice(surnames)} {rnd.choice(suffixes)}'


def phone():
    a, b, c = rnd.randint(201, 989), rnd.randint(200, 999), rnd.randint(0, 9999)
    return rnd.choice([f'({a}) {b}-{c:04d}', f'{a}-{b}-{c:04d}', f'+1-{a}-{b}-{c:04d}', f'{a}.{b}.{c:04d}',
                       f'+44 7700 {b} {c % 1000:03d}', f'0{a} {b} {c:04d}'])


def date_full():
    y, m, d = rnd.randint(1930, 2023), rnd.randint(1, 12), rnd.randint(1, 28)
    months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
              'November', 'December']
    return rnd.choice([f'{m}/{d}/{y}', f'{y}-{m:02d}-{d:02d}', f'{months[m - 1]} {d}, {y}', f'{d} {months[m - 1][:3]} {y}',
                       f'{y}-{m:02d}-{d:02d} {rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}:{rnd.randint(0, 59):02d}'])


def ssn():
    return f'{rnd.choice([rnd.randint(1, 665), rnd.randint(667, 899)]):03d}-{rnd.randint(1, 99):02d}-{rnd.randint(1, 9999):04d}'


def value(key):
    """(text, entity type or None) for a placeholder."""
    k = key.strip()
    if k in ('person', 'name', 'name_male', 'name_female'):
        return person(), 'PERSON'
    if k.startswith('first_name'):
        return person_first(), 'PERSON'
    if k.startswith('last_name'):
        return person_last(), 'PERSON'
    if k.startswith('prefix'):
        return rnd.choice(['Mr.', 'Dr.', 'Mrs.', 'Ms.']), 'TITLE'
    if k == 'address':
        city = rnd.choice(places + euro_towns)
        return rnd.choice([f'{street()}, {city}, {rnd.choice(states)} {rnd.randint(10000, 99999)}',
                           f'{street()}\n{city}\n{rnd.choice(states)} {rnd.randint(10000, 99999)}',
                           f'{street()} Apt. {rnd.randint(1, 999)}, {city}']), 'STREET_ADDRESS'
    if k == 'street_name':
        return f'{rnd.choice(surnames)} {rnd.choice(suffixes)}', 'STREET_ADDRESS'
    if k == 'building_number':
        return str(rnd.randint(1, 9999)), 'STREET_ADDRESS'
    if k == 'secondary_address':
        return rnd.choice(['Apt.', 'Suite']) + f' {rnd.randint(1, 999)}', 'STREET_ADDRESS'
    if k == 'city':
        return rnd.choice(places + euro_towns), 'GPE'
    if k == 'country':
        return rnd.choice(countries), 'GPE'
    if k == 'state_abbr':
        return rnd.choice(states), 'GPE'
    if k in ('zipcode', 'postcode'):
        return f'{rnd.randint(10000, 99999)}', 'ZIP_CODE'
    if k == 'phone_number':
        return phone(), 'PHONE_NUMBER'
    if k == 'email':
        return f'{person_first().lower()}.{rnd.choice(surnames).lower()}@{rnd.choice(domains)}', 'EMAIL_ADDRESS'
    if k == 'credit_card_number':
        return luhn_complete(rnd.choice(['4', '51', '37', '6011']) + ''.join(rnd.choice('0123456789') for _ in range(13))[:14]), 'CREDIT_CARD'
    if k == 'iban':
        return iban(), 'IBAN_CODE'
    if k == 'ssn':
        return ssn(), 'US_SSN'
    if k == 'ip_address':
        return '.'.join(str(rnd.randint(1, 254)) for _ in range(4)), 'IP_ADDRESS'
    if k == 'url':
        return f'https://www.{rnd.choice(surnames).lower()}{rnd.randint(1, 99)}.example.com/', 'DOMAIN_NAME'
    if k in ('date_of_birth', 'date_time'):
        return date_full(), 'DATE_TIME'
    if k == 'year':
        return str(rnd.randint(1950, 2023)), 'DATE_TIME'
    if k == 'day_of_week':
        return rnd.choice(['Monday', 'Tuesday', 'Friday']), 'DATE_TIME'
    if k == 'age':
        return str(rnd.choice([rnd.randint(18, 89), rnd.randint(18, 89), rnd.randint(90, 104)])), 'AGE'
    if k == 'organization':
        return rnd.choice(orgs), 'ORGANIZATION'
    if k == 'job':
        return rnd.choice(jobs), 'TITLE'
    if k in ('nationality', 'nation_woman', 'nation_plural'):
        return rnd.choice(nationalities), 'NRP'
    if k == 'us_driver_license':
        return f'{rnd.choice("ABCDEFGS")}{rnd.randint(1000000, 9999999)}', 'US_DRIVER_LICENSE'
    return k, None


templates = [l.rstrip('\n') for l in open(os.path.join(args.shared, 'deid_gold', 'templates.txt'), encoding='utf-8', errors='replace')
             if l.strip()]
placeholder = re.compile(r'\{\{([^}]+)\}\}|\{([a-z_]+)\}')
records = []
for n in range(args.count):
    template = rnd.choice(templates).replace('\\n', '\n')
    text, spans, pos = '', [], 0
    for m in placeholder.finditer(template):
        text += template[pos:m.start()]
        v, entity = value(m.group(1) or m.group(2))
        if entity:
            spans.append({'entity_type': entity, 'entity_value': v, 'start_position': len(text),
                          'end_position': len(text) + len(v)})
        text += v
        pos = m.end()
    text += template[pos:]
    records.append({'full_text': text, 'spans': spans, 'template_id': templates.index(template.replace('\n', '\\n'))
                    if template.replace('\n', '\\n') in templates else -1})
json.dump(records, open(args.out, 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print(f'{len(records)} records, {sum(len(r["spans"]) for r in records)} spans -> {args.out}')
