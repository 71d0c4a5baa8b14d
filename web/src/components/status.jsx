// Small shared pieces of every page: loading and error notices, a "not found" page, useApi,
// which loads a route's JSON whenever its path changes, and dates and codes as words.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';

export function useApi(path) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api(path)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error) => live && setState({ data: null, error, loading: false }));
    return () => { live = false; };
  }, [path, reloads]);
  return { ...state, reload: () => setReloads((n) => n + 1) };
}

export function Loading() { return <p class="loading" role="status">Loading…</p>; }

export function ErrorNotice({ error }) {
  if (!error) return null;
  return <p class="error" role="alert">{error.message}</p>;
}

export function NotFound({ what }) {
  return <><h1>Not found</h1><p>There is no such {what}.</p><p><a href="#/">Back to the overview</a></p></>;
}

// "2026-11-03T08:14:00.123Z" → "2026-11-03 08:14:00 UTC".
export function when(iso) {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC');
}

// "presumed_breach" → "presumed breach": a server's code as words.
export function words(code) { return (code || '').replace(/_/g, ' '); }
