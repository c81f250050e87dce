// Passwords are hashed with argon2id (OWASP parameters: 19 MiB, 2 iterations).
import argon2 from 'argon2';
import { validationError } from '../errors.ts';

const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the user does not exist, so timing does not reveal user names.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('avrop-no-such-user-padding');
  return dummy;
}

export function checkPasswordPolicy(password: string, path = 'password'): void {
  if (password.length < 10 || password.length > 200) {
    throw validationError([{ path, message: 'Lösenordet måste vara 10–200 tecken.' }], {
      sv: 'Lösenordet måste vara mellan 10 och 200 tecken långt.',
      en: 'The password must be 10 to 200 characters long.',
    });
  }
}
