import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.ts';
import { auth } from '../api/endpoints.ts';
import type { Session } from '../api/types.ts';

type SessionContextValue = {
  session: Session | null;
  loading: boolean;
  /** True after the user signed out on purpose (then the sign-in page does not return to the old page). */
  signedOutByUser: boolean;
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export const SESSION_KEY = ['session'] as const;

async function loadSession(): Promise<Session | null> {
  try {
    const s = await auth.me();
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: Infinity, retry: 1 });
  const [signedOutByUser, setSignedOutByUser] = useState(false);

  const signedIn = useCallback((s: Session) => {
    setSignedOutByUser(false);
    setCsrfToken(s.csrfToken);
    qc.setQueryData(SESSION_KEY, s);
  }, [qc]);

  const clear = useCallback(() => {
    setCsrfToken(null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    qc.setQueryData(SESSION_KEY, null);
  }, [qc]);

  const signOut = useCallback(async () => {
    // The request is built (with the CSRF token) before the local session is cleared; the session
    // may already be gone on the server, so a failure still signs out locally.
    const request = auth.logout().catch(() => undefined);
    setSignedOutByUser(true);
    clear();
    await request;
  }, [clear]);

  const refresh = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: SESSION_KEY });
  }, [qc]);

  useEffect(() => {
    setUnauthenticatedHandler(clear);
    return () => setUnauthenticatedHandler(null);
  }, [clear]);

  const value = useMemo<SessionContextValue>(() => ({
    session: query.data ?? null,
    loading: query.isPending,
    signedOutByUser,
    signedIn,
    signOut,
    refresh,
  }), [query.data, query.isPending, signedOutByUser, signedIn, signOut, refresh]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in session; only for components rendered inside the signed-in shell. */
export function useRequiredSession(): Session {
  const { session } = useSession();
  if (!session) throw new Error('no session');
  return session;
}
