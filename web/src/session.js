// The signed-in account, for pages that need it (the review form assigns to "me").
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const AccountContext = createContext(null);
export function useAccount() { return useContext(AccountContext); }

// Whether the signed-in account's role may use `route` ("GET /api/v1/alerts"), or any of a list;
// a section without a route is for everyone.
export function mayUse(account, route) {
  if (!route) return true;
  const routes = Array.isArray(route) ? route : [route];
  return routes.some((r) => account?.may_use?.includes(r));
}
