// The handling part of an invoice's page: who it is routed to and how, what paying late costs, the
// keyboard-friendly coding grid (with proposal, per-line split, bulk edit and a live sum check), the
// voucher preview, and the attest (granska, attestera, returnera) with the needs per ansvar and the
// history. The attest part is laid out for a phone as well.
import { memo, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { dimensions as dimensionsApi, handling as handlingApi } from '../api/endpoints.ts';
import { ApiError } from '../api/client.ts';
import { errorText } from '../api/errors.ts';
import type { CodingRowInput, InvoiceDetail, VatHandling } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { currentLocale } from '../i18n/index.ts';
import { formatAmount, formatDecimal, formatTimestamp } from '../i18n/format.ts';
import { Badge, LiveStatus } from './ui.tsx';
import { Amount, InvoiceStatusBadge } from './invoice.tsx';

const DIMS = ['verksamhet', 'projekt', 'objekt'] as const;
const VAT_HANDLINGS: readonly VatHandling[] = ['compensation', 'deductible', 'none'];
const CODING_ROLES = ['fakturahanterare', 'ekonom'];


// ---------- amounts in öre ----------

/** "-1 234,50", "1234.5", "12" → öre; null if not an amount with at most two decimals. */
export function toOre(input: string): bigint | null {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '').replace(/kr$/i, '').replace(/^\u2212/, '-');
  const m = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) return null;
  const ore = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -ore : ore;
}

export function oreToDecimal(ore: bigint): string {
  const neg = ore < 0n;
  const abs = neg ? -ore : ore;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const kr = (ore: bigint) => formatAmount(oreToDecimal(ore), 'SEK', currentLocale());

// ---------- routing and late payment ----------

export function RoutingFacts({ invoice: inv }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const r = inv.routing;
  const how = r.method === 'buyer-reference' || r.method === 'order-reference'
    ? t(`handling.routing.${r.method}`, { code: r.referenceCode ?? '' })
    : r.method ? t(`handling.routing.${r.method}`) : null;
  return (
    <dl className="facts facts-stacked">
      <div>
        <dt>{t('handling.status')}</dt>
        <dd><InvoiceStatusBadge status={inv.status} /></dd>
      </div>
      <div>
        <dt>{t('handling.receiver')}</dt>
        <dd>
          {inv.assignedTo ? `${inv.assignedTo.displayName} (${inv.assignedTo.username})` : <span className="muted">{t('handling.noReceiver')}</span>}
          {how ? <span className="sub">{how}{r.routedAt ? ` · ${formatTimestamp(r.routedAt)}` : ''}</span> : null}
        </dd>
      </div>
      {inv.handlingNote ? <div><dt>{t('handling.note')}</dt><dd>{inv.handlingNote}</dd></div> : null}
    </dl>
  );
}

export function LatePaymentBox({ invoice: inv }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const lp = inv.latePayment;
  if (!lp) return null;
  const loc = currentLocale();
  const fee = formatAmount(lp.fee, 'SEK', loc);
  return (
    <div className={`alert ${lp.daysLate > 0 ? 'alert-error' : 'alert-warning'} late-payment`} role="note">
      <p>
        {t('handling.late.text', { rate: formatDecimal(lp.ratePercent, loc), fee, interest: formatAmount(lp.interestPer30Days, 'SEK', loc) })}
      </p>
      {lp.daysLate > 0 ? (
        <p className="alert-body strong">{t('handling.late.already', { count: lp.daysLate, cost: formatAmount(lp.costIfPaidToday, 'SEK', loc) })}</p>
      ) : null}
    </div>
  );
}

// ---------- the coding grid ----------

type GridRow = {
  key: number;
  selected: boolean;
  konto: string;
  ansvar: string;
  verksamhet: string;
  projekt: string;
  objekt: string;
  amount: string;
  vatHandling: VatHandling;
  linePosition: number | null;
  text: string | null;
};

type Field = 'konto' | 'ansvar' | 'verksamhet' | 'projekt' | 'objekt' | 'amount' | 'vatHandling' | 'selected';

let nextKey = 1;
const fmt = (amount: string) => formatDecimal(amount, currentLocale());

function rowFrom(r: { konto: string | null; ansvar: string | null; dimensions: Record<string, string>; amount: string; vatHandling: VatHandling; linePosition: number | null; text: string | null }): GridRow {
  return {
    key: nextKey++, selected: false, konto: r.konto ?? '', ansvar: r.ansvar ?? '', verksamhet: r.dimensions.verksamhet ?? '', projekt: r.dimensions.projekt ?? '',
    objekt: r.dimensions.objekt ?? '', amount: fmt(r.amount), vatHandling: r.vatHandling, linePosition: r.linePosition, text: r.text,
  };
}

function emptyRow(vat: VatHandling, amount = ''): GridRow {
  return { key: nextKey++, selected: false, konto: '', ansvar: '', verksamhet: '', projekt: '', objekt: '', amount, vatHandling: vat, linePosition: null, text: null };
}

export function mayCode(inv: InvoiceDetail, username: string, roles: readonly string[]): boolean {
  if (inv.status !== 'to_code' && inv.status !== 'to_review') return false;
  return inv.assignedTo?.username === username || roles.some((r) => CODING_ROLES.includes(r));
}

function useDimensionValues(dim: string) {
  return useQuery({ queryKey: ['dimension-values', dim], queryFn: () => dimensionsApi.values(dim), staleTime: 5 * 60_000 });
}

function DimensionList({ id, dim }: { id: string; dim: string }) {
  const values = useDimensionValues(dim);
  return (
    <datalist id={id}>
      {(values.data?.values ?? []).map((v) => <option key={v.id} value={v.code}>{v.name}</option>)}
    </datalist>
  );
}

export function CodingSection({ invoice: inv }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const editable = mayCode(inv, user.username, user.roles);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="coding-heading" id="kontering">
      <h2 id="coding-heading">{t('handling.coding.title')}</h2>
      {inv.codingSource ? <p className="muted">{t('handling.coding.source', { source: sourceLabel(t, inv.codingSource) })}</p> : null}
      {editable ? <CodingGrid key={inv.version} invoice={inv} onSaved={() => setSaved(t('handling.coding.saved'))} /> : <CodingReadOnly invoice={inv} />}
      <LiveStatus message={saved} />
      <VoucherPreview invoice={inv} />
    </section>
  );
}

