// Hash routing: "#/cases/42?tab=x" → { path: "/cases/42", parts: ["cases", "42"], params }.
// The server never sees the route, so deep links work from any page and `npm run dev` alike.
import { useEffect, useState } from 'preact/hooks';

function parse() {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = hash.split('?');
  return {
    path,
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    params: Object.fromEntries(new URLSearchParams(search)),
  };
}

export function useRoute() {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const update = () => setRoute(parse());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

// "#/cases?status=new" from a path and parameters (empty ones left out).
export function href(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function navigate(path, params) { window.location.hash = href(path, params).slice(1); }
