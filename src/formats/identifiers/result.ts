// The shape every identifier check returns: the normalised value on success, a reason code on failure.
// Reason codes are stable strings so callers can pick their own wording (see `reasonText`).

export type CheckOk<E = object> = { ok: true; value: string } & E;
export type CheckFail<R extends string> = { ok: false; reason: R };
export type CheckResult<R extends string, E = object> = CheckOk<E> | CheckFail<R>;

/** Reason codes shared by the checks. */
export type Reason =
  | 'empty'          // nothing given
  | 'characters'     // characters that are not allowed (e.g. letters in a number)
  | 'length'         // wrong number of digits/characters
  | 'format'         // right characters, wrong layout (e.g. hyphen in the wrong place)
  | 'checksum'       // check digit/check sum does not match
  | 'country'        // unknown or unsupported country code
  | 'scheme'         // unknown identifier scheme
  | 'date'           // embedded date is impossible (personnummer)
  | 'length-digit';  // OCR length digit does not match

export function ok<E extends object>(value: string, extra?: E): CheckOk<E> {
  return { ok: true, value, ...(extra ?? ({} as E)) };
}

export function fail<R extends string>(reason: R): CheckFail<R> {
  return { ok: false, reason };
}

/** Swedish and English texts for the reason codes, for error messages. */
export const reasonText: Record<Reason, { sv: string; en: string }> = {
  empty: { sv: 'värde saknas', en: 'value is missing' },
  characters: { sv: 'innehåller otillåtna tecken', en: 'contains characters that are not allowed' },
  length: { sv: 'har fel antal tecken', en: 'has the wrong number of characters' },
  format: { sv: 'har fel format', en: 'has the wrong format' },
  checksum: { sv: 'kontrollsiffran stämmer inte', en: 'the check digit is wrong' },
  country: { sv: 'okänd landskod', en: 'unknown country code' },
  scheme: { sv: 'okänt identifierarschema', en: 'unknown identifier scheme' },
  date: { sv: 'innehåller ett datum som inte finns', en: 'contains a date that does not exist' },
  'length-digit': { sv: 'längdsiffran stämmer inte', en: 'the length digit is wrong' },
};

/** True when `s` is non-empty and only ASCII digits. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
