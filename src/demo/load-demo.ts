// Loads the demo municipalities through the modules' own use cases (so every row has its audit
// event). Idempotent: a municipality that exists already is left as it is. Each municipality is
// loaded in one transaction, so a crash leaves either all of it or nothing.
import type { Database } from '../platform/db/types.ts';
import { enterTenant, type TenantTx } from '../platform/db/tenant.ts';
import { createTenant, findTenant } from '../platform/tenants.ts';
import { createUser } from '../platform/auth/users.ts';
import { createUnit, createValue, ensureStandardDimensions, type OrgUnit } from '../modules/org/index.ts';
import { createRight, createSubstitute } from '../modules/attest/index.ts';
import { loadDemoSuppliers, searchSuppliers } from '../modules/suppliers/index.ts';
import { ingestDocument } from '../modules/invoices/index.ts';
import { approve, createReferenceCode, createTemplate, review, saveSupplierRule, type Person } from '../modules/handling/index.ts';
import { todayInStockholm } from '../platform/dates.ts';
import { withTenant } from '../platform/db/tenant.ts';
import { categoryFor, demoKontoByCategory, generateDemoInvoices, type DemoSupplierRef } from './demo-invoices.ts';
import { approveProposal, createPaymentFile, createProposal, importCamt054, updatePaymentSettings } from '../modules/payments/index.ts';
import { AppError } from '../platform/errors.ts';
import { camt054 } from './demo-bank.ts';
import { DEMO_PASSWORD, exempelKommun, grannbyKommun, type DemoTenant, type DemoUnit } from './demo-municipality.ts';

export type DemoResult = { tenant: string; orgNumber: string; created: boolean; invoices?: Record<string, number> }[];
export type DemoOptions = { invoices?: number };

async function addUnits(tx: TenantTx, units: DemoUnit[], parent: OrgUnit | null): Promise<OrgUnit[]> {
  const out: OrgUnit[] = [];
  for (const u of units) {
    const created = await createUnit(tx, null, { parentId: parent?.id ?? null, code: u.code, name: u.name, kind: u.kind });
    out.push(created);
    if (u.children) out.push(...await addUnits(tx, u.children, created));
  }
  return out;
}

