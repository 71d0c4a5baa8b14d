// The security program's incident pages in a real browser, as the compliance officer uses them
// (web.incident_fields, tests/integration/web_incident_fields.sh, on the demo program): opens an
// incident — first refused for dates in the wrong order, the error beside "Discovered on" and
// nothing saved — triages it (state, severity, owner; a wrong date order refused again), ticks a
// task, links an alert, records a law-enforcement delay request (refused first without its end),
// then records the HIPAA breach assessment: refused with a missing discovery date, an unknown
// state and breach dates in the wrong order, each beside its field and nothing saved, then saved,
// showing the deadlines with their days left and the OCR portal answers. The incident list shows
// its next deadline. On the Vendors tab it adds certifications (one expired, one expiring) and
// deletes a vendor that services depend on: a second confirmation names them, and nothing says
// "?force=true". Dates are relative to today, so the days left are known.
//   WARD_TEST_PASSWORD=… node tests/incident_fields.mjs --base URL --user NAME --out DIR [--result FILE]
import { writeFileSync } from 'node:fs';
import { openBrowser, parseArgs } from './harness.mjs';

const args = parseArgs(process.argv.slice(2));
const { base } = args;
const password = process.env.WARD_TEST_PASSWORD;
if (!base || !args.user || !args.out || !password) {
  console.error('usage: WARD_TEST_PASSWORD=… node tests/incident_fields.mjs --base URL --user NAME --out DIR [--result FILE]');
  process.exit(2);
}

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);  // UTC, as the server counts
const discovered = day(-20);
const occurred = day(-22);

// The refusals this walk provokes: bad incident, triage, timeline and assessment fields (400),
// the first delete of a vendor services depend on (409), and the session asked before sign-in (401).
const t = await openBrowser({
  base, out: args.out,
  expected: (status, method, path) => (status === 401 && path === '/api/v1/session')  // the page asks before sign-in
    || (status === 400 && path.startsWith('/api/v1/program/incidents'))
    || (status === 400 && method === 'PATCH' && path.startsWith('/api/v1/program/vendors/'))
    || (status === 409 && method === 'DELETE' && path.startsWith('/api/v1/program/vendors/')),
});
const { check, accessible, shot } = t;
const result = {};

