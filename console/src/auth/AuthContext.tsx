// Gives pages the UserManager and the signed-in user; the API client asks the manager for a token per request.
import type { User, UserManager } from 'oidc-client-ts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';

interface Auth {
  userManager: UserManager;
  user: User | null | undefined;
  /** Ends the session at the provider (its end-session page), or locally when it has none. */
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ userManager, children }: { userManager: UserManager; children: ReactNode }) {
  // undefined while the stored session is being read; null when there is none.
  const [user, setUser] = useState<User | null | undefined>(undefined);
  // signoutRedirect removes the stored user before it navigates away; the layout must not take that for an expired
  // session and start a sign-in that races the sign-out navigation.
  const signingOut = useRef(false);
  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await userManager.signoutRedirect();
    } catch {
      // A provider without an end-session endpoint: forget the session here and start over.
      await userManager.removeUser();
      window.location.assign('/console/');
    }
  }, [userManager]);
  useEffect(() => {
    let live = true;
    void userManager.getUser().then((u) => live && setUser(u && !u.expired ? u : null));
    const loaded = (u: User) => setUser(u);
    const unloaded = () => {
      if (!signingOut.current) setUser(null);
    };
    userManager.events.addUserLoaded(loaded);
    userManager.events.addUserUnloaded(unloaded);
    userManager.events.addAccessTokenExpired(unloaded);
    return () => {
      live = false;
      userManager.events.removeUserLoaded(loaded);
      userManager.events.removeUserUnloaded(unloaded);
      userManager.events.removeAccessTokenExpired(unloaded);
    };
  }, [userManager]);
  return <AuthContext.Provider value={{ userManager, user, signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