async function loadTenant(db: Database, t: DemoTenant): Promise<boolean> {
  if (await findTenant(db, t.orgNumber)) return false;
  await db.transaction(async (owner) => {
    const tenant = await createTenant(owner, { name: t.name, orgNumber: t.orgNumber, peppolId: t.peppolId });
    const tx = await enterTenant(owner, tenant.id);
    await ensureStandardDimensions(tx);
    const units = await addUnits(tx, t.units, null);
    for (const u of units.filter((x) => x.kind === 'enhet')) {
      await createValue(tx, null, 'ansvar', { code: u.code, name: u.name, validFrom: '2000-01-01', unitId: u.id });
    }
    for (const [code, name] of t.accounts) await createValue(tx, null, 'konto', { code, name, validFrom: '2000-01-01' });
    for (const [code, name] of t.verksamhet) await createValue(tx, null, 'verksamhet', { code, name, validFrom: '2000-01-01' });
    for (const [code, name, from, to] of t.projekt) await createValue(tx, null, 'projekt', { code, name, validFrom: from, validTo: to });
    for (const [code, name] of t.objekt) await createValue(tx, null, 'objekt', { code, name, validFrom: '2000-01-01' });
    const ids = new Map<string, string>();
    for (const u of t.users) {
      const user = await createUser(tx, null, { ...u, password: DEMO_PASSWORD, trainedBuyerAt: u.trainedBuyerAt ?? null });
      ids.set(u.username, user.id);
    }
    for (const r of t.rights) {
      for (const ansvar of r.ansvar) {
        await createRight(tx, null, { userId: ids.get(r.username)!, ansvar, maxAmount: r.maxAmount, validFrom: r.validFrom, validTo: r.validTo ?? null });
      }
    }
    for (const s of t.substitutes) {
      await createSubstitute(tx, null, { userId: ids.get(s.username)!, substituteUserId: ids.get(s.substitute)!, validFrom: s.validFrom, validTo: s.validTo });
    }
    for (const c of t.referenceCodes) await createReferenceCode(tx, null, { code: c.code, userId: ids.get(c.username)!, ansvar: c.ansvar });
    for (const [prefix, konto] of t.classificationAccounts) await tx.query('INSERT INTO classification_accounts (tenant_id, prefix, konto) VALUES ($1, $2, $3)', [tx.tenantId, prefix, konto]);
    if (t === exempelKommun) {
      await loadDemoSuppliers(tx);
      // The demo register has existed for a year: accounts were added and verified long ago.
      await tx.query(`UPDATE suppliers SET created_at = now() - interval '400 days'`);
      await tx.query(`UPDATE supplier_accounts SET added_at = now() - interval '400 days', verified_at = CASE WHEN verified_at IS NULL THEN NULL ELSE now() - interval '399 days' END`);
      await updatePaymentSettings(tx, null, { debtorName: t.name, debtorBankgiro: '5050-1055' });
      // Each supplier's usual expense account, as accounts payable would have set it up.
      for (const s of (await searchSuppliers(tx, { limit: 500 })).suppliers.filter((x) => !x.blocked)) {
        await saveSupplierRule(tx, null, { supplierId: s.id, konto: demoKontoByCategory[categoryFor(s.note ?? '')] ?? '6420', note: 'Demo: leverantörens vanliga konto' });
      }
      // Invoices from the energy and telecom suppliers go to a named person even without a reference code,
      // and electricity is a recurring invoice: 80 % el, 20 % uppvärmning on Fastighetsförvaltning, approved by Karin Holm.
      const all = (await searchSuppliers(tx, { limit: 500 })).suppliers.filter((x) => !x.blocked);
      const energy = all.find((x) => categoryFor(x.note ?? '') === 'energi');
      const tele = all.find((x) => categoryFor(x.note ?? '') === 'tele');
      if (energy) {
        await saveSupplierRule(tx, null, { supplierId: energy.id, userId: ids.get('fastighet')!, ansvar: '7210', konto: '6210', note: 'Demo: el till fastighetsförvaltningen' });
        await createTemplate(tx, null, { supplierId: energy.id, name: 'El, månadsfaktura', userId: ids.get('fastighet')!, approverUserId: ids.get('attestant')!, tolerancePercent: '25',
          rows: [{ konto: '6210', ansvar: '7210', dimensions: {}, percent: '80', vatHandling: 'compensation' }, { konto: '6220', ansvar: '7210', dimensions: {}, percent: '20', vatHandling: 'compensation' }] });
      }
      if (tele) await saveSupplierRule(tx, null, { supplierId: tele.id, userId: ids.get('samordnare')!, ansvar: '4450', konto: '6520', note: 'Demo: telefoni till IT' });
    }
  });
  return true;
}

/** Brings the demo invoices in through the intake pipeline, as the Peppol inbox would. */
async function loadDemoInvoices(db: Database, t: DemoTenant, count: number): Promise<Record<string, number>> {
  const tenant = await findTenant(db, t.orgNumber);
  if (!tenant) return {};
  const suppliers = await withTenant(db, tenant.id, (tx) => searchSuppliers(tx, { limit: 500 }));
  const refs: DemoSupplierRef[] = suppliers.suppliers.filter((s) => !s.blocked && s.orgNumber).map((s) => {
    const ep = s.endpoints[0];
    return {
      name: s.name, orgNumber: s.orgNumber!, vatNumber: s.vatNumber, endpoint: ep ? { scheme: ep.scheme, id: ep.identifier } : null,
      bankgiro: s.accounts.find((a) => a.type === 'bankgiro' && !a.endedAt)?.number ?? null,
      plusgiro: s.accounts.find((a) => a.type === 'plusgiro' && !a.endedAt)?.number ?? null,
      kind: s.note ?? '', city: s.postalAddress.city,
    };
  });
  const docs = generateDemoInvoices(refs, {
    name: t.name, orgNumber: t.orgNumber.replace('-', ''), endpoint: { scheme: '0007', id: t.orgNumber.replace('-', '') },
    street: 'Stadshuset, Storgatan 1', city: 'Exempelby', postalCode: '95281',
  }, { count, today: todayInStockholm() });
  const outcomes: Record<string, number> = {};
  for (const d of docs) {
    const r = await ingestDocument(db, { bytes: new TextEncoder().encode(d.xml), filename: d.filename, source: 'demo' });
    outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  }
  await attestOlderInvoices(db, tenant.id);
  await payOlderInvoices(db, tenant.id);
  return outcomes;
}

/**
 * The demo's history: invoices due more than three weeks ago that were coded on arrival have been
 * reviewed by their receiver and approved by an attestant holding the right, as people would have.
 */
