import { Fragment, lazy, Suspense, useState } from 'react';
import type { SessionView } from '../../shared/contract';
import type { Screen } from '../../shared/roles';
import { RegisterScreen } from '../features/register/components/RegisterScreen';
import { LoyaltyScreen } from '../features/loyalty/components/LoyaltyScreen';
import { BoardScreen } from '../features/orders/components/BoardScreen';
import { useLock, useSignOut } from '../features/session/queries';
import { useAutoLock } from '../features/session/useAutoLock';
import { useSettings } from '../features/menu/queries';
import { isSettling } from '../../shared/sync-header';
import { PrinterSettingsButton } from '../features/printer/components/PrinterSettings';
import { PrintFailures } from '../features/printer/components/PrintFailures';
import { SyncIndicator } from '../features/sync/components/SyncIndicator';
import { useSyncNow, useSyncStatus } from '../features/sync/queries';
import { describeBacklog, waitingToSync } from '../../shared/sync';
import { Modal } from '../ui/Modal';

const SCREEN_TITLE: Record<Screen, string> = { register: 'Register', board: 'Order board', loyalty: 'Loyalty', menu: 'Menu', drawer: 'Drawer', reports: 'Reports', staff: 'Staff', timecards: 'Timecards', shipper: 'Deliveries' };

// Managers only, and rarely at the counter: its code (chart, CSV) loads on first use, so the
// register's bundle doesn't carry it.
const ReportsScreen = lazy(() => import('../features/reports/components/ReportsScreen'));
// A manager's, and not at the rush: the menu editor and shop settings (with their validation) load on
// first use, keeping the register's first load in its budget.
const MenuAdminScreen = lazy(() => import('../features/menu/components/MenuAdminScreen').then((m) => ({ default: m.MenuAdminScreen })));
// Opened a couple of times a shift: loaded then, so the register's first load stays in its budget.
// Managers, a few times a week: timecards and their CSV load on first use.
const TimecardsScreen = lazy(() => import('../features/timeclock/components/TimecardsScreen'));
// The time clock's dialog loads when someone opens it: only its button is in the first load.
const TimeClockDialog = lazy(() => import('../features/timeclock/components/TimeClockDialog'));
const DrawerScreen = lazy(() => import('../features/shift/components/DrawerScreen').then((m) => ({ default: m.DrawerScreen })));
// Managers only, now and then: loaded on first use.
const StaffScreen = lazy(() => import('../features/staff/components/StaffScreen'));

// The shipper's one screen: loaded by shippers only, never with the register.
const ShipperScreen = lazy(() => import('../features/delivery/ShipperScreen').then((m) => ({ default: m.ShipperScreen })));

