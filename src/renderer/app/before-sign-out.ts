/**
 * Work the screen holds back for a moment (a board move waiting out its Undo window) that must
 * reach main before the session that makes it ends: signing out, or the window going away.
 */
const pending = new Set<() => Promise<unknown>>();

export function holdUntilSignOut(flush: () => Promise<unknown>): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}

export async function flushBeforeSignOut(): Promise<void> {
  await Promise.allSettled([...pending].map((flush) => flush()));
}