async function attestOlderInvoices(db: Database, tenantId: string): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    const users = (await tx.query<{ id: string; username: string; roles: string[] }>('SELECT id, username, roles FROM users')).rows;
    const person = (id: string): Person => { const u = users.find((x) => x.id === id)!; return { id: u.id, username: u.username, roles: u.roles }; };
    const old = await tx.query<{ id: string; assigned_user_id: string }>(
      `SELECT id, assigned_user_id FROM invoices WHERE status = 'to_review' AND due_date < (now() - interval '21 days')::date ORDER BY due_date`);
    const attestants = users.filter((u) => u.roles.includes('beslutsattestant'));
    for (const inv of old.rows) {
      await review(tx, person(inv.assigned_user_id), inv.id, { comment: null });
      for (const a of attestants) {
        const st = await tx.query<{ status: string }>('SELECT status FROM invoices WHERE id = $1', [inv.id]);
        if (st.rows[0]!.status !== 'to_approve') break;
        await tx.query('SAVEPOINT demo_attest');
        try { await approve(tx, person(a.id), inv.id, { comment: null }); await tx.query('RELEASE SAVEPOINT demo_attest'); } catch { await tx.query('ROLLBACK TO SAVEPOINT demo_attest'); }
      }
    }
  });
}

/**
 * The demo's payment history: invoices due more than six weeks ago were proposed by `ekonom`, approved
 * by `ekonomichef`, sent as a pain.001 file, and the bank's camt.054 came back — most paid on the due
 * date, some days late (so the late-payment report has something to show).
 */
async function payOlderInvoices(db: Database, tenantId: string): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    const users = (await tx.query<{ id: string; username: string; roles: string[] }>(`SELECT id, username, roles FROM users WHERE username IN ('ekonom', 'ekonomichef')`)).rows;
    const who = (name: string) => { const u = users.find((x) => x.username === name)!; return { id: u.id, username: u.username, roles: u.roles }; };
    const until = (await tx.query<{ d: string }>(`SELECT to_char(now() - interval '42 days', 'YYYY-MM-DD') AS d`)).rows[0]!.d;
    await tx.query('SAVEPOINT demo_pay');
    try {
      const p = await createProposal(tx, who('ekonom'), { until });
      await approveProposal(tx, who('ekonomichef'), p.proposal);
      await createPaymentFile(tx, who('ekonom'), p.proposal);
      const items = (await tx.query<{ end_to_end_id: string; amount: string; due_date: string | null; name: string }>(
        `SELECT i.end_to_end_id, sum(i.amount_ore)::text AS amount, min(i.due_date)::text AS due_date, min(s.name) AS name FROM payment_items i JOIN suppliers s ON s.id = i.supplier_id
          WHERE i.proposal_id = $1 GROUP BY i.end_to_end_id ORDER BY i.end_to_end_id`, [p.proposal])).rows;
      const today = todayInStockholm();
      const late = [0, 0, 0, 0, 0, 0, 2, 0, 0, 9, 0, 0, 0, 16, 0, 0, 4, 0, 0, 0];
      const xml = camt054(items.map((i, k) => {
        const due = i.due_date ?? today;
        const d = new Date(`${due}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + late[k % late.length]!);
        const booked = d.toISOString().slice(0, 10);
        return { endToEndId: i.end_to_end_id, amountOre: BigInt(i.amount), bookingDate: booked > today ? today : booked, creditorName: i.name };
      }), { messageId: `DEMO-CAMT-${until}`, createdAt: `${today}T06:00:00`, debtorBankgiro: '50501055' });
      await importCamt054(tx, who('ekonom'), new TextEncoder().encode(xml), 'demo-camt054.xml');
      await tx.query('RELEASE SAVEPOINT demo_pay');
    } catch (e) {
      await tx.query('ROLLBACK TO SAVEPOINT demo_pay');
      if (!(e instanceof AppError)) throw e;
    }
  });
}

/** Loads the demo municipalities; `invoices` (default 300) demo invoices go to Exempel kommun when it is new. */
export async function loadDemo(db: Database, options: DemoOptions = {}): Promise<DemoResult> {
  const result: DemoResult = [];
  for (const t of [exempelKommun, grannbyKommun]) {
    const created = await loadTenant(db, t);
    const count = options.invoices ?? 300;
    const invoices = created && t === exempelKommun && count > 0 ? await loadDemoInvoices(db, t, count) : undefined;
    result.push({ tenant: t.name, orgNumber: t.orgNumber, created, ...(invoices ? { invoices } : {}) });
  }
  return result;
}