export function Shell({ session }: { session: SessionView }) {
  const [screen, setScreen] = useState<Screen>(session.screens[0] ?? 'board');
  const [person, setPerson] = useState(session.email);
  const signOut = useSignOut();
  const lock = useLock();
  const settings = useSettings();
  const lockNow = () => {
    if (!lock.isPending) lock.mutate();
  };
  useAutoLock(settings.data?.autoLockMinutes, lockNow);
  const sync = useSyncStatus();
  const syncNow = useSyncNow();
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const [clockOpen, setClockOpen] = useState(false);
  // Kept behind the lock screen (App), the shell comes back for whoever unlocks: they start at
  // their own first screen, with nothing the last person had open.
  if (person !== session.email) {
    setPerson(session.email);
    setScreen(session.screens[0] ?? 'board');
    setConfirmSignOut(false);
    setClockOpen(false);
  }
  const waiting = waitingToSync(sync.data);
  // Orders on this till are never lost by signing out, but whoever leaves should know they are there:
  // asked afresh, since the last poll may be a second old and the sale it counted gone out since.
  const requestSignOut = async () => {
    const { data } = await sync.refetch();
    if (waitingToSync(data ?? sync.data) > 0) setConfirmSignOut(true);
    else signOut.mutate();
  };
  return (
    <div className="shell">
      <header className="app-header">
        <span className="brand">
          <span aria-hidden="true">☁</span> <span className="brand-name">Coffee Cloud POS</span>
        </span>
        <nav aria-label="Screens">
          {session.screens.map((s) => (
            <button key={s} type="button" className="nav-tab" aria-current={s === screen ? 'page' : undefined} onClick={() => setScreen(s)}>
              {SCREEN_TITLE[s]}
            </button>
          ))}
        </nav>
        {/* Your name opens your time clock: a manager's full header has no room for another button. */}
        <button type="button" className="who who-button" data-testid="signed-in-as" aria-haspopup="dialog" onClick={() => setClockOpen(true)}>
          <span className="who-name">{session.name}</span>
          <span className="who-role">{session.roleLabel}</span>
        </button>
        {/* Keyed by person, here and below: what the last person had open there closes for the next. */}
        <SyncIndicator key={session.email} isManager={session.role === 'Admin'} />
        {waiting > 0 && sync.data && !isSettling(sync.data) && (
          <button type="button" className="btn btn-quiet" onClick={() => syncNow.mutate()} disabled={syncNow.isPending}>
            Sync now
          </button>
        )}
        {session.role === 'Admin' && <PrinterSettingsButton key={session.email} />}
        <button type="button" className="btn btn-quiet" onClick={lockNow} disabled={lock.isPending}>
          Lock
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => void requestSignOut()} disabled={signOut.isPending}>
          Sign out
        </button>
      </header>
      {confirmSignOut && sync.data && (
        <Modal title="Still waiting to sync" onClose={() => setConfirmSignOut(false)}>
          <p>{describeBacklog(sync.data, Date.parse(sync.data.asOf))}.</p>
          <p>They stay saved on this till and send as soon as the connection is back and someone is signed in. Each keeps the name of whoever made it. To step away for a moment, lock the till instead: you come back with your PIN.</p>
          <div className="modal-actions">
            <button
              type="button"
              className="btn"
              onClick={() => {
                setConfirmSignOut(false);
                signOut.mutate();
              }}
            >
              Sign out anyway
            </button>
            <button type="button" className="btn btn-primary" data-autofocus onClick={() => setConfirmSignOut(false)}>
              Stay signed in
            </button>
          </div>
        </Modal>
      )}
      {clockOpen && (
        <Suspense fallback={null}>
          <TimeClockDialog email={session.email} onClose={() => setClockOpen(false)} />
        </Suspense>
      )}
      <main className="app-main">
        <PrintFailures key={session.email} />
        {/* The register alone stays built through a switch (App): the sale is the till's, and it is the rush's screen. */}
        {screen === 'register' && <RegisterScreen person={session.email} onSold={() => settings.data?.lockAfterSale && lockNow()} />}
        <Fragment key={session.email}>
          {screen === 'board' && <BoardScreen />}
          {screen === 'loyalty' && <LoyaltyScreen />}
          {screen === 'menu' && (
            <Suspense fallback={<p role="status">Loading the menu…</p>}>
              <MenuAdminScreen />
            </Suspense>
          )}
          {screen === 'drawer' && (
            <Suspense fallback={<p role="status">Loading the drawer…</p>}>
              <DrawerScreen isManager={session.role === 'Admin'} />
            </Suspense>
          )}
          {screen === 'shipper' && (
            <Suspense fallback={<p role="status">Loading deliveries…</p>}>
              <ShipperScreen />
            </Suspense>
          )}
          {screen === 'reports' && (
            <Suspense fallback={<p role="status">Loading reports…</p>}>
              <ReportsScreen />
            </Suspense>
          )}
          {screen === 'staff' && (
            <Suspense fallback={<p role="status">Loading staff…</p>}>
              <StaffScreen me={session.email} />
            </Suspense>
          )}
          {screen === 'timecards' && (
            <Suspense fallback={<p role="status">Loading timecards…</p>}>
              <TimecardsScreen />
            </Suspense>
          )}
        </Fragment>
      </main>
    </div>
  );
}
