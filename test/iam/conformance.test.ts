import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AwsCall } from '../../src/main/aws/call-log';
import { STAFF_ROLES } from '../../src/shared/roles';
import { callLogPath, SUITES } from './call-logs';
import { evaluate, synthesizePolicies, type Statement, type SynthesizedPolicies } from './policy';
import { describeRequest, iamRequests, type IamRequest } from './requests';

/**
 * AWS mode, proven without an account: every AWS call the integration and e2e suites' tills made
 * (they run first, in the same `npm test`), replayed against the synthesized template's policies
 * for the role whose credentials AWS mode would sign it with. A call IAM would refuse fails here,
 * named with its channel and role; so does a grant that nothing used.
 *
 * The template is the one a café deploys with its IP ranges (`cafeIpRanges`), every till calling
 * from inside them: that proves the aws:SourceIp condition on every statement lets the app do all
 * it does, and (replayed from elsewhere) that it stops the same credentials anywhere else. Without
 * the option the statements are exactly these minus that condition (test/unit/infra.test.ts), and
 * every recorded call gets the same decision from both (below).
 */
const CAFE_RANGES = ['203.0.113.0/24', '2001:db8:cafe::/48'];
const TILL_ADDRESS = '203.0.113.10';
const ELSEWHERE = ['198.51.100.7', '203.0.114.10', '2001:db8:beef::1'];
let policies: SynthesizedPolicies;
const calls: (AwsCall & { suite: string })[] = [];

beforeAll(() => {
  for (const suite of SUITES) {
    const file = callLogPath(suite);
    if (!existsSync(file)) throw new Error(`No AWS calls recorded by the ${suite} suite (${file}): the IAM check runs after it in npm test`);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line) calls.push({ ...(JSON.parse(line) as AwsCall), suite });
    }
  }
  policies = synthesizePolicies({ cafeIpRanges: CAFE_RANGES });
}, 60_000);

/** What IAM sees of a request from a till at `address`. */
const from = (request: IamRequest, address: string): IamRequest['context'] => ({ ...request.context, 'aws:SourceIp': address });

/** A Cognito call names the till's own pool (the emulator's id in the suites): the stack's pool, as AWS mode sees it. */
function resourceOf(request: IamRequest): string {
  if (request.table) return policies.arn(request.table, request.index);
  if (request.resource?.startsWith('userpool/')) return policies.userPoolArn;
  throw new Error(`The IAM check doesn't know the resource ${request.resource}`);
}

/** Statement → "action on resource" pairs some allowed call used. */
function usage(): Map<Statement, Set<string>> {
  const used = new Map<Statement, Set<string>>();
  for (const call of calls) {
    if (!call.role) continue;
    for (const request of iamRequests(call)) {
      const resource = resourceOf(request);
      for (const statement of evaluate(policies.statements[call.role], request.action, resource, from(request, TILL_ADDRESS)).by) {
        const seen = used.get(statement) ?? new Set<string>();
        seen.add(`${request.action} ${resource}`);
        used.set(statement, seen);
      }
    }
  }
  return used;
}

describe('IAM conformance of the calls the app makes', () => {
  it('recorded calls from both suites, for every staff role', () => {
    for (const suite of SUITES) expect(calls.filter((c) => c.suite === suite).length, suite).toBeGreaterThan(50);
    for (const role of STAFF_ROLES) expect(calls.some((c) => c.role === role), role).toBe(true);
  });

  it('every call is made as a signed-in staff member (AWS mode has no other credentials)', () => {
    const anonymous = new Map<string, number>();
    for (const call of calls.filter((c) => c.role === null)) {
      const key = `${call.via ?? 'outside any request'}: ${call.command} (${call.suite})`;
      anonymous.set(key, (anonymous.get(key) ?? 0) + 1);
    }
    expect([...anonymous].map(([k, n]) => `${k} ×${n}`)).toEqual([]);
  });

  it('IAM allows every call for the role that makes it', () => {
    const refused = new Map<string, number>();
    for (const call of calls) {
      if (!call.role) continue;
      for (const request of iamRequests(call)) {
        if (evaluate(policies.statements[call.role], request.action, resourceOf(request), from(request, TILL_ADDRESS)).allowed) continue;
        const key = `${call.role} via ${call.via ?? '?'}: ${describeRequest(request)}`;
        refused.set(key, (refused.get(key) ?? 0) + 1);
      }
    }
    expect([...refused].map(([k, n]) => `${k} ×${n}`).toSorted()).toEqual([]);
  });

  it('judges the café’s template: every statement of every staff role needs one of its addresses', () => {
    for (const role of STAFF_ROLES) {
      for (const statement of policies.statements[role]) expect(statement.condition.IpAddress, statement.label).toEqual({ 'aws:SourceIp': CAFE_RANGES });
    }
  });

  it('from inside the ranges every call gets the decision, by the same statements, that the template without them gives', () => {
    const plain = synthesizePolicies();
    const differ: string[] = [];
    for (const call of calls) {
      if (!call.role) continue;
      for (const request of iamRequests(call)) {
        const limited = evaluate(policies.statements[call.role], request.action, resourceOf(request), from(request, TILL_ADDRESS));
        const open = evaluate(plain.statements[call.role], request.action, resourceOf(request), request.context);
        if (limited.allowed !== open.allowed || limited.by.map((st) => st.label).join() !== open.by.map((st) => st.label).join()) {
          differ.push(`${call.role}: ${describeRequest(request)}`);
        }
      }
    }
    expect(differ.slice(0, 10)).toEqual([]);
  }, 60_000);

  it('the same calls from outside the café’s ranges are all refused', () => {
    let judged = 0;
    const allowed: string[] = [];
    for (const call of calls) {
      if (!call.role) continue;
      for (const request of iamRequests(call)) {
        for (const address of ELSEWHERE) {
          judged++;
          if (evaluate(policies.statements[call.role], request.action, resourceOf(request), from(request, address)).allowed) allowed.push(`${call.role} from ${address}: ${describeRequest(request)}`);
        }
      }
    }
    expect(judged).toBeGreaterThan(100);
    expect(allowed.slice(0, 10)).toEqual([]);
  });

  it('a shipper’s write can’t hand back the whole order: only what it wrote comes back', () => {
    const moves = calls.filter((c) => c.role === 'Shipper' && c.via === 'delivery.move').flatMap((c) => iamRequests(c)).filter((r) => r.action === 'dynamodb:UpdateItem');
    expect(moves.length).toBeGreaterThan(0);
    const answer = (returnValues: string) =>
      moves.every((r) => evaluate(policies.statements.Shipper, r.action, resourceOf(r), { ...from(r, TILL_ADDRESS), 'dynamodb:ReturnValues': returnValues }).allowed);
    expect(['NONE', 'UPDATED_OLD', 'UPDATED_NEW'].map(answer)).toEqual([true, true, true]);
    // The lines, prices and customer id a shipper is never to read.
    expect(['ALL_OLD', 'ALL_NEW'].map(answer)).toEqual([false, false]);
  });

  it('every grant in the template is used by some call', () => {
    const used = usage();
    const unused: string[] = [];
    for (const role of STAFF_ROLES) {
      for (const statement of policies.statements[role] as Statement[]) {
        if (statement.effect !== 'Allow') continue;
        const seen = used.get(statement) ?? new Set<string>();
        for (const action of statement.actions) {
          for (const resource of statement.resources) {
            if (![...seen].some((s) => s === `${action} ${resource}`)) unused.push(`${statement.label}: ${action} on ${resource.replace(/^.*:table\//, '')}`);
          }
        }
      }
    }
    expect(unused).toEqual([]);
  });
});

