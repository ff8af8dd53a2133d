import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import type { Runtime } from '../../src/main/runtime';
import { cafeRuntime, DEMO } from './helpers';
import { callerContext, CALLERS, POLICY, SIGN_IN, type Caller } from './security-policy';

/**
 * Every channel × every caller through the real router and services, against the café's policy
 * written in words (security-policy.ts). An escalation is a caller outside a row's `who` who is not
 * refused; a lockout is a caller inside it who is.
 */
let runtime: Runtime;
const keyOf = (caller: Caller) => `matrix-${caller}`;

/** The refusals that mean "not you" (the router's, and setup's manager check), as opposed to a business answer. */
const ACCESS_REFUSALS = [/^Please sign in first\.$/, /^The customer display can only show/, /^Only the customer display reads/, /^A (Manager|Barista|Shipper) account can’t /, /a manager has to sign in at this till/];
function refusedAccess(result: Result<unknown>): boolean {
  return !result.ok && ['FORBIDDEN', 'UNAUTHENTICATED'].includes(result.error.code) && ACCESS_REFUSALS.some((r) => r.test(result.error.message));
}

async function signInAs(caller: Caller) {
  const email = SIGN_IN[caller];
  if (!email) return;
  const result = await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, { sessionKey: keyOf(caller) });
  // A customer account is refused at the POS: that caller stays nobody.
  expect(result.ok, caller).toBe(caller !== 'Customer');
}

beforeAll(async () => {
  ({ runtime } = await cafeRuntime());
  for (const caller of CALLERS) await signInAs(caller);
});

describe('the role matrix', () => {
  it('has one policy row per contract channel, and no row for a channel that is gone', () => {
    expect(Object.keys(POLICY).toSorted()).toEqual([...CHANNELS].toSorted());
  });

  it('0 escalations and 0 lockouts: every channel answers every caller as the policy says', async () => {
    const cells: { channel: Channel; caller: Caller; allowed: boolean; refused: boolean; code: string }[] = [];
    for (const channel of CHANNELS) {
      for (const caller of CALLERS) {
        const result = await runtime.dispatch(channel, POLICY[channel].input, callerContext(caller, keyOf(caller)));
        expect(typeof result.ok, `${channel} for ${caller}`).toBe('boolean');
        cells.push({ channel, caller, allowed: POLICY[channel].who.includes(caller), refused: refusedAccess(result), code: result.ok ? 'ok' : result.error.code });
        // Signing in or out on the caller's own key changes who they are: put them back.
        if (channel === 'auth.signIn' || channel === 'auth.signOut') await signInAs(caller);
      }
    }
    const wrong = cells.filter((c) => c.allowed === c.refused);
    expect(wrong, wrong.map((c) => `${c.caller} ${c.allowed ? 'locked out of' : 'escalated to'} ${c.channel} (${c.code}): ${POLICY[c.channel].rule}`).join('\n')).toEqual([]);
    expect(cells).toHaveLength(CHANNELS.length * CALLERS.length);
  });
});
