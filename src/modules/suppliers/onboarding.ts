// Supplier onboarding tasks. Invoice intake never extends the register by itself: when it cannot identify
// a supplier it raises a task, and a person creates the supplier from it, links it to an existing one, or
// dismisses it. At most one open task per organisationsnummer, VAT number and endpoint id.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { normaliseEndpoint, normaliseOrgNumber, normaliseVatNumber, displayOrgNumber } from './identifiers.ts';
import {
  assertUnique, createSupplier, findSupplierByEndpoint, findSupplierByOrgNumber, findSupplierByVatNumber, getSupplier, updateSupplier,
  type CreateSupplierInput, type Supplier,
} from './suppliers.ts';

export type OnboardingStatus = 'open' | 'done' | 'dismissed';
export type OnboardingTask = {
  id: string; status: OnboardingStatus; name: string; orgNumber: string | null; vatNumber: string | null; endpointId: string | null;
  invoiceIds: string[]; warnings: string[]; createdBy: { id: string; username: string } | null; createdAt: string;
  resolvedBy: { id: string; username: string } | null; resolvedAt: string | null; resolution: string | null; supplierId: string | null;
};
export type OnboardingResult =
  | { task: OnboardingTask; created: boolean; existingSupplierId: null }
  | { task: null; created: false; existingSupplierId: string };
export type OnboardingInput = { name: string; orgNumber?: string | null; vatNumber?: string | null; endpointId?: string | null; source: { invoiceId?: string | null } };

type Row = {
  id: string; status: OnboardingStatus; name: string; org_number: string | null; vat_number: string | null; endpoint_id: string | null; invoice_ids: string[];
  raw: { warnings?: string[] }; created_by: string | null; created_name: string | null; created_at: Date; resolved_by: string | null; resolved_name: string | null;
  resolved_at: Date | null; resolution: string | null; supplier_id: string | null;
};
const select = `SELECT t.id, t.status, t.name, t.org_number, t.vat_number, t.endpoint_id, t.invoice_ids, t.raw, t.created_by, uc.username AS created_name, t.created_at,
       t.resolved_by, ur.username AS resolved_name, t.resolved_at, t.resolution, t.supplier_id
  FROM supplier_onboarding_tasks t LEFT JOIN users uc ON uc.id = t.created_by LEFT JOIN users ur ON ur.id = t.resolved_by`;
const toTask = (r: Row): OnboardingTask => ({
  id: r.id, status: r.status, name: r.name, orgNumber: r.org_number ? displayOrgNumber(r.org_number) : null, vatNumber: r.vat_number, endpointId: r.endpoint_id,
  invoiceIds: r.invoice_ids ?? [], warnings: r.raw?.warnings ?? [],
  createdBy: r.created_by ? { id: r.created_by, username: r.created_name ?? '' } : null, createdAt: new Date(r.created_at).toISOString(),
  resolvedBy: r.resolved_by ? { id: r.resolved_by, username: r.resolved_name ?? '' } : null, resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  resolution: r.resolution, supplierId: r.supplier_id,
});

