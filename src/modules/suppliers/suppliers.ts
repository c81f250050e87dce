// The supplier register: create, edit (optimistic concurrency), search, block/unblock, and the lookups
// invoice intake uses to identify a supplier. Every change is an audit event in the same transaction.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { isIsoDate, todayInStockholm } from '../../platform/dates.ts';
import {
  displayAccount, displayOrgNumber, normaliseAccount, normaliseEndpoint, normaliseOrgNumber, normaliseVatNumber, throwIssues,
  type AccountInput, type AccountType, type CanonicalAccount, type Issue,
} from './identifiers.ts';

export type Address = { street: string | null; street2: string | null; postalCode: string | null; city: string | null; country: string | null };
export type Contact = { name: string; role: string | null; email: string | null; phone: string | null };
export type Endpoint = { id: string; scheme: string; identifier: string; participantId: string };
export type UserRef = { id: string; username: string } | null;
export type PaymentAccount = {
  id: string; type: AccountType; number: string; clearing: string | null; bic: string | null; display: string;
  status: 'unverified' | 'verified'; addedBy: UserRef; addedAt: string; verifiedBy: UserRef; verifiedAt: string | null;
  endedBy: UserRef; endedAt: string | null;
};
export type Supplier = {
  id: string; name: string; orgNumber: string | null; vatNumber: string | null; country: string;
  fSkatt: boolean | null; fSkattCheckedOn: string | null;
  postalAddress: Address; visitingAddress: Address; contacts: Contact[]; email: string | null; phone: string | null; note: string | null;
  blocked: boolean; blockedReason: string | null; blockedAt: string | null;
  endpoints: Endpoint[]; accounts: PaymentAccount[];
  createdAt: string; updatedAt: string; version: number;
};

type SupplierRow = {
  id: string; name: string; org_number: string | null; vat_number: string | null; country: string; f_skatt: boolean | null; f_skatt_checked_on: string | null;
  postal_address: Partial<Address>; visiting_address: Partial<Address>; contacts: Contact[]; email: string | null; phone: string | null; note: string | null;
  blocked: boolean; blocked_reason: string | null; blocked_at: Date | null; created_at: Date; updated_at: Date; version: number;
};
type EndpointRow = { id: string; supplier_id: string; scheme: string; identifier: string };
type AccountRow = {
  id: string; supplier_id: string; type: AccountType; number: string; clearing: string; bic: string | null; status: 'unverified' | 'verified';
  added_by: string | null; added_name: string | null; added_at: Date; verified_by: string | null; verified_name: string | null; verified_at: Date | null;
  ended_by: string | null; ended_name: string | null; ended_at: Date | null;
};

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const ref = (id: string | null, name: string | null): UserRef => (id ? { id, username: name ?? '' } : null);
const address = (a: Partial<Address> | null): Address => ({ street: a?.street ?? null, street2: a?.street2 ?? null, postalCode: a?.postalCode ?? null, city: a?.city ?? null, country: a?.country ?? null });

export const toAccount = (r: AccountRow): PaymentAccount => ({
  id: r.id, type: r.type, number: r.number, clearing: r.clearing || null, bic: r.bic, display: displayAccount(r.type, r.number, r.clearing),
  status: r.status, addedBy: ref(r.added_by, r.added_name), addedAt: iso(r.added_at)!, verifiedBy: ref(r.verified_by, r.verified_name), verifiedAt: iso(r.verified_at),
  endedBy: ref(r.ended_by, r.ended_name), endedAt: iso(r.ended_at),
});

export const accountSelect = `SELECT a.id, a.supplier_id, a.type, a.number, a.clearing, a.bic, a.status, a.added_by, ua.username AS added_name, a.added_at,
       a.verified_by, uv.username AS verified_name, a.verified_at, a.ended_by, ue.username AS ended_name, a.ended_at
  FROM supplier_accounts a LEFT JOIN users ua ON ua.id = a.added_by LEFT JOIN users uv ON uv.id = a.verified_by LEFT JOIN users ue ON ue.id = a.ended_by`;

const supplierColumns = `id, name, org_number, vat_number, country, f_skatt, f_skatt_checked_on, postal_address, visiting_address, contacts, email, phone, note,
  blocked, blocked_reason, blocked_at, created_at, updated_at, version`;

