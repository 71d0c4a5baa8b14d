// Editing a critical service from the Resilience tab (PATCH /api/v1/program/services/{service}):
// its owner, tier, RTO and RPO, downtime procedure and review date, and what it depends on
// (other services by name, vendors of the vendor list, devices and systems). The form sends
// every field it shows; the server checks them all (a dependency that does not exist, a service
// that would depend on itself, a review date in the future) and names the field it refuses.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';
import { splitList } from './program_vendors.jsx';

const names = (list) => (list || []).map((x) => (typeof x === 'object' ? x.name : x)).join(', ');

function formOf(s) {
  return {
    owner: s.owner, tier: String(s.tier), rto: s.rto, rpo: s.rpo, downtime_procedure: s.downtime_procedure,
    procedure_reviewed: s.procedure_reviewed, depends_on: names(s.depends_on), vendors: s.vendors.map((v) => v.id),
    devices: names(s.devices), systems: names(s.systems),
  };
}

export function ServiceForm({ id, onDone, onCancel }) {
  const service = useApi(`/program/services/${id}`);
  const vendors = useApi('/program/vendors');
  if (service.error || vendors.error) return <ErrorNotice error={service.error || vendors.error} />;
  if (!service.data || !vendors.data) return <Loading />;
  return <Fields service={service.data} vendors={vendors.data.vendors} onDone={onDone} onCancel={onCancel} />;
}

function Fields({ service, vendors, onDone, onCancel }) {
  const [f, setF] = useState(() => formOf(service));
  const { busy, error, run } = useSubmission();
  const first = useRef(null);
  useEffect(() => { first.current?.focus(); }, []);
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.value });
  const toggleVendor = (vid) => setF({ ...f, vendors: f.vendors.includes(vid) ? f.vendors.filter((x) => x !== vid) : [...f.vendors, vid] });
  const submit = (e) => {
    e.preventDefault();
    return run(async () => {
      const body = { ...f, tier: Number(f.tier), depends_on: splitList(f.depends_on), devices: splitList(f.devices), systems: splitList(f.systems) };
      const saved = await api(`/program/services/${service.id}`, { method: 'PATCH', body });
      onDone(saved);
    });
  };
  const text = (key, label, props = {}) => (
    <><label for={`service-${key}`}>{label}</label><input id={`service-${key}`} value={f[key]} onInput={set(key)} {...props} /></>
  );
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Edit service {service.name}</legend>
        <label for="service-owner">Service owner</label>
        <input id="service-owner" ref={first} value={f.owner} onInput={set('owner')} />
        <label for="service-tier">Tier</label>
        <select id="service-tier" value={f.tier} onChange={set('tier')}>
          {[['1', '1 (life-critical)'], ['2', '2'], ['3', '3'], ['4', '4 (can wait)']].map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
        {text('rto', 'RTO: how long it may be down (30m, 4h, 2d)', { required: true })}
        {text('rpo', 'RPO: how much data may be lost (15m, 1h, 1d)', { required: true })}
        <label for="service-procedure">Downtime procedure</label>
        <textarea id="service-procedure" rows={2} value={f.downtime_procedure} onInput={set('downtime_procedure')} />
        {text('procedure_reviewed', 'Procedure last reviewed on', { type: 'date' })}
        {text('depends_on', 'Depends on services (names, comma-separated)')}
        <fieldset class="choices">
          <legend>Depends on vendors</legend>
          {vendors.length === 0 && <span>No vendors recorded.</span>}
          {vendors.map((v) => (
            <label key={v.id}><input type="checkbox" checked={f.vendors.includes(v.id)} onChange={() => toggleVendor(v.id)} /> {v.name}</label>
          ))}
        </fieldset>
        {text('devices', 'Devices (inventory ids, comma-separated)')}
        {text('systems', 'Other systems (comma-separated)')}
        {error && <p class="error" role="alert">{error}</p>}
        <div class="choices">
          <button type="submit" disabled={busy}>Save service</button>
          <button type="button" class="link" onClick={onCancel}>Close</button>
        </div>
      </fieldset>
    </form>
  );
}
