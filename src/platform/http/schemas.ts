// Shared request/response schemas (zod), reused by routes and the OpenAPI document.
import { z } from 'zod';
import { roles } from '../auth/roles.ts';
import { isIsoDate } from '../dates.ts';

// Field messages are Swedish (the interface's language); the error's top-level message follows the
// request's language.
z.config(z.locales.sv());

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD.').refine(isIsoDate, 'Datumet finns inte i kalendern.');
export const decimalAmount = z.string().regex(/^-?\d{1,15}([.,]\d{1,2})?$/, 'Belopp med högst två decimaler, t.ex. "50000.00".');
export const roleSchema = z.enum(roles);

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(roleSchema),
  trainedBuyerAt: isoDate.nullable(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  version: z.number().int(),
});

export const tenantSchema = z.object({ id: z.string(), name: z.string(), orgNumber: z.string() });

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

export const okSchema = z.object({ ok: z.literal(true) });
export const idParam = z.object({ id: z.string().max(64) });