/** Loads whole suppliers (with endpoints and accounts) in the order of `ids`. */
async function loadSuppliers(tx: TenantTx, ids: string[], forUpdate = false): Promise<Supplier[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<SupplierRow>(`SELECT ${supplierColumns} FROM suppliers WHERE id = ANY($1::text[])${forUpdate ? ' FOR UPDATE' : ''}`, [ids]);
  const eps = await tx.query<EndpointRow>('SELECT id, supplier_id, scheme, identifier FROM supplier_endpoints WHERE supplier_id = ANY($1::text[]) ORDER BY scheme, identifier', [ids]);
  const accs = await tx.query<AccountRow>(`${accountSelect} WHERE a.supplier_id = ANY($1::text[]) ORDER BY a.ended_at NULLS FIRST, a.added_at, a.id`, [ids]);
  const byId = new Map(rows.rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      id: r.id, name: r.name, orgNumber: r.org_number ? displayOrgNumber(r.org_number) : null, vatNumber: r.vat_number, country: r.country,
      fSkatt: r.f_skatt, fSkattCheckedOn: r.f_skatt_checked_on,
      postalAddress: address(r.postal_address), visitingAddress: address(r.visiting_address), contacts: r.contacts ?? [], email: r.email, phone: r.phone, note: r.note,
      blocked: r.blocked, blockedReason: r.blocked_reason, blockedAt: iso(r.blocked_at),
      endpoints: eps.rows.filter((e) => e.supplier_id === id).map((e) => ({ id: e.id, scheme: e.scheme, identifier: e.identifier, participantId: `${e.scheme}:${e.identifier}` })),
      accounts: accs.rows.filter((a) => a.supplier_id === id).map(toAccount),
      createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, version: r.version,
    }];
  });
}

export async function getSupplier(tx: TenantTx, id: string, forUpdate = false): Promise<Supplier> {
  const [s] = await loadSuppliers(tx, [id], forUpdate);
  if (!s) throw notFound({ sv: 'Leverantören finns inte.', en: 'No such supplier.' });
  return s;
}

// ---------------------------------------------------------------------------------------------- search

export type SupplierSearch = { q?: string | undefined; blocked?: boolean | undefined; limit?: number | undefined; offset?: number | undefined };

