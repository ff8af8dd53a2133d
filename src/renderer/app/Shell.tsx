import { useState } from 'react';
import type { SessionView } from '../../shared/contract';
import type { Screen } from '../../shared/roles';
import { RegisterScreen } from '../features/register/components/RegisterScreen';
import { LoyaltyScreen } from '../features/loyalty/components/LoyaltyScreen';
import { MenuAdminScreen } from '../features/menu/components/MenuAdminScreen';
import { BoardScreen } from '../features/orders/components/BoardScreen';
import { useSignOut } from '../features/session/queries';

const SCREEN_TITLE: Record<Screen, string> = { register: 'Register', board: 'Order board', loyalty: 'Loyalty', menu: 'Menu' };

export function Shell({ session }: { session: SessionView }) {
  const [screen, setScreen] = useState<Screen>(session.screens[0] ?? 'board');
  const signOut = useSignOut();
  return (
    <div className="shell">
      <header className="app-header">
        <span className="brand">☁ Coffee Cloud POS</span>
        <nav aria-label="Screens">
          {session.screens.map((s) => (
            <button key={s} type="button" className="nav-tab" aria-current={s === screen ? 'page' : undefined} onClick={() => setScreen(s)}>
              {SCREEN_TITLE[s]}
            </button>
          ))}
        </nav>
        <div className="who" data-testid="signed-in-as">
          <span className="who-name">{session.name}</span>
          <span className="who-role">{session.roleLabel}</span>
        </div>
        <button type="button" className="btn btn-quiet" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
      </header>
      <main className="app-main">
        {screen === 'register' && <RegisterScreen />}
        {screen === 'board' && <BoardScreen />}
        {screen === 'loyalty' && <LoyaltyScreen />}
        {screen === 'menu' && <MenuAdminScreen />}
      </main>
    </div>
  );
}
