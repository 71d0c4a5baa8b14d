// The Program page's Vendors tab: vendors and business associates with their risk score and its
// reasons and their certifications (SOC 2, HITRUST…) badged when expired or expiring within 60
// days (GET /api/v1/program/vendors); for roles the access policy lets write, a form to add one
// (POST) or edit one with its certifications (PATCH /api/v1/program/vendors/{vendor}), and
// Delete (DELETE …/{vendor}): when services of the continuity plan depend on the vendor the server
// answers 409 with their names, and a second confirmation detaches them and deletes (force).
// The server checks every field; its error shows beside the field it names.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { mayUse } from '../session.js';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';
import { Field, FormError } from '../components/field.jsx';

const criticalities = ['low', 'moderate', 'high', 'critical'];
const baaStatuses = ['none', 'requested', 'signed', 'expired', 'not_required'];
const accessPaths = ['remote_access', 'vpn', 'accounts', 'interface', 'on_site', 'cloud'];

// "a, b" ⇄ ["a", "b"]
export const splitList = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
const joinList = (list) => (list || []).join(', ');

function formOf(v) {
  return {
    name: v?.name || '', services: joinList(v?.services), systems: joinList(v?.systems),
    criticality: v?.criticality || 'moderate', business_associate: !!v?.business_associate,
    phi_categories: joinList(v?.phi_categories), phi_records: String(v?.phi_records || 0),
    baa_status: v?.baa_status || 'none', baa_signed: v?.baa_signed || '', baa_expires: v?.baa_expires || '',
    access_paths: v?.access_paths || [], notes: v?.notes || '',
    certifications: (v?.certifications || []).map(({ name, expires }) => ({ name, expires })),
  };
}

const expiringWithin = 60;  // days, as the program's reminders count them

// A certification's name and expiry, badged when it has expired or expires soon.
function Certification({ c }) {
  if (c.days_left < 0) return <>{c.name} <span class="badge bad">expired {c.expires}</span></>;
  if (c.days_left <= expiringWithin) return <>{c.name} <span class="badge warn">expires {c.expires} ({c.days_left} days)</span></>;
  return <>{c.name} <small>until {c.expires}</small></>;
}

function bodyOf(f) {
  return {
    ...f, services: splitList(f.services), systems: splitList(f.systems), phi_categories: splitList(f.phi_categories),
    phi_records: Number(f.phi_records || 0),
  };
}

// Add (no `vendor`) or edit `vendor`; ids prefixed so two forms never share a label's target.
const formFields = ['name', 'services', 'systems', 'criticality', 'phi_categories', 'phi_records', 'baa_status', 'baa_signed',
  'baa_expires', 'certifications', 'access_paths', 'notes'];