/** Search by name (part), organisationsnummer, VAT number, bankgiro or plusgiro number. */
export async function searchSuppliers(tx: TenantTx, s: SupplierSearch = {}): Promise<{ suppliers: Supplier[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const q = s.q?.trim();
  if (q) {
    params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const or = [`s.name ILIKE $${params.length}`];
    const digits = q.replace(/[\s-]/g, '');
    if (/^\d{2,12}$/.test(digits)) {
      params.push(digits);
      or.push(`s.org_number = $${params.length}`);
      or.push(`EXISTS (SELECT 1 FROM supplier_accounts a WHERE a.supplier_id = s.id AND a.ended_at IS NULL AND a.type IN ('bankgiro', 'plusgiro') AND a.number = $${params.length})`);
    }
    if (/^[A-Za-z]{2}\d/.test(digits)) { params.push(digits.toUpperCase()); or.push(`s.vat_number = $${params.length}`); }
    where.push(`(${or.join(' OR ')})`);
  }
  if (s.blocked !== undefined) { params.push(s.blocked); where.push(`s.blocked = $${params.length}`); }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.min(Math.max(s.limit ?? 50, 1), 500);
  const offset = Math.max(s.offset ?? 0, 0);
  const total = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM suppliers s ${w}`, params);
  const ids = await tx.query<{ id: string }>(`SELECT s.id FROM suppliers s ${w} ORDER BY lower(s.name), s.id LIMIT ${limit} OFFSET ${offset}`, params);
  return { suppliers: await loadSuppliers(tx, ids.rows.map((r) => r.id)), total: Number(total.rows[0]?.n ?? 0) };
}

// --------------------------------------------------------------------------------------------- lookups

async function oneBy(tx: TenantTx, sql: string, params: unknown[]): Promise<Supplier | null> {
  const r = await tx.query<{ id: string }>(sql, params);
  return r.rows[0] ? getSupplier(tx, r.rows[0].id) : null;
}

/** The supplier with this Peppol endpoint (`scheme` e.g. 0007, `id` its value; case-insensitive), or null. */
export async function findSupplierByEndpoint(tx: TenantTx, scheme: string, id: string): Promise<Supplier | null> {
  // Tolerate the identifier scheme prefix (`iso6523-actorid-upis::0007:…`) however it was split.
  let full = `${scheme.trim()}:${id.trim()}`;
  if (full.toLowerCase().startsWith('iso6523-actorid-upis::')) full = full.slice('iso6523-actorid-upis::'.length);
  const colon = full.indexOf(':');
  if (colon <= 0) return null;
  return oneBy(tx, 'SELECT supplier_id AS id FROM supplier_endpoints WHERE scheme = $1 AND lower(identifier) = lower($2)', [full.slice(0, colon).trim(), full.slice(colon + 1).trim()]);
}

/**
 * The supplier with this organisationsnummer, or null. Accepts `556732-1707`, `5567321707`, the 12-digit
 * `16…` form and a Swedish VAT number (`SE556732170701`, spaces allowed). Invalid input gives null.
 */
export async function findSupplierByOrgNumber(tx: TenantTx, orgnr: string): Promise<Supplier | null> {
  const compact = orgnr.replace(/[\s\u00a0]+/g, '').toUpperCase();
  let ten: string | null = null;
  if (compact.startsWith('SE')) {
    const v = normaliseVatNumber(compact);
    if (v.ok) ten = v.value.slice(2, 12);
  } else {
    const o = normaliseOrgNumber(compact);
    if (o.ok) ten = o.value;
  }
  return ten ? oneBy(tx, 'SELECT id FROM suppliers WHERE org_number = $1', [ten]) : null;
}

/**
 * The supplier with this VAT number, or null. A Swedish VAT number that is not registered as such still
 * finds the supplier by the organisationsnummer it contains.
 */
export async function findSupplierByVatNumber(tx: TenantTx, vat: string): Promise<Supplier | null> {
  const v = normaliseVatNumber(vat);
  if (!v.ok) return null;
  const exact = await oneBy(tx, 'SELECT id FROM suppliers WHERE vat_number = $1', [v.value]);
  if (exact || !v.value.startsWith('SE')) return exact;
  return oneBy(tx, 'SELECT id FROM suppliers WHERE org_number = $1', [v.value.slice(2, 12)]);
}

/**
 * The supplier that has this active payment account, or null. The type must be given: a plusgiro number
 * never finds a supplier by an identical bankgiro number. For `bank`, give `clearing` or write the number
 * as `CCCC NNNNNNN` / `8327-9, NNNNNNNNNN`. The supplier's accounts carry their verification status.
 */
export async function findSupplierByPaymentAccount(tx: TenantTx, type: AccountType, number: string, clearing?: string): Promise<Supplier | null> {
  const a = normaliseAccount({ type, number, clearing });
  if (!a.ok) return null;
  return oneBy(tx, 'SELECT supplier_id AS id FROM supplier_accounts WHERE type = $1 AND clearing = $2 AND number = $3 AND ended_at IS NULL', [a.value.type, a.value.clearing, a.value.number]);
}

// ------------------------------------------------------------------------------------- create and edit

export type AddressInput = Partial<Address>;
export type ContactInput = { name: string; role?: string | null | undefined; email?: string | null | undefined; phone?: string | null | undefined };
export type SupplierFields = {
  name: string; orgNumber?: string | null | undefined; vatNumber?: string | null | undefined; country?: string | undefined;
  fSkatt?: boolean | null | undefined; fSkattCheckedOn?: string | null | undefined;
  postalAddress?: AddressInput | undefined; visitingAddress?: AddressInput | undefined; contacts?: ContactInput[] | undefined;
  email?: string | null | undefined; phone?: string | null | undefined; note?: string | null | undefined;
  endpoints?: string[] | undefined;
};
export type CreateSupplierInput = SupplierFields & { accounts?: AccountInput[] | undefined };
export type UpdateSupplierInput = Partial<SupplierFields> & { version: number };

type CheckedFields = {
  name: string; orgNumber: string | null; vatNumber: string | null; country: string; fSkatt: boolean | null; fSkattCheckedOn: string | null;
  postalAddress: Address; visitingAddress: Address; contacts: Contact[]; email: string | null; phone: string | null; note: string | null;
  endpoints: { scheme: string; identifier: string }[];
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const blank = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

function cleanAddress(a: AddressInput | undefined, path: string, issues: Issue[]): Address {
  const r = address({ street: blank(a?.street), street2: blank(a?.street2), postalCode: blank(a?.postalCode), city: blank(a?.city), country: blank(a?.country)?.toUpperCase() ?? null });
  if (r.country && !/^[A-Z]{2}$/.test(r.country)) issues.push({ path: `${path}.country`, message: 'Landkoden ska vara två bokstäver (SE).', messageEn: 'The country code must be two letters (SE).' });
  if (r.postalCode && (r.country ?? 'SE') === 'SE') {
    const pc = r.postalCode.replace(/\s+/g, '');
    if (!/^\d{5}$/.test(pc)) issues.push({ path: `${path}.postalCode`, message: `Postnumret ${r.postalCode} ska ha fem siffror.`, messageEn: `The postal code ${r.postalCode} must have five digits.` });
    else r.postalCode = `${pc.slice(0, 3)} ${pc.slice(3)}`;
  }
  return r;
}

/** Checks and normalises every field; collects all issues before throwing. */
export function checkFields(input: SupplierFields): CheckedFields {
  const issues: Issue[] = [];
  const name = input.name.trim();
  if (!name || name.length > 200) issues.push({ path: 'name', message: 'Leverantörens namn saknas.', messageEn: 'The supplier name is missing.' });
  let orgNumber: string | null = null;
  if (blank(input.orgNumber)) {
    const r = normaliseOrgNumber(input.orgNumber!);
    if (r.ok) orgNumber = r.value; else issues.push(r.issue);
  }
  let vatNumber: string | null = null;
  if (blank(input.vatNumber)) {
    const r = normaliseVatNumber(input.vatNumber!);
    if (r.ok) vatNumber = r.value; else issues.push(r.issue);
  }
  if (vatNumber?.startsWith('SE')) {
    const fromVat = vatNumber.slice(2, 12);
    if (orgNumber === null) {
      if (!blank(input.orgNumber)) orgNumber = fromVat; // not given: the Swedish VAT number carries it
    } else if (orgNumber !== fromVat) issues.push({ path: 'vatNumber', message: `Momsregistreringsnumret ${vatNumber} hör inte till organisationsnumret ${displayOrgNumber(orgNumber)}.`, messageEn: `The VAT number ${vatNumber} does not belong to the organisation number ${displayOrgNumber(orgNumber)}.` });
  }
  const country = (input.country ?? 'SE').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) issues.push({ path: 'country', message: 'Landkoden ska vara två bokstäver (SE).', messageEn: 'The country code must be two letters (SE).' });
  if (input.fSkattCheckedOn && !isIsoDate(input.fSkattCheckedOn)) issues.push({ path: 'fSkattCheckedOn', message: 'Ogiltigt datum för kontroll av F-skatt.', messageEn: 'Invalid date for the F-tax check.' });
  const fSkatt = input.fSkatt ?? null;
  const fSkattCheckedOn = fSkatt === null ? (input.fSkattCheckedOn ?? null) : (input.fSkattCheckedOn ?? todayInStockholm());
  const contacts: Contact[] = [];
  (input.contacts ?? []).forEach((c, i) => {
    const cn = c.name.trim();
    if (!cn) issues.push({ path: `contacts.${i}.name`, message: 'Kontaktpersonens namn saknas.', messageEn: 'The contact name is missing.' });
    const email = blank(c.email);
    if (email && !emailPattern.test(email)) issues.push({ path: `contacts.${i}.email`, message: `E-postadressen ${email} är ogiltig.`, messageEn: `The e-mail address ${email} is not valid.` });
    contacts.push({ name: cn, role: blank(c.role), email, phone: blank(c.phone) });
  });
  const email = blank(input.email);
  if (email && !emailPattern.test(email)) issues.push({ path: 'email', message: `E-postadressen ${email} är ogiltig.`, messageEn: `The e-mail address ${email} is not valid.` });
  const endpoints: { scheme: string; identifier: string }[] = [];
  (input.endpoints ?? []).forEach((e, i) => {
    const r = normaliseEndpoint(e, `endpoints.${i}`);
    if (!r.ok) { issues.push(r.issue); return; }
    if (endpoints.some((x) => x.scheme === r.value.scheme && x.identifier.toLowerCase() === r.value.identifier.toLowerCase())) return;
    endpoints.push(r.value);
  });
  const postalAddress = cleanAddress(input.postalAddress, 'postalAddress', issues);
  const visitingAddress = cleanAddress(input.visitingAddress, 'visitingAddress', issues);
  if (issues.length) throwIssues(issues);
  return { name, orgNumber, vatNumber, country, fSkatt, fSkattCheckedOn, postalAddress, visitingAddress, contacts, email, phone: blank(input.phone), note: blank(input.note), endpoints };
}

/** Checks payment accounts; issues are reported with the index of the account. */
export function checkAccounts(accounts: AccountInput[], pathPrefix = 'accounts'): CanonicalAccount[] {
  const issues: Issue[] = [];
  const out: CanonicalAccount[] = [];
  accounts.forEach((a, i) => {
    const r = normaliseAccount(a, 'number');
    if (!r.ok) { issues.push({ ...r.issue, path: `${pathPrefix}.${i}.${r.issue.path}` }); return; }
    if (out.some((x) => x.type === r.value.type && x.clearing === r.value.clearing && x.number === r.value.number)) return;
    out.push(r.value);
  });
  if (issues.length) throwIssues(issues);
  return out;
}

const issuesOf = (e: unknown): Issue[] => {
  if (e instanceof AppError && e.code === 'validation_failed') return (e.details?.issues ?? []) as Issue[];
  throw e;
};

/** Checks fields and accounts together, so every problem is reported at once. */
export function checkSupplierInput(input: CreateSupplierInput): { f: CheckedFields; accounts: CanonicalAccount[] } {
  const issues: Issue[] = [];
  let f: CheckedFields | null = null;
  let accounts: CanonicalAccount[] = [];
  try { f = checkFields(input); } catch (e) { issues.push(...issuesOf(e)); }
  try { accounts = checkAccounts(input.accounts ?? []); } catch (e) { issues.push(...issuesOf(e)); }
  if (issues.length || !f) throwIssues(issues);
  return { f, accounts };
}

/** Refuses an organisationsnummer, VAT number or endpoint id another supplier already has. */
export async function assertUnique(tx: TenantTx, f: { orgNumber: string | null; vatNumber: string | null; endpoints: { scheme: string; identifier: string }[] }, exceptId: string | null): Promise<void> {
  const except = exceptId ?? '';
  if (f.orgNumber) {
    const r = await tx.query<{ id: string; name: string }>('SELECT id, name FROM suppliers WHERE org_number = $1 AND id <> $2', [f.orgNumber, except]);
    if (r.rows[0]) throw conflict({ sv: `Det finns redan en leverantör med organisationsnummer ${displayOrgNumber(f.orgNumber)}: ${r.rows[0].name}.`, en: `There is already a supplier with organisation number ${displayOrgNumber(f.orgNumber)}: ${r.rows[0].name}.` }, { supplierId: r.rows[0].id, field: 'orgNumber' });
  }
  if (f.vatNumber) {
    const r = await tx.query<{ id: string; name: string }>('SELECT id, name FROM suppliers WHERE vat_number = $1 AND id <> $2', [f.vatNumber, except]);
    if (r.rows[0]) throw conflict({ sv: `Det finns redan en leverantör med momsregistreringsnummer ${f.vatNumber}: ${r.rows[0].name}.`, en: `There is already a supplier with VAT number ${f.vatNumber}: ${r.rows[0].name}.` }, { supplierId: r.rows[0].id, field: 'vatNumber' });
  }
  for (const e of f.endpoints) {
    const r = await tx.query<{ id: string; name: string }>(
      'SELECT s.id, s.name FROM supplier_endpoints e JOIN suppliers s ON s.id = e.supplier_id WHERE e.scheme = $1 AND lower(e.identifier) = lower($2) AND s.id <> $3', [e.scheme, e.identifier, except]);
    if (r.rows[0]) throw conflict({ sv: `Peppol-id:t ${e.scheme}:${e.identifier} används redan av ${r.rows[0].name}.`, en: `The Peppol id ${e.scheme}:${e.identifier} is already used by ${r.rows[0].name}.` }, { supplierId: r.rows[0].id, field: 'endpoints' });
  }
}

export async function assertAccountFree(tx: TenantTx, a: CanonicalAccount): Promise<void> {
  const r = await tx.query<{ id: string; name: string }>(
    'SELECT s.id, s.name FROM supplier_accounts a JOIN suppliers s ON s.id = a.supplier_id WHERE a.type = $1 AND a.clearing = $2 AND a.number = $3 AND a.ended_at IS NULL',
    [a.type, a.clearing, a.number]);
  if (r.rows[0]) {
    const shown = displayAccount(a.type, a.number, a.clearing);
    throw conflict({ sv: `Kontot (${a.type}) ${shown} är redan registrerat på ${r.rows[0].name}.`, en: `The account (${a.type}) ${shown} is already registered to ${r.rows[0].name}.` }, { supplierId: r.rows[0].id, field: 'accounts' });
  }
}

/** Maps a unique-index violation (a concurrent insert won the race) to a conflict. */
export async function uniqueOrConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505') {
      throw conflict({ sv: 'Uppgiften finns redan hos en annan leverantör (samtidig ändring). Ladda om.', en: 'The value already belongs to another supplier (concurrent change). Reload.' });
    }
    throw e;
  }
}

export async function insertAccount(tx: TenantTx, actor: Actor, supplierId: string, a: CanonicalAccount): Promise<string> {
  await assertAccountFree(tx, a);
  const id = newId('sacc');
  await uniqueOrConflict(() => tx.query(
    'INSERT INTO supplier_accounts (id, tenant_id, supplier_id, type, clearing, number, bic, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [id, tx.tenantId, supplierId, a.type, a.clearing, a.number, a.bic, actor?.id ?? null]));
  return id;
}

async function insertEndpoints(tx: TenantTx, supplierId: string, endpoints: { scheme: string; identifier: string }[]): Promise<void> {
  for (const e of endpoints) {
    await uniqueOrConflict(() => tx.query('INSERT INTO supplier_endpoints (id, tenant_id, supplier_id, scheme, identifier) VALUES ($1, $2, $3, $4, $5)',
      [newId('sep'), tx.tenantId, supplierId, e.scheme, e.identifier]));
  }
}

/** Creates a supplier. Its payment accounts start unverified: a second person verifies them. */
export async function createSupplier(tx: TenantTx, actor: Actor, input: CreateSupplierInput, opts: { audit?: boolean } = {}): Promise<Supplier> {
  const { f, accounts } = checkSupplierInput(input);
  await assertUnique(tx, f, null);
  const id = newId('sup');
  await uniqueOrConflict(() => tx.query(
    `INSERT INTO suppliers (id, tenant_id, name, org_number, vat_number, country, f_skatt, f_skatt_checked_on, postal_address, visiting_address, contacts, email, phone, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12, $13, $14)`,
    [id, tx.tenantId, f.name, f.orgNumber, f.vatNumber, f.country, f.fSkatt, f.fSkattCheckedOn, JSON.stringify(f.postalAddress), JSON.stringify(f.visitingAddress), JSON.stringify(f.contacts), f.email, f.phone, f.note]));
  await insertEndpoints(tx, id, f.endpoints);
  const accountIds: string[] = [];
  for (const a of accounts) accountIds.push(await insertAccount(tx, actor, id, a));
  const supplier = await getSupplier(tx, id);
  if (opts.audit !== false) {
    await recordEvent(tx, { actor, action: 'supplier.create', entityType: 'supplier', entityId: id, after: supplier });
    for (const a of supplier.accounts.filter((x) => accountIds.includes(x.id))) {
      await recordEvent(tx, { actor, action: 'supplier_account.add', entityType: 'supplier', entityId: id, after: a });
    }
  }
  return supplier;
}

const staleVersion = (): AppError => conflict({ sv: 'Leverantören har ändrats av någon annan. Ladda om.', en: 'The supplier was changed by someone else. Reload.' });

/** Edits a supplier's master data and endpoints (not its accounts). `version` must be the one read. */
export async function updateSupplier(tx: TenantTx, actor: Actor, id: string, input: UpdateSupplierInput): Promise<Supplier> {
  const before = await getSupplier(tx, id, true);
  if (input.version !== before.version) throw staleVersion();
  const pick = <K extends keyof SupplierFields>(k: K, current: SupplierFields[K]): SupplierFields[K] => (input[k] === undefined ? current : input[k] as SupplierFields[K]);
  const merged: SupplierFields = {
    name: pick('name', before.name)!,
    orgNumber: pick('orgNumber', before.orgNumber),
    vatNumber: pick('vatNumber', before.vatNumber),
    country: pick('country', before.country),
    fSkatt: pick('fSkatt', before.fSkatt),
    fSkattCheckedOn: input.fSkattCheckedOn !== undefined ? input.fSkattCheckedOn : input.fSkatt !== undefined && input.fSkatt !== before.fSkatt ? undefined : before.fSkattCheckedOn,
    postalAddress: pick('postalAddress', before.postalAddress),
    visitingAddress: pick('visitingAddress', before.visitingAddress),
    contacts: pick('contacts', before.contacts),
    email: pick('email', before.email),
    phone: pick('phone', before.phone),
    note: pick('note', before.note),
    endpoints: pick('endpoints', before.endpoints.map((e) => e.participantId)),
  };
  const f = checkFields(merged);
  await assertUnique(tx, f, id);
  const r = await uniqueOrConflict(() => tx.query(
    `UPDATE suppliers SET name = $2, org_number = $3, vat_number = $4, country = $5, f_skatt = $6, f_skatt_checked_on = $7, postal_address = $8::jsonb,
            visiting_address = $9::jsonb, contacts = $10::jsonb, email = $11, phone = $12, note = $13, updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $14`,
    [id, f.name, f.orgNumber, f.vatNumber, f.country, f.fSkatt, f.fSkattCheckedOn, JSON.stringify(f.postalAddress), JSON.stringify(f.visitingAddress), JSON.stringify(f.contacts), f.email, f.phone, f.note, input.version]));
  if (r.rowCount !== 1) throw staleVersion();
  if (input.endpoints !== undefined) {
    const keep = new Set(f.endpoints.map((e) => `${e.scheme}:${e.identifier.toLowerCase()}`));
    const gone = before.endpoints.filter((e) => !keep.has(`${e.scheme}:${e.identifier.toLowerCase()}`));
    if (gone.length) await tx.query('DELETE FROM supplier_endpoints WHERE id = ANY($1::text[])', [gone.map((e) => e.id)]);
    const have = new Set(before.endpoints.map((e) => `${e.scheme}:${e.identifier.toLowerCase()}`));
    await insertEndpoints(tx, id, f.endpoints.filter((e) => !have.has(`${e.scheme}:${e.identifier.toLowerCase()}`)));
  }
  const after = await getSupplier(tx, id);
  await recordEvent(tx, { actor, action: 'supplier.update', entityType: 'supplier', entityId: id, before, after });
  return after;
}

function checkReason(reason: string): string {
  const r = reason.trim();
  if (r.length < 3 || r.length > 500) throw validationError([{ path: 'reason', message: 'Ange ett skäl (3–500 tecken).' }], { sv: 'Ange ett skäl (3–500 tecken).', en: 'Give a reason (3–500 characters).' });
  return r;
}

/** Blocks a supplier (no new orders or payments) with a reason. */
export async function blockSupplier(tx: TenantTx, actor: Actor, id: string, input: { reason: string }): Promise<Supplier> {
  const before = await getSupplier(tx, id, true);
  const reason = checkReason(input.reason);
  if (before.blocked) throw conflict({ sv: 'Leverantören är redan spärrad.', en: 'The supplier is already blocked.' });
  await tx.query('UPDATE suppliers SET blocked = true, blocked_reason = $2, blocked_at = now(), updated_at = now(), version = version + 1 WHERE id = $1', [id, reason]);
  const after = await getSupplier(tx, id);
  await recordEvent(tx, { actor, action: 'supplier.block', entityType: 'supplier', entityId: id, before: { blocked: false }, after: { blocked: true, reason } });
  return after;
}

export async function unblockSupplier(tx: TenantTx, actor: Actor, id: string, input: { reason: string }): Promise<Supplier> {
  const before = await getSupplier(tx, id, true);
  const reason = checkReason(input.reason);
  if (!before.blocked) throw conflict({ sv: 'Leverantören är inte spärrad.', en: 'The supplier is not blocked.' });
  await tx.query('UPDATE suppliers SET blocked = false, blocked_reason = NULL, blocked_at = NULL, updated_at = now(), version = version + 1 WHERE id = $1', [id]);
  const after = await getSupplier(tx, id);
  await recordEvent(tx, { actor, action: 'supplier.unblock', entityType: 'supplier', entityId: id, before: { blocked: true, reason: before.blockedReason }, after: { blocked: false, reason } });
  return after;
}
