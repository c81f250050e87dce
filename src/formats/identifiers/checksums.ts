// Check-digit algorithms on strings of ASCII digits. Callers validate the characters first (`isDigits`);
// these functions assume digits only.

/** Luhn (mod 10) check digit for a payload (the number without its check digit). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  let double = true; // the rightmost payload digit is doubled
  for (let i = payload.length - 1; i >= 0; i--) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the Luhn check digit of the rest (length ≥ 2). */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** GS1 mod 10 check digit (GLN, GTIN, SSCC): weights 3,1,3,1… from the right of the payload. */
export function gs1CheckDigit(payload: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = payload.length - 1; i >= 0; i--) {
    sum += (payload.charCodeAt(i) - 48) * weight;
    weight = weight === 3 ? 1 : 3;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the GS1 check digit of the rest (length ≥ 1). */
export function gs1Valid(digits: string): boolean {
  if (digits.length < 1) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/**
 * Mod 11 with weights 2,3,4,5,6,7 repeating from the right of the payload (Norwegian organisation number).
 * Returns the check digit, or -1 when the remainder gives 10 (no valid check digit exists).
 */
export function mod11CheckDigit(payload: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = payload.length - 1; i >= 0; i--) {
    sum += (payload.charCodeAt(i) - 48) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? -1 : c;
}

/** ISO 7064 mod 97-10 over an alphanumeric string (letters A=10 … Z=35), as used by IBAN. Returns the remainder. */
export function mod97(alnum: string): number {
  let rem = 0;
  for (let i = 0; i < alnum.length; i++) {
    const c = alnum.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      rem = (rem * 10 + (c - 48)) % 97;
    } else {
      const v = c - 55; // 'A' (65) → 10
      rem = (rem * 100 + v) % 97;
    }
  }
  return rem;
}