export async function getOnboardingTask(tx: TenantTx, id: string, forUpdate = false): Promise<OnboardingTask> {
  const r = await tx.query<Row>(`${select} WHERE t.id = $1${forUpdate ? ' FOR UPDATE OF t' : ''}`, [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Uppgiften finns inte.', en: 'No such onboarding task.' });
  return toTask(r.rows[0]);
}

export async function listOnboardingTasks(tx: TenantTx, filter: { status?: OnboardingStatus | undefined; limit?: number | undefined } = {}): Promise<OnboardingTask[]> {
  const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
  const r = filter.status
    ? await tx.query<Row>(`${select} WHERE t.status = $1 ORDER BY t.created_at, t.id LIMIT ${limit}`, [filter.status])
    : await tx.query<Row>(`${select} ORDER BY (t.status = 'open') DESC, t.created_at, t.id LIMIT ${limit}`);
  return r.rows.map(toTask);
}

/**
 * Raises (or joins) an onboarding task for a supplier intake could not identify. Identifiers that do not
 * pass their check are kept as warnings, not used. When the register already has a supplier with one of
 * the identifiers no task is made: `task` is null and `existingSupplierId` names the supplier (intake
 * should have found it; this never fails the intake).
 */
export async function createOnboardingTask(tx: TenantTx, actor: Actor, input: OnboardingInput): Promise<OnboardingResult> {
  const name = input.name.trim().slice(0, 200) || 'Okänd leverantör';
  const warnings: string[] = [];
  const given = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';
  let orgNumber: string | null = null;
  if (given(input.orgNumber)) { const r = normaliseOrgNumber(input.orgNumber); if (r.ok) orgNumber = r.value; else warnings.push(r.issue.message); }
  let vatNumber: string | null = null;
  if (given(input.vatNumber)) { const r = normaliseVatNumber(input.vatNumber); if (r.ok) vatNumber = r.value; else warnings.push(r.issue.message); }
  let endpointId: string | null = null;
  if (given(input.endpointId)) { const r = normaliseEndpoint(input.endpointId); if (r.ok) endpointId = `${r.value.scheme}:${r.value.identifier}`; else warnings.push(r.issue.message); }
  if (!orgNumber && vatNumber?.startsWith('SE')) orgNumber = vatNumber.slice(2, 12);
  const invoiceId = input.source.invoiceId?.trim() || null;

  const existing = (orgNumber && await findSupplierByOrgNumber(tx, orgNumber))
    || (vatNumber && await findSupplierByVatNumber(tx, vatNumber))
    || (endpointId && await findSupplierByEndpoint(tx, endpointId.slice(0, endpointId.indexOf(':')), endpointId.slice(endpointId.indexOf(':') + 1)));
  if (existing) return { task: null, created: false, existingSupplierId: existing.id };

  // One writer at a time per tenant, so two invoices from the same new supplier give one task.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('supplier_onboarding:' || $1))", [tx.tenantId]);
  const open = await tx.query<Row>(
    `${select} WHERE t.status = 'open' AND ((t.org_number IS NOT NULL AND t.org_number = $1) OR (t.vat_number IS NOT NULL AND t.vat_number = $2) OR (t.endpoint_id IS NOT NULL AND lower(t.endpoint_id) = lower($3)))
      ORDER BY t.created_at LIMIT 1 FOR UPDATE OF t`, [orgNumber, vatNumber, endpointId]);
  const found = open.rows[0];
  if (found) {
    const before = toTask(found);
    const clash = async (col: 'org_number' | 'vat_number' | 'endpoint_id', v: string | null): Promise<boolean> =>
      v !== null && (await tx.query(`SELECT 1 FROM supplier_onboarding_tasks WHERE status = 'open' AND id <> $1 AND lower(${col}) = lower($2)`, [found.id, v])).rows.length > 0;
    const addOrg = !found.org_number && orgNumber && !(await clash('org_number', orgNumber)) ? orgNumber : found.org_number;
    const addVat = !found.vat_number && vatNumber && !(await clash('vat_number', vatNumber)) ? vatNumber : found.vat_number;
    const addEp = !found.endpoint_id && endpointId && !(await clash('endpoint_id', endpointId)) ? endpointId : found.endpoint_id;
    const ids = invoiceId && !found.invoice_ids.includes(invoiceId) ? [...found.invoice_ids, invoiceId] : found.invoice_ids;
    await tx.query('UPDATE supplier_onboarding_tasks SET org_number = $2, vat_number = $3, endpoint_id = $4, invoice_ids = $5::text[] WHERE id = $1', [found.id, addOrg, addVat, addEp, ids]);
    const task = await getOnboardingTask(tx, found.id);
    await recordEvent(tx, { actor, action: 'supplier_onboarding.join', entityType: 'supplier_onboarding', entityId: found.id, before, after: task });
    return { task, created: false, existingSupplierId: null };
  }
  const id = newId('onb');
  await tx.query(
    `INSERT INTO supplier_onboarding_tasks (id, tenant_id, name, org_number, vat_number, endpoint_id, invoice_ids, raw, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::jsonb, $9)`,
    [id, tx.tenantId, name, orgNumber, vatNumber, endpointId, invoiceId ? [invoiceId] : [],
      JSON.stringify({ warnings, given: { orgNumber: input.orgNumber ?? null, vatNumber: input.vatNumber ?? null, endpointId: input.endpointId ?? null } }), actor?.id ?? null]);
  const task = await getOnboardingTask(tx, id);
  await recordEvent(tx, { actor, action: 'supplier_onboarding.create', entityType: 'supplier_onboarding', entityId: id, after: task });
  return { task, created: true, existingSupplierId: null };
}

export type ResolveInput =
  | { action: 'create'; supplier?: Partial<CreateSupplierInput> | undefined }
  | { action: 'link'; supplierId: string }
  | { action: 'dismiss'; reason: string };

/**
 * Resolves an open task: `create` makes the supplier from the task (fields in `supplier` override or
 * complete it; accounts given there start unverified), `link` ties it to an existing supplier (adding the
 * task's endpoint id to it), `dismiss` closes it with a reason.
 */
export async function resolveOnboardingTask(tx: TenantTx, actor: Actor, id: string, input: ResolveInput): Promise<{ task: OnboardingTask; supplier: Supplier | null }> {
  const before = await getOnboardingTask(tx, id, true);
  if (before.status !== 'open') throw conflict({ sv: 'Uppgiften är redan avslutad.', en: 'The task has already been resolved.' });
  let supplier: Supplier | null = null;
  let status: OnboardingStatus = 'done';
  let resolution: string;
  if (input.action === 'create') {
    const s = input.supplier ?? {};
    supplier = await createSupplier(tx, actor, {
      ...s,
      name: s.name ?? before.name,
      orgNumber: s.orgNumber !== undefined ? s.orgNumber : before.orgNumber,
      vatNumber: s.vatNumber !== undefined ? s.vatNumber : before.vatNumber,
      endpoints: s.endpoints ?? (before.endpointId ? [before.endpointId] : []),
    });
    resolution = 'created';
  } else if (input.action === 'link') {
    supplier = await getSupplier(tx, input.supplierId);
    if (before.endpointId && !supplier.endpoints.some((e) => e.participantId.toLowerCase() === before.endpointId!.toLowerCase())) {
      const [scheme, ...rest] = before.endpointId.split(':');
      await assertUnique(tx, { orgNumber: null, vatNumber: null, endpoints: [{ scheme: scheme!, identifier: rest.join(':') }] }, supplier.id);
      supplier = await updateSupplier(tx, actor, supplier.id, { version: supplier.version, endpoints: [...supplier.endpoints.map((e) => e.participantId), before.endpointId] });
    }
    resolution = 'linked';
  } else {
    const reason = input.reason.trim();
    if (reason.length < 3) throw validationError([{ path: 'reason', message: 'Ange ett skäl (minst 3 tecken).' }], { sv: 'Ange ett skäl (minst 3 tecken).', en: 'Give a reason (at least 3 characters).' });
    status = 'dismissed';
    resolution = reason.slice(0, 500);
  }
  await tx.query('UPDATE supplier_onboarding_tasks SET status = $2, resolved_by = $3, resolved_at = now(), resolution = $4, supplier_id = $5 WHERE id = $1',
    [id, status, actor?.id ?? null, resolution, supplier?.id ?? null]);
  const task = await getOnboardingTask(tx, id);
  await recordEvent(tx, { actor, action: 'supplier_onboarding.resolve', entityType: 'supplier_onboarding', entityId: id, before, after: task });
  return { task, supplier };
}
