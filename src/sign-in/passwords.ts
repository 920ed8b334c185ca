import { hash, verify } from '@node-rs/argon2';

/** What a password must be; the DTOs and the errors say the same numbers. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/**
 * argon2id with @node-rs/argon2's defaults: m = 19 MiB, t = 2, p = 1, which is the first of OWASP's
 * recommended argon2id configurations (Password Storage Cheat Sheet). The parameters live in each hash
 * (PHC string), so raising them later keeps old hashes verifiable.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(normalized(password));
}

/**
 * Vietnamese passwords carry diacritics, which one keyboard or system composes (NFC: "ậ" one character)
 * and another does not (NFD: "a" and two combining marks); the same password must match either way.
 */
function normalized(password: string): string {
  return password.normalize('NFC');
}

/**
 * Whether `password` matches `stored`. Without a stored hash (unknown email, no password set yet) a
 * hash made at start is verified instead and the answer is false, so every refusal costs the same
 * argon2 work and the time taken does not tell which emails exist. argon2's own comparison is constant-time.
 */
export async function passwordMatches(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await decoy(), password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, normalized(password));
  } catch {
    // A malformed stored hash is a refusal, never a 500 that would tell this account apart.
    return false;
  }
}

let decoyHash: Promise<string> | undefined;
/** Made once per process; called at start so that the first refusal is not slower than the others. */
export function decoy(): Promise<string> {
  decoyHash ??= hash('decoy password that no one has');
  return decoyHash;
}
