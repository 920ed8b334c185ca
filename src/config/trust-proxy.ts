import { isIP } from 'node:net';
import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

/** Names express (proxy-addr) accepts for well-known ranges. */
const RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as express's `trust proxy` setting takes it: a boolean, a number of hops, or a list of
 * addresses and subnets. Parsed here because express would read the string "1" as an address and fail
 * at the first request, not at start.
 */
export function trustProxySetting(value: string): boolean | number | string[] {
  const v = value.trim();
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim());
}

/** Why an entry of the list is not an address, a subnet or a range name; null when it is one. */
function entryProblem(entry: string): string | null {
  if (RANGES.has(entry)) return null;
  const [address, mask, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return `"${entry}" is not an address, a subnet (address/bits) or one of ${[...RANGES].join(', ')}`;
  if (mask === undefined) return null;
  const bits = /^\d+$/.test(mask) ? Number(mask) : NaN;
  if (bits <= (family === 4 ? 32 : 128) || (family === 4 && isIP(mask) === 4)) return null;
  return `"${entry}": the mask is not a prefix length or an IPv4 netmask`;
}

/** What is wrong with a TRUST_PROXY value, or null when express can take it. */
export function trustProxyProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return 'must be true, false, a number of hops or a list of addresses';
  const setting = trustProxySetting(value);
  const problems = Array.isArray(setting) ? setting.map(entryProblem).filter((p): p is string => p !== null) : [];
  return problems.length ? problems.join('; ') : null;
}

@ValidatorConstraint({ name: 'trustProxy' })
export class IsTrustProxy implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return trustProxyProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${trustProxyProblem(args.value)} (e.g. loopback, 1, or 10.0.0.0/8,192.168.1.5)`;
  }
}
