import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { RetryLater } from '../http/retry-later';

// scrypt parameters per OWASP's password storage guidance (N=2^17, r=8, p=1).
const PARAMS = { N: 2 ** 17, r: 8, p: 1, keyLength: 64 };

/** The key derivation itself (128 MiB and a few hundred milliseconds of a libuv thread each); an object so tests can watch it. */
export const kdf = {
  derive(password: string, salt: Buffer, options: ScryptOptions, keyLength: number): Promise<Buffer> {
    return new Promise((resolve, reject) =>
      scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
  },
};

/** Password checks at once: two scrypt runs hold 256 MiB and leave libuv's other threads to the rest. */
export const HASHING_AT_ONCE = 2;
/** Checks that may wait for a slot; more are refused before any hashing, so a flood costs neither memory nor time. */
export const HASHING_WAITING = 8;

/**
 * At most `atOnce` password hashes run at the same time, and at most `waiting` more wait for their turn; any
 * other is refused at once (503 with Retry-After). A flood of logins then delays a real one by a few checks,
 * not by all of them.
 */
export class HashingGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly atOnce = HASHING_AT_ONCE,
    private readonly waiting = HASHING_WAITING,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.atOnce) this.running++;
    else {
      if (this.queue.length >= this.waiting) {
        throw new RetryLater(503, 'the platform is checking many passwords right now: try again in a moment', 1);
      }
      // the slot is handed over by the one that finishes, so `running` stays as it is
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Hashing and checking passwords, every one through the same gate. */
export class Passwords {
  constructor(private readonly gate = new HashingGate()) {}

  /** `scrypt$N$r$p$salt$key` (base64): parameters travel with the hash so they can be raised later. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.gate.run(() =>
      kdf.derive(password, salt, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p }, PARAMS.keyLength),
    );
    return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await this.gate.run(() =>
      kdf.derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }, expected.length),
    );
    return timingSafeEqual(actual, expected);
  }
}

/** Spends the same time as a real check, so an unknown e-mail address cannot be told from a wrong password. */
export const DUMMY_HASH =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';
