// The Program page's Vendors tab: vendors and business associates with their risk score and its
// reasons (GET /api/v1/program/vendors), and for roles the access policy lets write, a form to add
// one (POST) or edit one (PATCH /api/v1/program/vendors/{vendor}: only the form's fields change;
// certifications stay as they are). The server checks every field and names the one it refuses.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { mayUse } from '../session.js';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';

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
  };
}

function bodyOf(f) {
  return {
    ...f, services: splitList(f.services), systems: splitList(f.systems), phi_categories: splitList(f.phi_categories),
    phi_records: Number(f.phi_records || 0),
  };
}

// Add (no `vendor`) or edit `vendor`; ids prefixed so two forms never share a label's target.
export function VendorForm({ vendor, onDone, onCancel }) {
  const [f, setF] = useState(() => formOf(vendor));
  const { busy, error, run } = useSubmission();
  const [saved, setSaved] = useState(null);
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const togglePath = (p) => setF({ ...f, access_paths: f.access_paths.includes(p) ? f.access_paths.filter((x) => x !== p) : [...f.access_paths, p] });
  const id = (key) => `vendor-${vendor ? vendor.id : 'new'}-${key}`;
  const submit = (e) => {
    e.preventDefault();
    return run(async () => {
      const answer = vendor
        ? await api(`/program/vendors/${vendor.id}`, { method: 'PATCH', body: bodyOf(f) })
        : await api('/program/vendors', { method: 'POST', body: bodyOf(f) });
      setSaved(answer);
      if (!vendor) setF(formOf(null));
      onDone(answer);
    });
  };
  const text = (key, label, props = {}) => (
    <><label for={id(key)}>{label}</label><input id={id(key)} value={f[key]} onInput={set(key)} {...props} /></>
  );
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>{vendor ? `Edit vendor ${vendor.name}` : 'Add a vendor'}</legend>
        {text('name', 'Vendor name', { required: true })}
        {text('services', 'Services they provide (comma-separated)')}
        {text('systems', 'Our systems that depend on them (comma-separated)')}
        <label for={id('criticality')}>Criticality</label>
        <select id={id('criticality')} value={f.criticality} onChange={set('criticality')}>
          {criticalities.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <label><input type="checkbox" checked={f.business_associate} onChange={set('business_associate')} /> Business associate (handles PHI for us)</label>
        {text('phi_categories', 'PHI shared (comma-separated: demographic, clinical, financial)')}
        {text('phi_records', 'About how many patients’ records', { type: 'number', min: 0 })}
        <label for={id('baa_status')}>BAA status</label>
        <select id={id('baa_status')} value={f.baa_status} onChange={set('baa_status')}>
          {baaStatuses.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
        </select>
        {text('baa_signed', 'BAA signed on', { type: 'date' })}
        {text('baa_expires', 'BAA expires on', { type: 'date' })}
        <fieldset class="choices">
          <legend>Ways into our systems</legend>
          {accessPaths.map((p) => (
            <label key={p}><input type="checkbox" checked={f.access_paths.includes(p)} onChange={() => togglePath(p)} /> {p.replace('_', ' ')}</label>
          ))}
        </fieldset>
        {text('notes', 'Notes')}
        {error && <p class="error" role="alert">{error}</p>}
        {saved && !error && <p role="status">Vendor {saved.name} saved: risk {saved.risk.score} ({saved.risk.level}).</p>}
        <div class="choices">
          <button type="submit" disabled={busy}>{vendor ? 'Save vendor' : 'Add vendor'}</button>
          {onCancel && <button type="button" class="link" onClick={onCancel}>Close</button>}
        </div>
      </fieldset>
    </form>
  );
}

export function Vendors({ account }) {
  const vendors = useApi('/program/vendors');
  const [editing, setEditing] = useState(null);
  const mayAdd = mayUse(account, 'POST /api/v1/program/vendors');
  const mayEdit = mayUse(account, 'PATCH /api/v1/program/vendors/{vendor}');
  const list = vendors.data?.vendors || [];
  return (
    <>
      <ErrorNotice error={vendors.error} />
      {vendors.loading && !vendors.data && <Loading />}
      {vendors.data && (
        <table>
          <caption>Vendors and business associates (risk 0–100: low &lt; 30 ≤ moderate &lt; 60 ≤ high)</caption>
          <thead><tr><th scope="col">Vendor</th><th scope="col">Criticality</th><th scope="col">BAA</th><th scope="col">Risk</th><th scope="col">Why</th>{mayEdit && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
          <tbody>
            {list.length === 0 && <tr><td colSpan={mayEdit ? 6 : 5}>No vendors recorded yet.</td></tr>}
            {list.map((v) => (
              <tr key={v.id}>
                <td>{v.id}. {v.name}{v.business_associate && <><br /><small>business associate</small></>}</td>
                <td>{v.criticality}</td>
                <td>{v.baa_status.replace('_', ' ')}{v.baa_expires && <><br /><small>until {v.baa_expires}</small></>}</td>
                <td><span class={`badge tier-${v.risk.level}`}>{v.risk.score} {v.risk.level}</span></td>
                <td><ul class="plain">{v.risk.reasons.map((r) => <li key={r}>{r}</li>)}</ul></td>
                {mayEdit && <td><button type="button" class="small" onClick={() => setEditing(v)}>Edit {v.name}</button></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <VendorForm key={editing.id} vendor={editing} onCancel={() => setEditing(null)}
          onDone={(saved) => { setEditing(saved); vendors.reload(); }} />
      )}
      {mayAdd && !editing && <VendorForm onDone={() => vendors.reload()} />}
    </>
  );
}
