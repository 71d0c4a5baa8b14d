// The web UI in a real browser, as a privacy officer uses it: Debian's Chromium (headless,
// driven by playwright-core) against a running `ward serve`. Signs in, opens the overview, the
// case queue and a case, shows the patient, dismisses the case with a reason, sees the review in
// the case history, opens the patient access report (also as printed) and the other pages, and
// signs out. The admin then adds and disables an account, and on the security program's pages
// (the demo program, scripts/demo_program) rates a control of an assessment, adds a risk and a
// treatment, edits a vendor (and is refused a wrong one, naming the field) and edits a service;
// on the Devices pages it edits a device model's security contact and an MDS2 answer (seen again
// after a reload), marks a device finding mitigated, records a CVD report and acknowledges it,
// and opens the discovered hosts. On every page: axe-core finds no serious or critical
// accessibility violation; over the run, the console shows no error (a CSP violation is one) and
// no request leaves the server's origin (harness.mjs).
// Screenshots go to --out. Prints "N passed, M failed"; exits 1 if any check failed.
//   node tests/browser.mjs --base http://127.0.0.1:PORT --user NAME --out DIR [--result FILE]
//   (the password is read from WARD_TEST_PASSWORD)
import { writeFileSync } from 'node:fs';
import { openBrowser, parseArgs } from './harness.mjs';

const args = parseArgs(process.argv.slice(2));
const base = args.base;
const password = process.env.WARD_TEST_PASSWORD;
if (!base || !args.user || !args.out || !password) {
  console.error('usage: WARD_TEST_PASSWORD=… node tests/browser.mjs --base URL --user NAME --out DIR [--result FILE]');
  process.exit(2);
}