// Add (no `vendor`) or edit `vendor`; ids prefixed so two forms never share a label's target.
export function VendorForm({ vendor, onDone, onCancel }) {
  const [f, setF] = useState(() => formOf(vendor));
  const s = useSubmission();
  const [saved, setSaved] = useState(null);
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const togglePath = (p) => setF({ ...f, access_paths: f.access_paths.includes(p) ? f.access_paths.filter((x) => x !== p) : [...f.access_paths, p] });
  const setCert = (i, key) => (e) => setF({ ...f, certifications: f.certifications.map((c, j) => (j === i ? { ...c, [key]: e.currentTarget.value } : c)) });
  const addCert = () => setF({ ...f, certifications: [...f.certifications, { name: '', expires: '' }] });
  const removeCert = (i) => setF({ ...f, certifications: f.certifications.filter((_, j) => j !== i) });
  const id = (key) => `vendor-${vendor ? vendor.id : 'new'}-${key}`;
  const submit = (e) => {
    e.preventDefault();
    return s.run(async () => {
      const answer = vendor
        ? await api(`/program/vendors/${vendor.id}`, { method: 'PATCH', body: bodyOf(f) })
        : await api('/program/vendors', { method: 'POST', body: bodyOf(f) });
      setSaved(answer);
      if (!vendor) setF(formOf(null));
      onDone(answer);
    });
  };
  const text = (key, label, props = {}) => (
    <Field id={id(key)} label={label} error={s.errorAt(key)}><input value={f[key]} onInput={set(key)} {...props} /></Field>
  );
  return (
    <form class="review" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{vendor ? `Edit vendor ${vendor.name}` : 'Add a vendor'}</legend>
        {text('name', 'Vendor name', { required: true })}
        {text('services', 'Services they provide (comma-separated)')}
        {text('systems', 'Our systems that depend on them (comma-separated)')}
        <Field id={id('criticality')} label="Criticality" error={s.errorAt('criticality')}>
          <select value={f.criticality} onChange={set('criticality')}>
            {criticalities.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </Field>
        <label><input type="checkbox" checked={f.business_associate} onChange={set('business_associate')} /> Business associate (handles PHI for us)</label>
        {text('phi_categories', 'PHI shared (comma-separated: demographic, clinical, financial)')}
        {text('phi_records', 'About how many patients’ records', { type: 'number', min: 0 })}
        <Field id={id('baa_status')} label="BAA status" error={s.errorAt('baa_status')}>
          <select value={f.baa_status} onChange={set('baa_status')}>
            {baaStatuses.map((b) => <option key={b} value={b}>{b.replace('_', ' ')}</option>)}
          </select>
        </Field>
        {text('baa_signed', 'BAA signed on', { type: 'date' })}
        {text('baa_expires', 'BAA expires on', { type: 'date' })}
        <fieldset>
          <legend>Certifications (SOC 2, HITRUST, ISO 27001)</legend>
          {f.certifications.length === 0 && <p class="hint">None recorded.</p>}
          {f.certifications.map((c, i) => (
            <div key={i} class="certification">
              <Field id={id(`cert-${i}-name`)} label={`Certification ${i + 1}`} error={s.errorAt(`certifications[${i}].name`)}>
                <input value={c.name} onInput={setCert(i, 'name')} list="certification-names" />
              </Field>
              <Field id={id(`cert-${i}-expires`)} label={`Certification ${i + 1} expires on`} error={s.errorAt(`certifications[${i}].expires`)}>
                <input type="date" value={c.expires} onInput={setCert(i, 'expires')} />
              </Field>
              <button type="button" class="small" onClick={() => removeCert(i)}>Remove certification {i + 1}</button>
            </div>
          ))}
          <datalist id="certification-names">
            <option value="SOC 2 Type II" /><option value="HITRUST r2" /><option value="HITRUST i1" /><option value="ISO 27001" />
          </datalist>
          <button type="button" class="small" onClick={addCert}>Add a certification</button>
        </fieldset>
        <fieldset class="choices">
          <legend>Ways into our systems</legend>
          {accessPaths.map((p) => (
            <label key={p}><input type="checkbox" checked={f.access_paths.includes(p)} onChange={() => togglePath(p)} /> {p.replace('_', ' ')}</label>
          ))}
        </fieldset>
        {s.errorAt('access_paths') && <p class="error" role="alert">{s.errorAt('access_paths')}</p>}
        {text('notes', 'Notes')}
        <FormError message={s.errorElsewhere(formFields)} />
        {saved && !s.error && <p role="status">Vendor {saved.name} saved: risk {saved.risk.score} ({saved.risk.level}).</p>}
        <div class="choices">
          <button type="submit" disabled={s.busy}>{vendor ? 'Save vendor' : 'Add vendor'}</button>
          {onCancel && <button type="button" class="link" onClick={onCancel}>Close</button>}
        </div>
      </fieldset>
    </form>
  );
}

// Deleting `vendor`: a first confirmation; when services depend on it (409, error.services) a
// second one that says which and what forcing does, then DELETE with force.
function DeleteVendor({ vendor, onDone, onCancel }) {
  const [services, setServices] = useState(null);  // the dependants, once the server named them
  const s = useSubmission();
  const first = useRef(null);
  useEffect(() => { first.current?.focus(); }, [services]);
  const remove = (force) => s.run(async () => {
    try {
      const done = await api(`/program/vendors/${vendor.id}${force ? '?force=true' : ''}`, { method: 'DELETE' });
      onDone(done);
    } catch (err) {
      if (err.status !== 409 || !Array.isArray(err.detail.services)) throw err;
      setServices(err.detail.services);
    }
  });
  const n = services?.length || 0;
  return (
    <div class="notice confirm" role="group" aria-label={`Delete vendor ${vendor.name}`}>
      {!services && (
        <>
          <p>Delete vendor <strong>{vendor.name}</strong>? Its security questionnaires and their answers go with it.</p>
          <div class="choices">
            <button type="button" ref={first} disabled={s.busy} onClick={() => remove(false)}>Yes, delete {vendor.name}</button>
            <button type="button" class="link" onClick={onCancel}>Keep it</button>
          </div>
        </>
      )}
      {services && (
        <>
          <p role="alert"><strong>{vendor.name}</strong> is a dependency of {n} {n === 1 ? 'service' : 'services'} in the continuity
            plan: {services.join(', ')}. Deleting it also takes it out of {n === 1 ? 'that service’s' : 'those services’'} dependencies,
            so the plan no longer shows them relying on it.</p>
          <div class="choices">
            <button type="button" ref={first} disabled={s.busy} onClick={() => remove(true)}>Remove from {n === 1 ? 'the service' : `${n} services`} and delete</button>
            <button type="button" class="link" onClick={onCancel}>Keep {vendor.name}</button>
          </div>
        </>
      )}
      <FormError message={s.error} />
    </div>
  );
}

export function Vendors({ account }) {
  const vendors = useApi('/program/vendors');
  const [editing, setEditing] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const [deleted, setDeleted] = useState(null);
  const mayAdd = mayUse(account, 'POST /api/v1/program/vendors');
  const mayEdit = mayUse(account, 'PATCH /api/v1/program/vendors/{vendor}');
  const mayDelete = mayUse(account, 'DELETE /api/v1/program/vendors/{vendor}');
  const actions = mayEdit || mayDelete;
  const list = vendors.data?.vendors || [];
  const start = (set, v) => { setEditing(null); setDeleting(null); setDeleted(null); set(v); };
  return (
    <>
      <ErrorNotice error={vendors.error} />
      {vendors.loading && !vendors.data && <Loading />}
      {deleted && <p role="status">Vendor {deleted.name} deleted{deleted.detached_from.length > 0 && `, and taken out of ${deleted.detached_from.join(', ')}`}.</p>}
      {vendors.data && (
        <table>
          <caption>Vendors and business associates (risk 0–100: low &lt; 30 ≤ moderate &lt; 60 ≤ high)</caption>
          <thead><tr><th scope="col">Vendor</th><th scope="col">Criticality</th><th scope="col">BAA</th><th scope="col">Certifications</th><th scope="col">Risk</th><th scope="col">Why</th>{actions && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
          <tbody>
            {list.length === 0 && <tr><td colSpan={actions ? 7 : 6}>No vendors recorded yet.</td></tr>}
            {list.map((v) => (
              <tr key={v.id}>
                <td>{v.id}. {v.name}{v.business_associate && <><br /><small>business associate</small></>}</td>
                <td>{v.criticality}</td>
                <td>{v.baa_status.replace('_', ' ')}{v.baa_expires && <><br /><small>until {v.baa_expires}</small></>}</td>
                <td>{v.certifications.length === 0 ? '—' : <ul class="plain">{v.certifications.map((c) => <li key={c.name}><Certification c={c} /></li>)}</ul>}</td>
                <td><span class={`badge tier-${v.risk.level}`}>{v.risk.score} {v.risk.level}</span></td>
                <td><ul class="plain">{v.risk.reasons.map((r) => <li key={r}>{r}</li>)}</ul></td>
                {actions && (
                  <td>
                    {mayEdit && <button type="button" class="small" onClick={() => start(setEditing, v)}>Edit {v.name}</button>}
                    {mayDelete && <button type="button" class="small" onClick={() => start(setDeleting, v)}>Delete {v.name}</button>}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <DeleteVendor key={deleting.id} vendor={deleting} onCancel={() => setDeleting(null)}
          onDone={(done) => { setDeleting(null); setDeleted(done); vendors.reload(); }} />
      )}
      {editing && (
        <VendorForm key={editing.id} vendor={editing} onCancel={() => setEditing(null)}
          onDone={(saved) => { setEditing(saved); vendors.reload(); }} />
      )}
      {mayAdd && !editing && <VendorForm onDone={() => vendors.reload()} />}
    </>
  );
}