function sourceLabel(t: TFunction, source: string): string {
  const known = ['template', 'per-line', 'supplier-rule', 'history', 'classification', 'reference', 'manual'];
  return known.includes(source) ? t(`handling.coding.sources.${source}`) : source;
}

function CodingReadOnly({ invoice: inv }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  if (!inv.coding.length) return <p className="muted">{t('handling.coding.none')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('handling.coding.caption')}>
      <table className="table table-compact">
        <caption>{t('handling.coding.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">{t('handling.coding.row')}</th>
            <th scope="col">{t('handling.coding.konto')}</th>
            <th scope="col">{t('handling.coding.ansvar')}</th>
            {DIMS.map((d) => <th key={d} scope="col">{t(`handling.coding.${d}`)}</th>)}
            <th scope="col" className="num">{t('handling.coding.amount')}</th>
            <th scope="col" className="num">{t('handling.coding.vatAmount')}</th>
            <th scope="col">{t('handling.coding.text')}</th>
          </tr>
        </thead>
        <tbody>
          {inv.coding.map((r) => (
            <tr key={r.position}>
              <td className="num">{r.position}</td>
              <td className="code">{r.konto}</td>
              <td className="code">{r.ansvar}</td>
              {DIMS.map((d) => <td key={d} className="code">{r.dimensions[d] ?? '–'}</td>)}
              <td className="num"><Amount value={r.amount} currency={inv.currency} /></td>
              <td className="num"><Amount value={r.vatAmount} currency={inv.currency} /></td>
              <td>{r.text ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = {
  row: GridRow;
  index: number;
  lists: Record<string, string>;
  invalidAmount: boolean;
  onChange: (key: number, field: Field, value: string | boolean) => void;
  onRemove: (key: number) => void;
};

const GridRowView = memo(function GridRowView({ row, index, lists, invalidAmount, onChange, onRemove }: RowProps) {
  const { t } = useTranslation();
  const n = index + 1;
  const label = (col: string) => t('handling.coding.cellLabel', { col: t(`handling.coding.${col}`), row: n });
  const text = (field: 'konto' | 'ansvar' | 'verksamhet' | 'projekt' | 'objekt', width: string) => (
    <td>
      <input
        className={`grid-input ${width}`}
        value={row[field]}
        list={lists[field]}
        aria-label={label(field)}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(row.key, field, e.target.value)}
      />
    </td>
  );
  return (
    <tr className={row.selected ? 'row-selected' : undefined}>
      <td>
        <input type="checkbox" checked={row.selected} aria-label={t('handling.coding.selectRow', { row: n })} onChange={(e) => onChange(row.key, 'selected', e.target.checked)} />
      </td>
      <td className="num">
        {n}
        {row.linePosition !== null ? <span className="sub">{t('handling.coding.lineRef', { line: row.linePosition })}</span> : null}
      </td>
      {text('konto', 'w-code')}
      {text('ansvar', 'w-code')}
      {text('verksamhet', 'w-code')}
      {text('projekt', 'w-code')}
      {text('objekt', 'w-code')}
      <td>
        <input
          className="grid-input w-amount num"
          value={row.amount}
          inputMode="decimal"
          aria-label={label('amount')}
          aria-invalid={invalidAmount ? true : undefined}
          autoComplete="off"
          onChange={(e) => onChange(row.key, 'amount', e.target.value)}
        />
      </td>
      <td>
        <select className="grid-input" value={row.vatHandling} aria-label={label('vatHandling')} onChange={(e) => onChange(row.key, 'vatHandling', e.target.value)}>
          {VAT_HANDLINGS.map((v) => <option key={v} value={v}>{t(`handling.vat.${v}`)}</option>)}
        </select>
      </td>
      <td className="grid-text">{row.text ?? ''}</td>
      <td>
        <button type="button" className="button button-small button-danger" aria-label={t('handling.coding.removeRow', { row: n })} onClick={() => onRemove(row.key)}>
          <span aria-hidden="true">×</span>
        </button>
      </td>
    </tr>
  );
});

function CodingGrid({ invoice: inv, onSaved }: { invoice: InvoiceDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const idBase = useId();
  const tableRef = useRef<HTMLTableElement>(null);
  const defaultVat: VatHandling = inv.coding[0]?.vatHandling ?? 'compensation';
  const [rows, setRows] = useState<GridRow[]>(() => inv.coding.length ? inv.coding.map(rowFrom) : [emptyRow(defaultVat, inv.netAmount ? fmt(inv.netAmount) : '')]);
  const [bulk, setBulk] = useState({ konto: '', ansvar: '' });
  const [message, setMessage] = useState<string | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const lists = useMemo(() => Object.fromEntries(['konto', 'ansvar', ...DIMS].map((d) => [d, `${idBase}-${d}`])), [idBase]);

  const net = toOre(inv.netAmount ?? '0') ?? 0n;
  const parsed = rows.map((r) => toOre(r.amount));
  const sum = parsed.reduce<bigint>((a, v) => a + (v ?? 0n), 0n);
  const diff = net - sum;
  const invalidCount = parsed.filter((v) => v === null).length;
  const balanced = diff === 0n && invalidCount === 0;
  const selectedCount = rows.filter((r) => r.selected).length;

  const onChange = useCallback((key: number, field: Field, value: string | boolean) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  }, []);
  const onRemove = useCallback((key: number) => setRows((rs) => rs.filter((r) => r.key !== key)), []);

  function addRow() {
    const lastAnsvar = rows[rows.length - 1]?.ansvar ?? '';
    const row = { ...emptyRow(defaultVat, diff !== 0n ? fmt(oreToDecimal(diff)) : ''), ansvar: lastAnsvar };
    setRows((rs) => [...rs, row]);
    // focus the new row's first cell once it is rendered
    requestAnimationFrame(() => {
      const inputs = tableRef.current?.querySelectorAll<HTMLInputElement>('tbody tr:last-child input.grid-input');
      inputs?.[0]?.focus();
    });
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.altKey && (e.key === 'n' || e.key === 'N')) {
      e.preventDefault();
      addRow();
    }
  }

  const proposal = useMutation({
    mutationFn: () => handlingApi.proposal(inv.id),
    onSuccess: (p) => {
      if (!p.rows.length) {
        setMessage(t('handling.coding.noProposal'));
        return;
      }
      setRows(p.rows.map(rowFrom));
      setMessage(t('handling.coding.proposalLoaded', { count: p.rows.length, note: p.note ?? sourceLabel(t, p.source ?? '') }));
    },
  });

  function perLine() {
    const usualKonto = mostCommon(rows.map((r) => r.konto).filter(Boolean));
    const fallbackAnsvar = mostCommon(rows.map((r) => r.ansvar).filter(Boolean));
    const next: GridRow[] = inv.lines.map((l) => ({
      ...emptyRow(defaultVat, fmt(l.netAmount ?? '0')),
      konto: usualKonto, ansvar: l.accountingReference ?? fallbackAnsvar, linePosition: l.position, text: l.description?.slice(0, 200) ?? null,
    }));
    const lineSum = next.reduce((a, r) => a + (toOre(r.amount) ?? 0n), 0n);
    if (lineSum !== net && next[0]) next.push({ ...next[0], key: nextKey++, amount: fmt(oreToDecimal(net - lineSum)), linePosition: null, text: t('handling.coding.documentLevel') });
    setRows(next);
    setMessage(t('handling.coding.perLineDone', { count: inv.lines.length }));
  }

  function percent() {
    const input = window.prompt(t('handling.coding.percentPrompt'), '50 50');
    if (!input) return;
    const parts = input.split(/[\s;]+/).filter(Boolean).map((p) => Number(p.replace(',', '.')));
    if (!parts.length || parts.some((p) => !Number.isFinite(p) || p <= 0)) {
      setClientError(t('handling.coding.percentInvalid'));
      return;
    }
    const total = parts.reduce((a, p) => a + p, 0);
    const weights = parts.map((p) => BigInt(Math.round((p / total) * 1_000_000)));
    const wsum = weights.reduce((a, w) => a + w, 0n);
    const amounts = weights.map((w) => (net * w) / wsum);
    amounts[0]! += net - amounts.reduce((a, v) => a + v, 0n);
    const template = rows[0] ?? emptyRow(defaultVat);
    setRows(amounts.map((a, i) => ({ ...(rows[i] ?? template), key: nextKey++, selected: false, amount: fmt(oreToDecimal(a)), linePosition: null, text: null })));
    setClientError(null);
    setMessage(t('handling.coding.percentDone', { count: amounts.length }));
  }

  function applyBulk() {
    if (!selectedCount || (!bulk.konto.trim() && !bulk.ansvar.trim())) return;
    setRows((rs) => rs.map((r) => (r.selected ? { ...r, konto: bulk.konto.trim() || r.konto, ansvar: bulk.ansvar.trim() || r.ansvar, selected: false } : r)));
    setMessage(t('handling.coding.bulkDone', { count: selectedCount }));
  }

  const save = useMutation({
    mutationFn: (payload: CodingRowInput[]) => handlingApi.saveCoding(inv.id, payload, inv.version),
    onSuccess: async () => {
      onSaved();
      await qc.invalidateQueries({ queryKey: ['invoices'] });
      await qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });

  function submit() {
    setMessage(null);
    const problems: string[] = [];
    rows.forEach((r, i) => {
      if (!r.konto.trim()) problems.push(t('handling.coding.missing', { row: i + 1, col: t('handling.coding.konto') }));
      if (!r.ansvar.trim()) problems.push(t('handling.coding.missing', { row: i + 1, col: t('handling.coding.ansvar') }));
      if (toOre(r.amount) === null) problems.push(t('handling.coding.badAmount', { row: i + 1 }));
    });
    if (!rows.length) problems.push(t('handling.coding.noRows'));
    if (problems.length) {
      setClientError(problems.slice(0, 5).join(' ') + (problems.length > 5 ? ` ${t('handling.coding.moreProblems', { count: problems.length - 5 })}` : ''));
      return;
    }
    setClientError(null);
    save.mutate(rows.map((r) => {
      const dims = Object.fromEntries(DIMS.map((d) => [d, r[d].trim()]).filter(([, v]) => v));
      return {
        konto: r.konto.trim(), ansvar: r.ansvar.trim(), amount: oreToDecimal(toOre(r.amount)!), vatHandling: r.vatHandling, linePosition: r.linePosition, text: r.text,
        ...(Object.keys(dims).length ? { dimensions: dims } : {}),
      };
    }));
  }

  const allSelected = rows.length > 0 && selectedCount === rows.length;
  return (
    <div className="coding-grid">
      {['konto', 'ansvar', ...DIMS].map((d) => <DimensionList key={d} id={lists[d]!} dim={d} />)}
      <div className="coding-toolbar">
        <button type="button" className="button" onClick={() => proposal.mutate()} disabled={proposal.isPending}>{t('handling.coding.propose')}</button>
        <button type="button" className="button" onClick={perLine} disabled={!inv.lines.length}>{t('handling.coding.perLine')}</button>
        <button type="button" className="button" onClick={percent}>{t('handling.coding.percent')}</button>
        <button type="button" className="button" onClick={addRow} aria-keyshortcuts="Alt+N">{t('handling.coding.addRow')}</button>
      </div>
      <p className="field-hint">{t('handling.coding.keyboardHint')}</p>
      {proposal.isError ? <div className="alert alert-error" role="alert"><p>{errorText(t, proposal.error)}</p></div> : null}

      <fieldset className="bulk-edit">
        <legend>{t('handling.coding.bulkTitle', { count: selectedCount })}</legend>
        <div className="bulk-fields">
          <label>
            <span>{t('handling.coding.bulkKonto')}</span>
            <input className="grid-input w-code" value={bulk.konto} list={lists.konto} autoComplete="off" onChange={(e) => setBulk((b) => ({ ...b, konto: e.target.value }))} />
          </label>
          <label>
            <span>{t('handling.coding.bulkAnsvar')}</span>
            <input className="grid-input w-code" value={bulk.ansvar} list={lists.ansvar} autoComplete="off" onChange={(e) => setBulk((b) => ({ ...b, ansvar: e.target.value }))} />
          </label>
          <button type="button" className="button" onClick={applyBulk} disabled={!selectedCount}>{t('handling.coding.bulkApply')}</button>
        </div>
      </fieldset>

      <div className="table-wrap coding-table-wrap">
        <table className="table table-compact table-grid" ref={tableRef} onKeyDown={onKeyDown}>
          <caption>{t('handling.coding.gridCaption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">
                <input type="checkbox" checked={allSelected} aria-label={t('handling.coding.selectAll')} onChange={(e) => setRows((rs) => rs.map((r) => ({ ...r, selected: e.target.checked })))} />
              </th>
              <th scope="col" className="num">{t('handling.coding.row')}</th>
              <th scope="col">{t('handling.coding.konto')}</th>
              <th scope="col">{t('handling.coding.ansvar')}</th>
              {DIMS.map((d) => <th key={d} scope="col">{t(`handling.coding.${d}`)}</th>)}
              <th scope="col" className="num">{t('handling.coding.amount')}</th>
              <th scope="col">{t('handling.coding.vatHandling')}</th>
              <th scope="col">{t('handling.coding.text')}</th>
              <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <GridRowView key={r.key} row={r} index={i} lists={lists} invalidAmount={parsed[i] === null} onChange={onChange} onRemove={onRemove} />
            ))}
          </tbody>
        </table>
      </div>

      <p className={`coding-sum ${balanced ? 'coding-sum-ok' : 'coding-sum-bad'}`} aria-live="polite" data-testid="coding-sum">
        <span>{t('handling.coding.sum')}: <strong>{kr(sum)}</strong></span>
        <span>{t('handling.coding.invoiceNet')}: <strong>{kr(net)}</strong></span>
        <span>{t('handling.coding.diff')}: <strong>{kr(diff)}</strong></span>
        <span className="coding-sum-verdict">
          {balanced ? t('handling.coding.balanced') : invalidCount ? t('handling.coding.invalidAmounts', { count: invalidCount }) : t('handling.coding.unbalanced')}
        </span>
      </p>

      {clientError ? <div className="alert alert-error" role="alert"><p>{clientError}</p></div> : null}
      {save.isError ? <SaveError error={save.error} /> : null}
      <LiveStatus message={message} />
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={submit} disabled={save.isPending}>{t('handling.coding.save')}</button>
      </div>
    </div>
  );
}

function SaveError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const main = errorText(t, error);
  const issues = error instanceof ApiError && Array.isArray(error.details?.issues)
    ? (error.details.issues as { message?: unknown }[]).map((i) => (typeof i.message === 'string' ? i.message : '')).filter((m) => m && !main.includes(m))
    : [];
  return (
    <div className="alert alert-error" role="alert">
      <p>{main}</p>
      {issues.length ? <ul>{[...new Set(issues)].slice(0, 20).map((m) => <li key={m}>{m}</li>)}</ul> : null}
    </div>
  );
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let n = 0;
  for (const [v, c] of counts) if (c > n) { best = v; n = c; }
  return best;
}

function VoucherPreview({ invoice: inv }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const v = inv.voucher;
  if (!v) return null;
  return (
    <details className="voucher" open={v.rows.length <= 12}>
      <summary>{t('handling.voucher.title', { count: v.rows.length })}</summary>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('handling.voucher.caption')}>
        <table className="table table-compact">
          <caption>{t('handling.voucher.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('handling.coding.konto')}</th>
              <th scope="col">{t('handling.coding.ansvar')}</th>
              <th scope="col" className="num">{t('handling.voucher.debit')}</th>
              <th scope="col" className="num">{t('handling.voucher.credit')}</th>
              <th scope="col">{t('handling.coding.text')}</th>
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r, i) => (
              <tr key={`${r.konto}-${i}`}>
                <td className="code">{r.konto}</td>
                <td className="code">{r.ansvar ?? '–'}</td>
                <td className="num">{r.debit !== '0.00' ? <Amount value={r.debit} /> : ''}</td>
                <td className="num">{r.credit !== '0.00' ? <Amount value={r.credit} /> : ''}</td>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>{t('handling.voucher.total')}</th>
              <td className="num strong"><Amount value={v.debit} /></td>
              <td className="num strong"><Amount value={v.credit} /></td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </details>
  );
}

// ---------- the attest ----------

export function AttestSection({ invoice: inv }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { user } = useRequiredSession();
  const [comment, setComment] = useState('');
  const [returning, setReturning] = useState(false);
  const [returnTo, setReturnTo] = useState<'handler' | 'supplier'>('handler');
  const [returnComment, setReturnComment] = useState('');
  const [returnMissing, setReturnMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const commentId = useId();
  const returnId = useId();

  const me = user.username;
  const isReceiver = inv.assignedTo?.username === me;
  const canReview = inv.status === 'to_review' && isReceiver;
  const canApprove = inv.status === 'to_approve' && !isReceiver && inv.approvalNeeds.some((n) => !n.approvedBy && n.candidates.some((c) => c.username === me));
  const canReturn = ['to_code', 'to_review', 'to_approve'].includes(inv.status)
    && (isReceiver || user.roles.includes('fakturahanterare') || (inv.status === 'to_approve' && inv.approvalNeeds.some((n) => n.candidates.some((c) => c.username === me))));

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['invoices'] });
    await qc.invalidateQueries({ queryKey: ['tasks'] });
  };
  const action = useMutation({
    mutationFn: async (kind: 'review' | 'approve' | 'return') => {
      if (kind === 'review') await handlingApi.review(inv.id, comment.trim() || null, inv.version);
      else if (kind === 'approve') await handlingApi.approve(inv.id, comment.trim() || null, inv.version);
      else await handlingApi.reject(inv.id, returnComment.trim(), returnTo, inv.version);
      return kind;
    },
    onSuccess: async (kind) => {
      setComment('');
      setReturning(false);
      setReturnComment('');
      setDone(t(`handling.attest.done.${kind === 'return' ? (returnTo === 'supplier' ? 'dispute' : 'return') : kind}`));
      await refresh();
    },
  });

  function submitReturn() {
    if (!returnComment.trim()) {
      setReturnMissing(true);
      return;
    }
    setReturnMissing(false);
    action.mutate('return');
  }

  return (
    <section className="card attest" aria-labelledby="attest-heading" id="attest">
      <h2 id="attest-heading">{t('handling.attest.title')}</h2>
      <RoutingFacts invoice={inv} />

      {inv.approvalNeeds.length ? (
        <>
          <h3>{t('handling.attest.needs')}</h3>
          <ul className="attest-needs">
            {inv.approvalNeeds.map((n) => (
              <li key={n.ansvar} className={n.approvedBy ? 'need-done' : undefined}>
                <span className="need-head">
                  <span className="strong">{t('handling.attest.ansvar', { ansvar: n.ansvar })}</span>
                  <Amount value={n.amount} currency={inv.currency} />
                </span>
                {n.approvedBy ? (
                  <Badge tone="success">{t('handling.attest.approvedBy', { name: n.approvedBy })}</Badge>
                ) : n.candidates.length ? (
                  <span className="sub">{t('handling.attest.candidates', { names: n.candidates.map((c) => `${c.displayName} (${c.username}${c.via === 'substitute' ? `, ${t('handling.attest.substitute')}` : ''})`).join(', ') })}</span>
                ) : (
                  <Badge tone="error">{t('handling.attest.noCandidates')}</Badge>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {canReview || canApprove ? (
        <div className="field">
          <label htmlFor={commentId}>{t('handling.attest.comment')} <span className="field-optional">{t('common.optional')}</span></label>
          <textarea id={commentId} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
        </div>
      ) : null}
      {!canReview && !canApprove && inv.status === 'to_approve' && isReceiver ? <p className="muted">{t('handling.attest.ownPurchase')}</p> : null}

      <div className="attest-actions">
        {canReview ? (
          <button type="button" className="button button-primary button-large" onClick={() => action.mutate('review')} disabled={action.isPending}>{t('handling.attest.review')}</button>
        ) : null}
        {canApprove ? (
          <button type="button" className="button button-primary button-large" onClick={() => action.mutate('approve')} disabled={action.isPending}>{t('handling.attest.approve')}</button>
        ) : null}
        {canReturn && !returning ? (
          <button type="button" className="button button-large" onClick={() => setReturning(true)}>{t('handling.attest.return')}</button>
        ) : null}
      </div>

      {returning ? (
        <div className="return-form">
          <fieldset className="choice-group">
            <legend>{t('handling.attest.returnTo')}</legend>
            {(['handler', 'supplier'] as const).map((to) => (
              <div className="radio" key={to}>
                <input type="radio" id={`${returnId}-${to}`} name={`${returnId}-to`} checked={returnTo === to} onChange={() => setReturnTo(to)} />
                <label htmlFor={`${returnId}-${to}`}>{t(`handling.attest.returnTargets.${to}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className={`field${returnMissing ? ' field-invalid' : ''}`}>
            <label htmlFor={`${returnId}-comment`}>{t('handling.attest.returnComment')} <span className="field-optional">{t('common.required')}</span></label>
            {returnMissing ? <p className="field-error" id={`${returnId}-error`}>{t('handling.attest.returnCommentMissing')}</p> : null}
            <textarea
              id={`${returnId}-comment`}
              rows={3}
              value={returnComment}
              maxLength={2000}
              aria-invalid={returnMissing ? true : undefined}
              aria-describedby={returnMissing ? `${returnId}-error` : undefined}
              onChange={(e) => setReturnComment(e.target.value)}
            />
          </div>
          <div className="attest-actions">
            <button type="button" className="button button-danger-solid button-large" onClick={submitReturn} disabled={action.isPending}>{t('handling.attest.returnSubmit')}</button>
            <button type="button" className="button button-large" onClick={() => setReturning(false)}>{t('common.cancel')}</button>
          </div>
        </div>
      ) : null}

      {action.isError ? <div className="alert alert-error" role="alert"><p>{errorText(t, action.error)}</p></div> : null}
      <LiveStatus message={done} />

      <h3>{t('handling.attest.history')}</h3>
      {inv.history.length === 0 ? <p className="muted">{t('handling.attest.historyEmpty')}</p> : (
        <ol className="timeline attest-history">
          {inv.history.map((h, i) => (
            <li key={`${h.at}-${i}`} className={h.active ? undefined : 'inactive'}>
              <span className="timeline-when">{formatTimestamp(h.at)}</span>
              <span className="strong">
                {historyLabel(t, h.kind)}{h.ansvar ? ` · ${t('handling.attest.ansvar', { ansvar: h.ansvar })}` : ''}
                {!h.active ? ` (${t('handling.attest.inactive')})` : ''}
              </span>
              <span className="sub">{h.displayName ? `${h.displayName} (${h.username ?? ''})` : t('audit.system')}</span>
              {h.comment ? <span className="sub">{h.comment}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function historyLabel(t: TFunction, kind: string): string {
  const known = ['route', 'assign', 'code', 'review', 'approve', 'return', 'dispute', 'duplicate', 'not_duplicate'];
  return known.includes(kind) ? t(`handling.attest.kinds.${kind}`) : kind;
}
