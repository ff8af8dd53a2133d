import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { testWorker as worker } from '../support/worker';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('what the outbox does with a refusal', () => {
  it('retries when AWS refuses the credentials, not the record (a till outside cafeIpRanges, stale keys): nothing is parked or dropped', () => {
    for (const name of ['AccessDeniedException', 'UnrecognizedClientException', 'ExpiredTokenException']) {
      const w = worker();
      expect(w.transient(named(name, 'User is not authorized to perform: dynamodb:UpdateItem with an explicit deny in an identity-based policy')), name).toBe('retry');
      expect(w.status().lastError).toMatch(/AWS refused the signed-in staff member’s credentials .* cafeIpRanges needs the new one; nothing waiting is lost\./);
    }
  });

  it('leaves a refusal of the record itself to its kind', () => {
    expect(worker().transient(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))).toBeNull();
    expect(worker().transient(named('ValidationException', 'bad item'))).toBeNull();
  });
});
