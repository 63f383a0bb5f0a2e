// Gives pages the UserManager and the signed-in user; the API client asks the manager for a token per request.
import type { User, UserManager } from 'oidc-client-ts';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

interface Auth {
  userManager: UserManager;
  user: User | null | undefined;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ userManager, children }: { userManager: UserManager; children: ReactNode }) {
  // undefined while the stored session is being read; null when there is none.
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void userManager.getUser().then((u) => live && setUser(u && !u.expired ? u : null));
    const loaded = (u: User) => setUser(u);
    const unloaded = () => setUser(null);
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
  return <AuthContext.Provider value={{ userManager, user }}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