// The refusals the walk-through expects: the wrong password, a page the navigation does not
// offer opened by its address, the vendor edit refused. The UI asks for nothing the role may not
// have (any other 403 fails the run).
const t = await openBrowser({
  base, out: args.out,
  expected: (status, method, path) => (status === 401 && path === '/api/v1/session')
    || (status === 403 && path === '/api/v1/vulns/worklist')
    || (status === 400 && method === 'PATCH' && path.startsWith('/api/v1/program/vendors/')),
});
const { check, accessible, shot } = t;
const result = {};
const ok = await t.run(async (page) => {
  // Sign in.
  await page.goto(base);
  await page.getByLabel('Username').waitFor();
  await accessible('login');
  await shot('01-login');

  // Before signing in: the staff report form, open to anyone, answers a receipt code that adds to
  // the report later (the script finds the report and the addition in the store).
  await page.getByRole('link', { name: 'Report a security or privacy concern' }).click();
  await page.getByRole('heading', { name: 'Report a security or privacy concern', level: 1 }).waitFor();
  await page.getByLabel('What happened, in a few words').fill('Unlocked workstation in radiology');
  await page.getByLabel('Details: when, where, what you saw').fill('Left signed in over lunch, near the public corridor');
  await page.getByRole('button', { name: 'Send the report' }).click();
  const receipt = (await page.locator('.receipt').textContent()).trim();
  check('the report answers a receipt code', /^R-[A-Z0-9]{12}$/.test(receipt), receipt);
  result.receipt = receipt;
  await page.getByLabel('What to add').fill('It happened again today');
  await page.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('status').filter({ hasText: 'Added to your report.' }).waitFor();
  await accessible('report form');
  await shot('01b-report');
  await page.getByRole('link', { name: 'Sign in to Ward' }).click();
  await page.getByLabel('Username').waitFor();
  await page.getByLabel('Username').fill(args.user);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  check('a wrong password is refused with a message', (await page.getByRole('alert').textContent()).length > 0);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Overview.
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  await page.locator('.chart canvas').waitFor();
  await page.getByRole('table', { name: /Data freshness per input/ }).waitFor();
  check('the overview lists the inputs', await page.locator('table tbody tr').count() > 0);
  await page.getByRole('table', { name: /Open cases .* by category/ }).waitFor();
  await accessible('overview');
  await shot('02-overview');

  // Keyboard: the first Tab reaches "Skip to content", and it has a visible focus ring.
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  check('the first Tab focuses "Skip to content", visibly', focused.text === 'Skip to content' && focused.outline !== 'none',
    JSON.stringify(focused));

  // Case queue.
  await page.getByRole('link', { name: 'Privacy cases' }).click();
  await page.getByRole('heading', { name: 'Privacy cases', level: 1 }).waitFor();
  await page.locator('table.cases tbody a').first().waitFor();
  const caption = await page.locator('table.cases caption').textContent();
  check('the queue says how many cases there are', /^\d[\d,]* cases/.test(caption), caption);
  check('the queue masks patients', (await page.locator('table.cases tbody .masked').count()) > 0);
  await page.getByRole('button', { name: /Last access/ }).click();
  await page.waitForFunction(() => window.location.hash.includes('sort=last'));
  await page.locator('table.cases caption', { hasText: 'by last access' }).waitFor();
  await accessible('case queue');
  await shot('03-case-queue');
  // The next page starts after the last case shown (the server's cursor), and back again; ten
  // cases a page, so the demo's cases fill more than one.
  await page.getByLabel('Per page').selectOption('10');
  await page.waitForFunction(() => window.location.hash.includes('size=10'));
  const pager = page.getByRole('navigation', { name: 'Case pages' });
  await pager.getByText(/^Page 1 of \d+/).waitFor();
  check('ten cases a page', await page.waitForFunction(() => document.querySelectorAll('table.cases tbody a').length === 10)
    .then(() => true, () => false));
  if (await pager.getByRole('button', { name: 'Next page' }).isEnabled()) {
    const firstIds = await page.locator('table.cases tbody a').allTextContents();
    await pager.getByRole('button', { name: 'Next page' }).click();
    await pager.getByText(/^Page 2 of \d+/).waitFor();
    // The page number changes at once; the rows when the server's answer comes.
    await page.waitForFunction((first) => document.querySelector('table.cases tbody a')?.textContent !== first, firstIds[0]);
    const secondIds = await page.locator('table.cases tbody a').allTextContents();
    check('page 2 of the queue holds other cases than page 1', secondIds.length > 0 && secondIds.every((id) => !firstIds.includes(id)));
    await pager.getByRole('button', { name: 'Previous page' }).click();
    await pager.getByText(/^Page 1 of \d+/).waitFor();
    await page.waitForFunction((first) => document.querySelector('table.cases tbody a')?.textContent === first, firstIds[0]);
    check('"Previous page" shows page 1 again', (await page.locator('table.cases tbody a').allTextContents()).join() === firstIds.join());
  } else {
    check('the demo has more than ten open cases, to page through', false);
  }

  // A case about one patient (a case about several shows each in its timeline): the patient is
  // masked until asked for.
  const link = page.locator('table.cases tbody tr', { has: page.locator('.masked') }).first().locator('a');
  const caseLabel = await link.textContent();
  result.case_id = Number(caseLabel.replace(/\D/g, ''));
  await link.click();
  await page.getByRole('heading', { name: new RegExp(`^${caseLabel}`), level: 1 }).waitFor();
  check('the case page masks the patient', await page.getByRole('button', { name: 'Show patient' }).isVisible());
  await page.getByRole('button', { name: 'Show patient' }).click();
  const reportLink = page.getByRole('link', { name: 'Patient access report' });
  await reportLink.waitFor();
  result.patient_id = decodeURIComponent((await reportLink.getAttribute('href')).replace('#/patients/', ''));
  check('"Show patient" shows the patient', (await page.locator('.patient').textContent()).includes('MRN'));
  check('the timeline says what explained each access', await page.getByRole('table', { name: /Accesses in this case/ }).locator('tbody tr').count() > 0);
  await accessible('case');
  await shot('04-case');

  // Review: start it, then dismiss with a reason.
  if (await page.getByLabel('Start review').isVisible()) {
    await page.getByLabel('Start review').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('h1 .badge', { hasText: 'in review' }).waitFor();
  }
  const reason = 'Agency nurse covering 5 East that night (browser test)';
  await page.getByLabel('Dismiss').check();
  await page.getByLabel('Why it is legitimate').selectOption('float_pool');
  await page.getByLabel(/^Reason/).fill(reason);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('h1 .badge', { hasText: 'dismissed' }).waitFor();
  const history = await page.locator('ol.history').textContent();
  check('the case history shows the dismissal and its reason',
    history.includes('to dismissed') && history.includes('float_pool') && history.includes(reason), history);
  await accessible('case after dismissal');
  await shot('05-case-dismissed');

  // The patient access report, on screen and as printed.
  await page.goto(`${base}/#/patients/${encodeURIComponent(result.patient_id)}`);
  await page.getByRole('heading', { name: 'Patient access report' }).waitFor();
  await page.locator('table.accesses tbody tr').first().waitFor();
  await accessible('patient access report');
  await shot('06-access-report');
  await page.emulateMedia({ media: 'print' });
  check('the printed report has no navigation', !(await page.locator('header.top').isVisible()));
  await shot('07-access-report-print');
  await page.emulateMedia({ media: 'screen' });

  // The other pages.
  for (const [name, hash, heading] of [['alerts', '#/alerts', 'Detection alerts'], ['rules', '#/rules', 'Detection rules'],
    ['program', '#/program', 'Security program'], ['devices', '#/devices', 'Devices'], ['admin', '#/admin/accounts', 'Admin'], ['audit', '#/admin/audit', 'Admin']]) {
    await page.goto(`${base}/${hash}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.locator('main .loading').waitFor({ state: 'detached' });
    await accessible(name);
    await shot(`08-${name}`);
  }
  await page.goto(`${base}/#/program`);
  await page.getByRole('table', { name: /^Risks/ }).waitFor();
  const programTabs = await page.getByRole('navigation', { name: 'Program sections' }).getByRole('link').allTextContents();
  check('a privacy officer reads the program overview and the incidents only', programTabs.join('|') === 'Overview|Incidents', programTabs.join('|'));
  check('and gets no form to add a risk', await page.getByRole('button', { name: 'Add risk' }).count() === 0);
  await page.goto(`${base}/#/admin/audit`);
  await page.getByText('Hash chain:').waitFor();
  // The navigation offers a privacy officer only what the role may open (GET /api/v1/session's
  // may_use): no accounts or tokens tab.
  const adminTabs = await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link').allTextContents();
  check('the admin page offers a privacy officer the inputs, listeners and the audit log only', adminTabs.join('|') === 'Inputs|Listeners|Audit log', adminTabs.join('|'));
  const audit = await page.locator('main').textContent();
  result.audit_page = audit.includes(`case:${result.case_id}`) ? 'has the review' : 'without the review';
  check('the audit log shows the review', result.audit_page === 'has the review');
  check('the audit log says the hash chain is verified', audit.includes('verified'), audit.slice(0, 300));

  // The AI registry and a system's page (web_ui.sh adds one system).
  await page.goto(`${base}/#/ai`);
  await page.getByRole('heading', { name: 'AI systems', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Sepsis Watch' }).click();
  await page.getByRole('heading', { name: 'Sepsis Watch', level: 1 }).waitFor();
  await page.getByText('AI RMF 1.0 checklist').waitFor();
  check('the AI system page says what blocks approval', (await page.locator('main').textContent()).includes('Blocked: missing evidence: baa'));
  await accessible('ai system');
  await shot('09-ai-system');

  // AI use (web_ui.sh counts a squid log with `ward ai usage`): the services with their marks.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'AI use' }).click();
  await page.getByRole('heading', { name: 'AI use', level: 1 }).waitFor();
  await page.getByText('Usage by service').waitFor();
  const usage = await page.locator('main').textContent();
  check('the AI use page shows the service seen in the logs, new and not approved', usage.includes('openai (new)') && usage.includes('unknown'), usage.slice(0, 400));
  await accessible('ai usage');
  await shot('10-ai-usage');

  // Sign out.
  await page.goto(base);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username').waitFor();
  check('signing out shows the login page again', true);

  // The admin (--admin, same password): adds an account and disables it from the Accounts tab.
  if (args.admin) {
    await page.getByLabel('Username').fill(args.admin);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    check('an admin has no privacy cases in the navigation', !nav.includes('Privacy cases'), nav.join('|'));
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Add an account' }).waitFor().catch(() => {});
    await page.getByLabel('Username').fill('nurse.manager');
    await page.getByLabel('Display name').fill('Nora Manager');
    await page.getByLabel('Role').selectOption('compliance');
    await page.getByLabel(/First password/).fill('a first password, long enough');
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByText('Account nurse.manager added.').waitFor();
    await page.getByRole('button', { name: 'Disable nurse.manager' }).click();
    await page.getByRole('button', { name: 'Enable nurse.manager' }).waitFor();
    check('the admin added an account and disabled it', true);
    await accessible('accounts');
    await shot('10-accounts');
    result.admin_added = 'nurse.manager';

    // The security program's write actions (the demo program: three vendors, a CSF assessment).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security program' }).click();
    await page.getByRole('heading', { name: 'Security program', level: 1 }).waitFor();
    const sections = page.getByRole('navigation', { name: 'Program sections' });
    await sections.getByRole('link', { name: 'Assessments' }).click();
    await page.getByRole('table', { name: /^Control assessments/ }).locator('tbody a').first().click();
    await page.getByRole('button', { name: 'Rate GV.OC-01' }).waitFor();
    check('the assessment groups its controls by function', await page.getByRole('table', { name: 'Govern controls' }).isVisible()
      && await page.getByRole('table', { name: 'Recover controls' }).isVisible());
    const wardEvidence = await page.getByRole('table', { name: 'Govern controls' }).locator('tbody tr', { hasText: 'GV.SC-05' }).textContent();
    check('a control shows Ward’s own evidence (business associates without a BAA)', wardEvidence.includes('no signed BAA'), wardEvidence);
    await page.getByRole('button', { name: 'Rate GV.OC-01' }).click();
    await page.getByLabel('Status').selectOption('implemented');
    await page.getByLabel('Control owner').fill('CEO');
    await page.getByLabel('Evidence').fill('Mission statement in the strategic plan (browser test)');
    await page.getByRole('button', { name: 'Save rating' }).click();
    await page.getByRole('button', { name: 'Save rating' }).waitFor({ state: 'detached' });
    const rated = page.getByRole('table', { name: 'Govern controls' }).locator('tbody tr', { hasText: 'GV.OC-01' });
    await rated.getByText('Mission statement in the strategic plan (browser test)').waitFor();
    check('the rated control shows its status and owner', (await rated.textContent()).includes('implemented') && (await rated.textContent()).includes('CEO'));
    await accessible('assessment');
    await shot('11-assessment');

    await sections.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('table', { name: /^Risks/ }).waitFor();
    await page.getByLabel('Risk', { exact: true }).fill('Phishing takes over a clinician mailbox');
    await page.getByLabel('Category').fill('email');
    await page.getByLabel('Owner', { exact: true }).fill('CISO');
    await page.getByLabel('Likelihood (1–5)').selectOption('4');
    await page.getByLabel('Impact (1–5)').selectOption('3');
    await page.getByLabel(/^Linked controls/).fill('csf-2.0:PR.AA-03');
    await page.getByRole('button', { name: 'Add risk' }).click();
    await page.getByRole('status').filter({ hasText: /Risk \d+ added: Phishing takes over a clinician mailbox, score 12/ }).waitFor();
    const riskRow = page.getByRole('table', { name: /^Risks/ }).locator('tbody tr', { hasText: 'Phishing takes over a clinician mailbox' });
    await riskRow.waitFor();
    const riskLabel = (await riskRow.locator('td').first().textContent()).trim();
    await page.getByLabel('To risk').selectOption({ label: riskLabel });
    await page.getByLabel('What will be done').fill('Phishing-resistant MFA for webmail');
    await page.getByLabel('Estimated cost (whole currency units)').fill('20000');
    await page.getByLabel('Likelihood once done').selectOption('2');
    await page.getByRole('button', { name: 'Add treatment' }).click();
    await page.getByRole('status').filter({ hasText: /added to risk \d+/ }).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('table tbody tr')]
      .some((tr) => tr.textContent.includes('Phishing takes over') && tr.children[5]?.textContent === '1'));
    check('the new risk is in the register with its open treatment', true);
    result.risk_added = riskLabel;
    await accessible('program with forms');
    await shot('12-program-risks');

    await sections.getByRole('link', { name: 'Vendors' }).click();
    await page.getByRole('button', { name: 'Edit Northlight Imaging' }).click();
    const vendorForm = page.getByRole('group', { name: 'Edit vendor Northlight Imaging' });
    await vendorForm.getByLabel('BAA status').selectOption('signed');
    await vendorForm.getByLabel('BAA signed on').fill('2026-11-20');
    await vendorForm.getByLabel('BAA expires on').fill('2026-01-01');
    await vendorForm.getByRole('button', { name: 'Save vendor' }).click();
    const refusal = await vendorForm.getByRole('alert').textContent();
    check('a BAA expiring before it was signed is refused, naming the field', refusal.startsWith('baa_expires'), refusal);
    await vendorForm.getByLabel('BAA expires on').fill('2028-11-20');
    await vendorForm.getByRole('button', { name: 'Save vendor' }).click();
    await vendorForm.getByRole('status').filter({ hasText: 'Vendor Northlight Imaging saved' }).waitFor();
    const vendorRow = page.getByRole('table', { name: /^Vendors and business associates/ }).locator('tbody tr', { hasText: 'Northlight Imaging' });
    await vendorRow.getByText('until 2028-11-20').waitFor();
    const reasons = await vendorRow.textContent();
    check('the edited vendor no longer scores PHI without a BAA, and keeps its questionnaire reason',
      !reasons.includes('without a signed BAA') && reasons.includes('security questionnaire'), reasons);
    await accessible('vendors');
    await shot('13-vendors');

    await sections.getByRole('link', { name: 'Resilience' }).click();
    await page.getByRole('button', { name: 'Edit PACS' }).click();
    await page.getByLabel(/^RTO/).fill('6h');
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.getByRole('status').filter({ hasText: 'Service PACS saved: tier 2, RTO 6h' }).waitFor();
    // The table follows when the report is read again.
    check('the edited service shows its new RTO', await page.getByRole('table', { name: 'Critical services' })
      .locator('tbody tr', { hasText: 'PACS' }).getByRole('cell', { name: '6h', exact: true }).waitFor().then(() => true, () => false));
    await accessible('resilience');
    await shot('14-resilience');

    // MFA coverage (no export imported yet in this store): the admin imports an identity
    // provider's user export with one bad row; the page says what was read, the row refused with
    // its line and column, and lists the enabled account without MFA.
    await sections.getByRole('link', { name: 'MFA' }).click();
    await page.getByText('No MFA coverage imported yet').waitFor();
    await page.getByLabel('User export (CSV)').setInputFiles({
      name: 'idp-users.csv', mimeType: 'text/csv',
      buffer: Buffer.from('user_id,display_name,enabled,mfa,privileged\n'
        + 'ana.lopez,Ana Lopez,true,true,false\nben.kim,Ben Kim,true,false,true\n'
        + 'cleo.ward,Cleo Ward,false,false,false\ndan.ortiz,Dan Ortiz,true,perhaps,false\n'
        + 'eve.stone,Eve Stone,true,yes,yes\n'),
    });
    await page.getByRole('button', { name: 'Import export' }).click();
    const imported = await page.getByRole('status').filter({ hasText: 'Imported idp-users.csv' }).textContent();
    check('the import says what it read: 2 of 3 enabled accounts with MFA, privileged apart',
      imported.includes('MFA coverage: 2 of 3 enabled accounts (66.7%); privileged: 1 of 2 accounts (50.0%)'), imported);
    check('and names the refused row by line and column', imported.includes('line 5: mfa:') && imported.includes('perhaps'), imported);
    const withoutMfa = page.getByRole('table', { name: /^Enabled accounts without MFA/ });
    await withoutMfa.locator('tbody tr', { hasText: 'ben.kim' }).waitFor();
    check('the page lists the enabled account without MFA, privileged, and not the disabled one',
      (await withoutMfa.locator('tbody tr').count()) === 1 && (await withoutMfa.textContent()).includes('Ben Kim')
      && (await withoutMfa.textContent()).includes('yes'), await withoutMfa.textContent());
    await accessible('mfa');
    await shot('14b-mfa');

    // The board report for the previous quarter, opened from its tab in a tab of its own.
    await sections.getByRole('link', { name: 'Board report' }).click();
    const quarterSelect = page.getByLabel('Quarter');
    const quarterChosen = (await quarterSelect.locator('option').nth(1).textContent()).trim();
    await quarterSelect.selectOption(quarterChosen);
    const [report] = await Promise.all([page.waitForEvent('popup'),
      page.getByRole('link', { name: `Open the board report for ${quarterChosen}` }).click()]);
    const reportHeading = await report.getByRole('heading', { level: 1 }).textContent();
    check('the board report opens for the quarter chosen', reportHeading === `Security and privacy: board report ${quarterChosen}`, reportHeading);
    check('and shows the posture by CSF function', await report.getByRole('heading', { name: 'Posture by NIST CSF 2.0 function' }).isVisible());
    await report.close();
    await accessible('board report tab');

    // Devices (web_ui.sh imports an MX40 that ICSMA-17-255-01 hits, and its model's contact): the
    // device page says whom to call, and the admin marks the finding mitigated with evidence.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor();
    await page.getByRole('table', { name: /Worklist/ }).getByRole('link', { name: 'BME-001' }).first().click();
    await page.getByRole('heading', { name: 'Device BME-001', level: 1 }).waitFor();
    const device = await page.locator('main').textContent();
    check('the device page says whom to call about its model', device.includes('productsecurity@philips.com'), device.slice(0, 400));
    check('the device page shows the model\'s MDS2 answers', await page.getByRole('table', { name: /MDS2 form/ }).isVisible());
    // The admin edits the model's contact and an MDS2 answer it had none for; both are there
    // after the page is loaded again (read back from the server, not the form's state).
    await page.getByRole('button', { name: 'Edit the contact and MDS2 answers' }).click();
    const modelForm = page.getByRole('group', { name: /^Edit the contact and MDS2 answers of Philips IntelliVue MX40/ });
    await modelForm.getByLabel('Contact name').fill('Philips Product Security');
    await modelForm.getByLabel('Contact phone').fill('+1 800 555 0100');
    await modelForm.getByLabel(/^SBOM-1:/).selectOption('yes');
    await modelForm.getByRole('button', { name: 'Save model' }).click();
    await modelForm.getByRole('status').filter({ hasText: 'saved (updated): 3 MDS2 answers on file' }).waitFor();
    await accessible('device model form');
    await shot('15a-device-model-form');
    await page.reload();
    await page.getByRole('heading', { name: 'Device BME-001', level: 1 }).waitFor();
    const contact = await page.locator('section[aria-labelledby="model-contact"] dl').textContent();
    check('the edited contact is on the device page after a reload',
      contact.includes('Philips Product Security') && contact.includes('+1 800 555 0100') && contact.includes('productsecurity@philips.com'), contact);
    const sbomAnswer = await page.getByRole('table', { name: /MDS2 form/ }).locator('tbody tr', { hasText: 'SBOM-1' }).textContent().catch(() => '');
    check('and the edited MDS2 answer', sbomAnswer.endsWith('yes'), sbomAnswer);
    await page.getByLabel('New state').selectOption('mitigated');
    await page.getByLabel(/^Evidence/).fill('Moved to the isolated biomed VLAN 30, change CHG-881');
    await page.getByRole('button', { name: 'Save state' }).click();
    await page.getByRole('status').filter({ hasText: 'is now mitigated' }).waitFor();
    await page.locator('td', { hasText: 'Moved to the isolated biomed VLAN 30' }).first().waitFor();
    check('the finding shows as mitigated with its evidence',
      (await page.locator('td.finding-state').allTextContents()).includes('mitigated'));
    await accessible('device');
    await shot('15-device');

    // CVD: record a reported vulnerability, then acknowledge it with a note.
    await page.getByRole('link', { name: 'Back to the worklist' }).click();
    await page.getByRole('navigation', { name: 'Device sections' }).getByRole('link', { name: 'CVD reports' }).click();
    await page.getByRole('table', { name: /CVD reports/ }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Hard-coded service password in Pump X');
    await page.getByLabel('Vendor', { exact: true }).fill('Acme Infusion');
    await page.getByLabel('Product or model').fill('Pump X');
    await page.getByRole('button', { name: 'Record the report' }).click();
    await page.getByRole('heading', { name: /^CVD report #\d+: Hard-coded service password/ }).waitFor();
    await page.locator('.cvd-state', { hasText: 'received' }).waitFor();
    await page.getByLabel('New state').selectOption('acknowledged');
    await page.getByLabel('Note for the timeline').fill('Thanked the reporter');
    await page.getByRole('button', { name: 'Move on' }).click();
    await page.locator('.cvd-state', { hasText: 'acknowledged' }).waitFor();
    const timeline = await page.locator('ol.cvd-timeline').textContent();
    check('the CVD timeline shows the receipt, the acknowledgement and the note',
      timeline.includes('received') && timeline.includes('acknowledged') && timeline.includes('Thanked the reporter'), timeline);
    await accessible('cvd report');
    await shot('16-cvd-report');

    // Discovered hosts: no Zeek log was read, so the inventory's device is listed as never seen.
    await page.getByRole('navigation', { name: 'Device sections' }).getByRole('link', { name: 'Discovered hosts' }).click();
    await page.getByRole('table', { name: /Discovered hosts/ }).waitFor();
    check('the discovered hosts tab lists the CMMS device never seen',
      (await page.getByRole('table', { name: /Discovered hosts/ }).textContent()).includes('never seen'));
    await accessible('discovered hosts');
    await shot('17-discovered');
  }
});
if (args.result) writeFileSync(args.result, JSON.stringify(result));
process.exit(ok ? 0 : 1);
