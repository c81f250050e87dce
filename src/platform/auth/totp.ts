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
  if (!/^\d{6}$/.test(code)) return false;
  return totp(secret, 'x').validate({ token: code, window: 1 }) !== null;
}

export function currentTotp(secret: string): string {
  return totp(secret, 'x').generate();
}
