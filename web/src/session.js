// The signed-in account, for pages that need it (the review form assigns to "me").
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const AccountContext = createContext(null);
export function useAccount() { return useContext(AccountContext); }
