// Optional second factor: TOTP (RFC 6238, 30 s, 6 digits, SHA-1 as authenticator apps expect).
import { Secret, TOTP } from 'otpauth';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'Avrop', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

export function totpUrl(secret: string, label: string): string {
  return totp(secret, label).toString();
}

export function verifyTotp(secret: string, code: string): boolean {
  return totpStep(secret, code) !== null;
}

/** The 30-second time step the code belongs to (±1 step of clock drift), or null when it is wrong. */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret, 'x').validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30000) + delta;
}

export function currentTotp(secret: string): string {
  return totp(secret, 'x').generate();
}
