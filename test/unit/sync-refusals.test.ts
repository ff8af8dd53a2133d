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

  it('retries a fault on AWS’s side under any name (a 500, a proxy’s 502 or 504, a 429): a sale or a shift’s opening is never parked for it', () => {
    const fault = (name: string, httpStatusCode: number, $fault: 'server' | 'client') => Object.assign(named(name, `${name} from the service`), { $fault, $metadata: { httpStatusCode } });
    for (const error of [fault('InternalFailure', 500, 'server'), fault('UnknownError', 502, 'server'), fault('UnknownError', 504, 'server'), fault('TooManyRequestsException', 429, 'client')]) {
      const w = worker();
      expect(w.transient(error), `${error.name} ${error.$metadata.httpStatusCode}`).toBe('retry');
      expect(w.status().lastError).toMatch(/^The database had a fault of its own \(.+\); trying again shortly\.$/);
    }
  });

  it('leaves a refusal of the record itself to its kind', () => {
    expect(worker().transient(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))).toBeNull();
    expect(worker().transient(named('ValidationException', 'bad item'))).toBeNull();
    expect(worker().transient(Object.assign(named('ValidationException', 'bad item'), { $fault: 'client', $metadata: { httpStatusCode: 400 } }))).toBeNull();
  });
});
