import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createConnectivity, describeNetworkProblem, isNetworkError } from '../../src/main/sync/connectivity';
import { AppError } from '../../src/shared/result';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
const timedOut = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 3000 ms requestTimeout.'), { name: 'TimeoutError' });
const noDns = Object.assign(new Error('getaddrinfo ENOTFOUND dynamodb.us-east-1.amazonaws.com'), { code: 'ENOTFOUND' });
const refusedByDynamo = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });

describe('telling "no answer" from "an answer that says no"', () => {
  it('counts refused connections, timeouts and DNS failures as offline, wrapped or not', () => {
    for (const error of [refused, timedOut, noDns, Object.assign(new Error('request failed'), { cause: refused })]) expect(isNetworkError(error)).toBe(true);
  });

  it('never counts DynamoDB’s own refusals or the app’s errors as offline', () => {
    expect(isNetworkError(refusedByDynamo)).toBe(false);
    expect(isNetworkError(new AppError('CONFLICT', 'ECONNREFUSED in a message is still ours'))).toBe(false);
    expect(isNetworkError(undefined)).toBe(false);
  });

  it('says what went wrong in words a barista can act on', () => {
    expect(describeNetworkProblem(timedOut)).toBe('the database didn’t answer in time');
    expect(describeNetworkProblem(refused)).toBe('the database isn’t accepting connections');
    expect(describeNetworkProblem(noDns)).toBe('the internet is down (the database’s address can’t be looked up)');
  });

  it('remembers since when the till has been offline, and clears it on the next answer', () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const connectivity = createConnectivity(() => new Date(now));
    now += 60_000;
    connectivity.lost();
    now += 60_000;
    connectivity.lost();
    expect(connectivity).toMatchObject({ online: false, since: '2026-11-25T10:01:00.000Z' });
    now += 60_000;
    connectivity.reached();
    expect(connectivity).toMatchObject({ online: true, since: '2026-11-25T10:03:00.000Z' });
  });
});