const ok = await t.run(async (page) => {
  // The error beside a field: the control is aria-invalid and described by an alert that starts
  // with the field the server named.
  async function fieldError(scope, label, field, name) {
    const control = scope.getByLabel(label, { exact: true });
    const describedBy = await control.getAttribute('aria-describedby');
    const invalid = await control.getAttribute('aria-invalid');
    const message = describedBy ? (await page.locator(`#${describedBy}`).textContent()) : '';
    const role = describedBy ? await page.locator(`#${describedBy}`).getAttribute('role') : '';
    check(name, invalid === 'true' && role === 'alert' && message.startsWith(field), `${invalid} ${role} ${message}`);
    return message;
  }
  // Sends `form` with its button `submit` and expects the refusal beside `label`.
  async function refused(form, submit, label, field, name) {
    await form.getByRole('button', { name: submit }).click();
    await form.getByRole('alert').first().waitFor();
    return fieldError(form, label, field, name);
  }

  await page.goto(base);
  await page.getByLabel('Username').fill(args.user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security program' }).click();
  const sections = page.getByRole('navigation', { name: 'Program sections' });
  await sections.getByRole('link', { name: 'Incidents' }).click();
  const list = page.getByRole('table', { name: /^Open incidents/ });
  await list.waitFor();
  const before = await list.locator('tbody tr').count();

  // Open an incident: discovered before it occurred is refused beside "Discovered on".
  const open = page.getByRole('group', { name: 'Open an incident' });
  await open.getByLabel('What happened, in a few words').fill('Misdirected email with a patient list');
  await open.getByLabel('Occurred on').fill(occurred);
  await open.getByLabel('Discovered on').fill(day(-25));
  await refused(open, 'Open incident', 'Discovered on', 'discovered_on', 'a discovery before the occurrence is refused beside "Discovered on"');
  check('and only there', await open.getByRole('alert').count() === 1);
  check('nothing was saved', await list.locator('tbody tr').count() === before);
  await accessible('incident form with a field error');
  await shot('incident-01-refused');
  await open.getByLabel('Discovered on').fill(discovered);
  await open.getByLabel('Severity').selectOption('moderate');
  await open.getByRole('button', { name: 'Open incident' }).click();
  const heading = page.getByRole('heading', { name: /^Incident \d+: Misdirected email with a patient list$/ });
  await heading.waitFor();
  result.incident = Number((await heading.textContent()).match(/^Incident (\d+)/)[1]);

  // Triage: state, severity and owner saved; then a wrong date order refused, nothing changed.
  const triage = page.getByRole('group', { name: 'Triage' });
  await triage.getByLabel('State').selectOption('investigating');
  await triage.getByLabel('Severity').selectOption('high');
  await triage.getByLabel('Owner').fill('Dana Privacy');
  await triage.getByRole('button', { name: 'Save triage' }).click();
  await triage.getByRole('status').filter({ hasText: 'Triage saved.' }).waitFor();
  const facts = page.locator('dl.facts').first();
  await facts.getByText('Dana Privacy').waitFor();
  check('the triage shows in the incident’s facts', (await facts.textContent()).includes('investigating')
    && (await facts.textContent()).includes('high'), await facts.textContent());
  await triage.getByLabel('Discovered on').fill(day(-30));
  await refused(triage, 'Save triage', 'Discovered on', 'discovered_on', 'triage: a discovery before the occurrence is refused beside the field');
  await page.reload();
  await page.getByRole('group', { name: 'Triage' }).waitFor();
  check('the refused triage saved nothing', (await page.locator('dl.facts').first().textContent()).includes(discovered));

  // The timeline: a task ticked off, an alert linked.
  const entry = page.getByRole('group', { name: 'Add to the timeline' });
  await entry.getByLabel('Kind').selectOption('task');
  await entry.getByLabel('What needs doing').fill('Ask the recipient to delete the email');
  await entry.getByRole('button', { name: 'Add to the timeline' }).click();
  await entry.getByRole('status').filter({ hasText: /task #\d+ added/ }).waitFor();
  const task = page.getByLabel('Ask the recipient to delete the email');
  // The box is ticked once the server has saved the task as done (the page re-reads it), so
  // Playwright's check(), which wants the state changed at the click, does not fit: click, then wait.
  await task.click();
  await page.getByRole('heading', { name: 'Tasks (0 open)' }).waitFor();
  check('the ticked task is done', await task.isChecked());
  await entry.getByLabel('Kind').selectOption('alert');
  await entry.getByLabel('Alert number').fill('not a number');
  await refused(entry, 'Add to the timeline', 'Alert number', 'alert', 'an alert link that is not a number is refused beside the field');
  await entry.getByLabel('Alert number').fill('7');
  await entry.getByRole('button', { name: 'Add to the timeline' }).click();
  await page.getByRole('link', { name: 'alert 7' }).waitFor();
  check('the alert link opens the alert', await page.getByRole('link', { name: 'alert 7' }).getAttribute('href') === '#/alerts/7');

  // Law enforcement asks, in writing, to delay notice for ten days (two days after discovery).
  const police = page.getByRole('group', { name: /^Law enforcement/ });
  await police.getByLabel('Agency').fill('FBI field office');
  await police.getByLabel('Official (required for an oral statement)').fill('SA Morgan');
  await police.getByLabel('Asked to delay notification?').selectOption('written');
  await police.getByLabel('Delay asked for on').fill(day(-18));
  await refused(police, 'Record the contact', 'Delay ends on (required when written)', 'law_enforcement.until',
    'a written delay without its end is refused beside "Delay ends on"');
  await police.getByLabel('Delay ends on (required when written)').fill(day(-8));
  await police.getByRole('button', { name: 'Record the contact' }).click();
  await police.getByRole('status').filter({ hasText: 'Law-enforcement contact recorded.' }).waitFor();
  await page.locator('ol.timeline').getByText(/FBI field office \(SA Morgan\): written request to delay/).waitFor();

  // The breach assessment: three refusals, each beside its field, nothing saved; then saved.
  await page.getByRole('button', { name: 'Assess this incident' }).click();
  const form = page.getByRole('group', { name: `Breach assessment of incident ${result.incident}` });
  const save = 'Save the assessment';
  check('the assessment starts from the incident’s discovery date',
    await form.getByLabel('Discovered on (the clock starts here)').inputValue() === discovered);
  await form.getByLabel('Discovered on (the clock starts here)').fill('');
  await form.getByLabel('Individuals affected (an estimate will do)').fill('700');
  await form.getByLabel('Residents per state (e.g. CA 650, CO 50)').fill('CA 650, CO 50');
  await form.getByLabel('Nature and extent of the PHI (i)').selectOption('sensitive');
  await form.getByLabel('Who received or used it (ii)').selectOption('unknown');
  await form.getByLabel('Was it actually acquired or viewed? (iii)').selectOption('unknown');
  await form.getByLabel('How far the risk was mitigated (iv)').selectOption('partial');
  await form.getByLabel('Why (mitigation)').fill('the recipient says it was deleted; not confirmed');
  await refused(form, save, 'Discovered on (the clock starts here)', 'discovered', 'a missing discovery date is refused beside its field');
  await form.getByLabel('Discovered on (the clock starts here)').fill(discovered);
  await form.getByLabel('Residents per state (e.g. CA 650, CO 50)').fill('CA 650, QQ 50');
  await refused(form, save, 'Residents per state (e.g. CA 650, CO 50)', 'residents.QQ', 'an unknown state is refused beside the residents');
  await form.getByLabel('Residents per state (e.g. CA 650, CO 50)').fill('CA 650, CO 50');
  await form.getByLabel('Breach started on').fill(occurred);
  await form.getByLabel('Breach ended on').fill(day(-23));
  await refused(form, save, 'Breach ended on', 'ocr.breach_end', 'a breach ending before it started is refused beside "Breach ended on"');
  await accessible('breach assessment with a field error');
  await shot('incident-02-assessment-refused');
  check('no refused assessment was saved', await page.getByText('Not assessed yet.').isVisible());
  await form.getByLabel('Breach ended on').fill(occurred);
  await form.getByLabel('Type of breach').selectOption('Unauthorized Access/Disclosure');
  await form.getByLabel('Location of the information').selectOption('Email');
  await form.getByLabel('Clinical').check();
  await form.getByRole('button', { name: save }).click();
  await page.getByText('Presumed breach: notify').waitFor();

  // The deadlines: 60 days from discovery (30 in Colorado), each moved by the 10-day delay.
  const deadlines = page.getByRole('table', { name: 'Notification deadlines, counted from discovery' });
  await deadlines.waitFor();
  const row = async (text) => (await deadlines.locator('tbody tr', { hasText: text }).first().textContent()) || '';
  const individuals = await row('each affected individual');
  check('individuals: due 70 days after discovery, 50 days left', individuals.includes(day(50)) && individuals.includes('50 days'), individuals);
  const colorado = await row('Colo. Rev. Stat.');
  check('Colorado’s 30-day law: 20 days left', colorado.includes(day(20)) && colorado.includes('20 days'), colorado);
  const table = await deadlines.textContent();
  check('the media in California (650 residents) and HHS (700 individuals) are on the clock', /media/i.test(table) && /Secretary|HHS/.test(table), table);
  check('the delay shows on the deadlines', table.includes('law-enforcement delay, +10 days'), table);
  result.deadlines = await deadlines.locator('tbody tr').count();

  // The OCR breach portal's answers for this incident, and its CSV.
  await page.getByText('OCR breach portal answers').click();
  await page.getByLabel('Covered entity name').fill('General Hospital');
  await page.getByLabel('Covered entity name').press('Tab');
  const ocr = page.locator('details.ocr dl.facts');
  await ocr.getByText('General Hospital').waitFor();
  const ocrText = await ocr.textContent();
  check('the OCR answers: 500 or more, email, unauthorized disclosure', ocrText.includes('500 or More Individuals')
    && ocrText.includes('Email') && ocrText.includes('Unauthorized Access/Disclosure'), ocrText);
  const csvHref = await page.getByRole('link', { name: 'Download the CSV' }).getAttribute('href');
  const csv = await (await page.request.get(`${base}${csvHref}`)).text();
  check('the CSV export is this incident’s row', csv.split('\n').filter(Boolean).length === 2 && csv.includes('General Hospital'), csv.slice(0, 300));
  await accessible('incident with its assessment');
  await shot('incident-03-assessed');

  // The list: state, severity, owner, discovery, breach and the next deadline (Colorado's).
  await page.getByRole('link', { name: 'All incidents' }).click();
  const mine = page.getByRole('table', { name: /^Open incidents/ }).locator('tbody tr', { hasText: 'Misdirected email' });
  await mine.waitFor();
  const listed = await mine.textContent();
  check('the list shows the triage, the breach and the next deadline with its days left',
    ['high', 'investigating', 'Dana Privacy', discovered, 'breach (presumed)', day(20), 'state:CO', '20 days'].every((s) => listed.includes(s)), listed);
  await accessible('incident list');
  await shot('incident-04-list');

  // Vendors: certifications with their expiry badges; a certification without its expiry refused.
  await sections.getByRole('link', { name: 'Vendors' }).click();
  await page.getByRole('button', { name: 'Edit Meridian Claims Exchange' }).click();
  const vendorForm = page.getByRole('group', { name: 'Edit vendor Meridian Claims Exchange' });
  await vendorForm.getByRole('button', { name: 'Add a certification' }).click();
  await vendorForm.getByLabel('Certification 1', { exact: true }).fill('SOC 2 Type II');
  await vendorForm.getByLabel('Certification 1 expires on').fill(day(30));
  await vendorForm.getByRole('button', { name: 'Add a certification' }).click();
  await vendorForm.getByLabel('Certification 2', { exact: true }).fill('HITRUST r2');
  await refused(vendorForm, 'Save vendor', 'Certification 2 expires on', 'certifications[1].expires', 'a certification without its expiry is refused beside it');
  await vendorForm.getByLabel('Certification 2 expires on').fill(day(-5));
  await vendorForm.getByRole('button', { name: 'Save vendor' }).click();
  await vendorForm.getByRole('status').filter({ hasText: 'Vendor Meridian Claims Exchange saved' }).waitFor();
  const meridian = page.getByRole('table', { name: /^Vendors and business associates/ }).locator('tbody tr', { hasText: 'Meridian Claims Exchange' });
  await meridian.getByText(`expired ${day(-5)}`).waitFor();
  const badges = await meridian.locator('.badge').allTextContents();
  check('the certifications are badged expired and expiring', badges.includes(`expired ${day(-5)}`)
    && badges.includes(`expires ${day(30)} (30 days)`), badges.join('|'));
  await page.getByRole('button', { name: 'Close' }).click();

  // Delete a vendor two services depend on: a first confirmation, then the server's 409 turned
  // into a second one naming the services, then deleted with them detached.
  await page.getByRole('button', { name: 'Delete Vaultline Backup' }).click();
  const confirm = page.getByRole('group', { name: 'Delete vendor Vaultline Backup' });
  await confirm.getByRole('button', { name: 'Yes, delete Vaultline Backup' }).click();
  const second = confirm.getByRole('button', { name: 'Remove from 2 services and delete' });
  await second.waitFor();
  const warning = await confirm.textContent();
  check('the second confirmation names the services that depend on the vendor', warning.includes('EHR, PACS'), warning);
  check('and shows no API syntax', !warning.includes('force'), warning);
  await accessible('vendor delete confirmation');
  await shot('incident-05-vendor-delete');
  await second.click();
  await page.getByRole('status').filter({ hasText: 'Vendor Vaultline Backup deleted, and taken out of EHR, PACS.' }).waitFor();
  // The list is read again after the delete: wait for the row to go, then count.
  const vendorRow = page.getByRole('table', { name: /^Vendors and business associates/ }).locator('tbody tr', { hasText: 'Vaultline Backup' });
  await vendorRow.first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
  check('the vendor is gone from the list', await vendorRow.count() === 0);
});
if (args.result) writeFileSync(args.result, JSON.stringify(result));
process.exit(ok ? 0 : 1);
