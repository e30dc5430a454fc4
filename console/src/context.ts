import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api';
import type { Session } from './session';

export interface SignedIn {
  session: Session;
  api: Api;
}

export const SignedInContext = createContext<SignedIn | null>(null);

/** The signed-in caller and their API client; pages render only inside a sign-in. */
export const useSignedIn = (): SignedIn => {
  const signedIn = useContext(SignedInContext);
  if (!signedIn) throw new Error('useSignedIn outside a sign-in');
  return signedIn;
};
