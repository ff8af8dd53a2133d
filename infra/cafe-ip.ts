import { isIPv4, isIPv6 } from 'node:net';

/**
 * The café's public IP ranges (`-c cafeIpRanges=203.0.113.0/24,2001:db8::/48`, or an array or a
 * comma-separated string under `context` in cdk.json). Given, every staff role's every statement
 * only works from those addresses (aws:SourceIp): a barista's credentials copied off the till are
 * no use at home. Checked here, at synth, because a wrong range deploys fine and then locks every
 * till out of its own tables.
 */
export const CAFE_IP_RANGES_CONTEXT = 'cafeIpRanges';

/** Ranges AWS never sees as a request's source: the till's own network, not the café's public address. */
const NOT_PUBLIC: readonly [string, string][] = [
  ['10.0.0.0/8', 'a private network range'],
  ['172.16.0.0/12', 'a private network range'],
  ['192.168.0.0/16', 'a private network range'],
  ['100.64.0.0/10', 'the carrier-grade NAT range (your provider’s, not yours)'],
  ['127.0.0.0/8', 'the loopback range'],
  ['169.254.0.0/16', 'the link-local range'],
  ['fc00::/7', 'a private (unique local) IPv6 range'],
  ['fe80::/10', 'the link-local IPv6 range'],
  ['::1/128', 'the IPv6 loopback address'],
];

interface Cidr {
  family: 4 | 6;
  /** The address as one number. */
  value: bigint;
  prefix: number;
}

function addressValue(address: string): { family: 4 | 6; value: bigint } | null {
  if (isIPv4(address)) return { family: 4, value: address.split('.').reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n) };
  if (!isIPv6(address) || address.includes('.')) return null;
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === null ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return { family: 6, value: groups.reduce((n, group) => (n << 16n) | BigInt(parseInt(group, 16)), 0n) };
}

function parseCidr(text: string): Cidr | { error: string } {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
  if (!match) {
    const bare = addressValue(text);
    return { error: bare ? `"${text}" has no prefix length: write ${text}/${bare.family === 4 ? 32 : 128} for that one address` : `"${text}" is not a CIDR range such as 203.0.113.0/24` };
  }
  const address = addressValue(match[1]!);
  if (!address) return { error: `"${text}": ${match[1]} is not an IPv4 or IPv6 address` };
  const bits = address.family === 4 ? 32 : 128;
  const prefix = Number(match[2]);
  if (prefix > bits) return { error: `"${text}": an IPv${address.family} prefix is at most /${bits}` };
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  if ((address.value & hostMask) !== 0n) {
    const network = address.value & ~hostMask;
    const shown = address.family === 4 ? [24n, 16n, 8n, 0n].map((s) => String((network >> s) & 255n)).join('.') : null;
    return { error: `"${text}" has host bits set after /${prefix}${shown ? `: did you mean ${shown}/${prefix}?` : ''}` };
  }
  return { ...address, prefix };
}

function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const bits = outer.family === 4 ? 32 : 128;
  const shift = BigInt(bits - outer.prefix);
  return inner.value >> shift === outer.value >> shift;
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

const NOT_PUBLIC_CIDRS = NOT_PUBLIC.map(([range, what]) => ({ cidr: parseCidr(range) as Cidr, what }));

/**
 * The ranges, checked one by one; absent, empty or blank means no restriction. Throws with every
 * bad entry named, so one deploy attempt shows all of them.
 */
export function parseCafeIpRanges(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const entries = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null;
  if (!entries || entries.some((e) => typeof e !== 'string')) {
    throw new Error(`${CAFE_IP_RANGES_CONTEXT} must be a comma-separated string or a list of CIDR ranges, not ${JSON.stringify(value)}.`);
  }
  const ranges = (entries as string[]).map((e) => e.trim());
  if (ranges.every((r) => r === '')) return undefined;
  const problems: string[] = [];
  for (const range of ranges) {
    if (range === '') {
      problems.push('an empty entry (two commas in a row, or one at the end)');
      continue;
    }
    const cidr = parseCidr(range);
    if ('error' in cidr) {
      problems.push(cidr.error);
      continue;
    }
    if (cidr.prefix === 0) {
      problems.push(`"${range}" allows every address: leave ${CAFE_IP_RANGES_CONTEXT} out instead`);
      continue;
    }
    const hidden = NOT_PUBLIC_CIDRS.find((n) => overlaps(n.cidr, cidr));
    if (hidden) problems.push(`"${range}" is in ${hidden.what}: AWS sees the café’s public address, which the router shows (or search “what is my IP” on a till)`);
  }
  if (problems.length > 0) {
    throw new Error(`${CAFE_IP_RANGES_CONTEXT} has ${problems.length === 1 ? 'a bad range' : `${problems.length} bad ranges`}: ${problems.join('; ')}.`);
  }
  return [...new Set(ranges)];
}
