// Leverantörsreskontra: the posted invoices not yet paid (due date first, overdue ones stand out, those
// already in a payment proposal marked), the same per supplier by how long overdue, and the latest
// vouchers with their rows. Export: the batches sent to the financial system, and new ones.
import { Fragment, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ledger as ledgerApi } from '../api/endpoints.ts';
import type { ExportBatch, ExportFormat, OpenItem, Voucher } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canEdit } from '../auth/access.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatAmount, formatDate, formatTimestamp, sumAmounts } from '../i18n/format.ts';
import { Badge, FormError, LiveStatus, Loading, PageHeader, QueryError } from '../components/ui.tsx';

function Kr({ value }: { value: string }) {
  return <span className="nowrap">{formatAmount(value, 'SEK', currentLocale())}</span>;
}

export function LedgerPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('ledger.title')} intro={t('ledger.intro')} />
      <OpenItems />
      <Ageing />
      <Vouchers />
    </>
  );
}

function OpenItems() {
  const { t } = useTranslation();
  const items = useQuery({ queryKey: ['ledger', 'open-items'], queryFn: ledgerApi.openItems });
  const [descending, setDescending] = useState(false);
  const sorted = [...(items.data ?? [])].sort((a, b) => {
    const c = (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') || (a.invoiceNumber ?? '').localeCompare(b.invoiceNumber ?? '');
    return descending ? -c : c;
  });
  const total = sumAmounts(sorted.map((i) => i.amount));
  const overdue = sorted.filter((i) => i.daysOverdue > 0);
  return (
    <section className="card" aria-labelledby="open-heading">
      <h2 id="open-heading">{t('ledger.open.title')}</h2>
      {items.isPending ? <Loading /> : items.isError ? <QueryError error={items.error} /> : sorted.length === 0 ? (
        <p className="ok-text">{t('ledger.open.empty')}</p>
      ) : (
        <>
          <p className="muted">
            {t('ledger.open.summary', { count: sorted.length, amount: formatAmount(total, 'SEK', currentLocale()) })}{' '}
            {overdue.length ? t('ledger.open.overdueSummary', { count: overdue.length, amount: formatAmount(sumAmounts(overdue.map((i) => i.amount)), 'SEK', currentLocale()) }) : null}
          </p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('ledger.open.caption', { count: sorted.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ledger.supplier')}</th>
                  <th scope="col">{t('ledger.invoice')}</th>
                  <th scope="col" className="num">{t('ledger.amount')}</th>
                  <th scope="col">{t('ledger.accountingDate')}</th>
                  <th scope="col" aria-sort={descending ? 'descending' : 'ascending'}>
                    <button type="button" className="button-link" onClick={() => setDescending((d) => !d)}>
                      {t('ledger.dueDate')} <span aria-hidden="true">{descending ? '▼' : '▲'}</span>
                      <span className="visually-hidden"> {t(descending ? 'ledger.open.sortedDesc' : 'ledger.open.sortedAsc')}</span>
                    </button>
                  </th>
                  <th scope="col">{t('ledger.voucher')}</th>
                  <th scope="col">{t('ledger.status')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((i) => <OpenItemRow key={i.invoiceId} item={i} />)}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function OpenItemRow({ item: i }: { item: OpenItem }) {
  const { t } = useTranslation();
  const late = i.daysOverdue > 0;
  return (
    <tr className={late ? 'row-overdue' : undefined}>
      <td>{i.supplierName ?? '–'}</td>
      <td><Link to={`/fakturor/${encodeURIComponent(i.invoiceId)}`}>{i.invoiceNumber ?? t('invoice.noNumber')}</Link></td>
      <td className="num"><Kr value={i.amount} /></td>
      <td>{formatDate(i.accountingDate)}</td>
      <td>
        <span className={`due${late ? ' due-overdue' : ''}`}>
          <span className="due-date">{formatDate(i.dueDate)}</span>
          {late ? <span className="due-days">{t('invoices.overdueDays', { count: i.daysOverdue })}</span> : null}
        </span>
      </td>
      <td className="code">{i.voucher}</td>
      <td>{i.inPayment ? <Badge tone="info">{t('ledger.open.inPayment')}</Badge> : <Badge tone="muted">{t('ledger.open.notInPayment')}</Badge>}</td>
    </tr>
  );
}

function Ageing() {
  const { t } = useTranslation();
  const rows = useQuery({ queryKey: ['ledger', 'ageing'], queryFn: ledgerApi.ageing });
  const buckets = ['notDue', 'overdue1to30', 'overdue31to60', 'overdue61to90', 'overdueOver90'] as const;
  return (
    <section className="card" aria-labelledby="ageing-heading">
      <h2 id="ageing-heading">{t('ledger.ageing.title')}</h2>
      {rows.isPending ? <Loading /> : rows.isError ? <QueryError error={rows.error} /> : rows.data.length === 0 ? (
        <p className="ok-text">{t('ledger.open.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="visually-hidden">{t('ledger.ageing.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ledger.supplier')}</th>
                {buckets.map((b) => <th key={b} scope="col" className="num">{t(`ledger.ageing.${b}`)}</th>)}
                <th scope="col" className="num">{t('ledger.ageing.open')}</th>
                <th scope="col" className="num">{t('ledger.ageing.items')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((r) => (
                <tr key={r.supplierId ?? r.supplierName ?? ''}>
                  <th scope="row">{r.supplierName ?? '–'}</th>
                  {buckets.map((b) => <td key={b} className={`num${b !== 'notDue' && r[b] !== '0.00' ? ' strong' : ''}`}><Kr value={r[b]} /></td>)}
                  <td className="num strong"><Kr value={r.open} /></td>
                  <td className="num">{r.items}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('ledger.total')}</th>
                {buckets.map((b) => <td key={b} className="num"><Kr value={sumAmounts(rows.data.map((r) => r[b]))} /></td>)}
                <td className="num strong"><Kr value={sumAmounts(rows.data.map((r) => r.open))} /></td>
                <td className="num">{rows.data.reduce((n, r) => n + r.items, 0)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function Vouchers() {
  const { t } = useTranslation();
  const vouchers = useQuery({ queryKey: ['ledger', 'vouchers'], queryFn: () => ledgerApi.vouchers(50) });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => setOpen((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id); else n.add(id);
    return n;
  });
  return (
    <section className="card" aria-labelledby="vouchers-heading">
      <h2 id="vouchers-heading">{t('ledger.vouchers.title')}</h2>
      {vouchers.isPending ? <Loading /> : vouchers.isError ? <QueryError error={vouchers.error} /> : vouchers.data.length === 0 ? (
        <p className="muted">{t('ledger.vouchers.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="visually-hidden">{t('ledger.vouchers.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ledger.voucher')}</th>
                <th scope="col">{t('ledger.vouchers.date')}</th>
                <th scope="col">{t('ledger.vouchers.text')}</th>
                <th scope="col" className="num">{t('ledger.amount')}</th>
                <th scope="col">{t('ledger.vouchers.batch')}</th>
              </tr>
            </thead>
            <tbody>
              {vouchers.data.map((v) => (
                <VoucherRows key={v.id} voucher={v} expanded={open.has(v.id)} onToggle={() => toggle(v.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function voucherName(v: Voucher): string {
  return `${v.series}${v.number}`;
}

function VoucherRows({ voucher: v, expanded, onToggle }: { voucher: Voucher; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const rowsId = `voucher-rows-${v.id}`;
  const debit = sumAmounts(v.rows.map((r) => r.debit));
  return (
    <Fragment>
      <tr>
        <td>
          <button type="button" className="button-link" aria-expanded={expanded} aria-controls={expanded ? rowsId : undefined} onClick={onToggle}>
            <span aria-hidden="true">{expanded ? '▾' : '▸'} </span>
            {voucherName(v)}
            <span className="visually-hidden"> {t('ledger.vouchers.rowsFor', { count: v.rows.length })}</span>
          </button>
        </td>
        <td>{formatDate(v.date)}</td>
        <td>{v.text}</td>
        <td className="num"><Kr value={debit} /></td>
        <td>{v.exportBatch === null ? <Badge tone="warning">{t('ledger.vouchers.notExported')}</Badge> : t('ledger.vouchers.inBatch', { number: v.exportBatch })}</td>
      </tr>
      {expanded ? (
        <tr id={rowsId}>
          <td colSpan={5}>
            <table className="table table-compact voucher">
              <caption className="visually-hidden">{t('ledger.vouchers.rowsCaption', { voucher: voucherName(v) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ledger.vouchers.konto')}</th>
                  <th scope="col">{t('ledger.vouchers.ansvar')}</th>
                  <th scope="col">{t('ledger.vouchers.dimensions')}</th>
                  <th scope="col" className="num">{t('ledger.vouchers.debit')}</th>
                  <th scope="col" className="num">{t('ledger.vouchers.credit')}</th>
                  <th scope="col">{t('ledger.vouchers.text')}</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r, k) => (
                  <tr key={k}>
                    <td className="code">{r.konto}</td>
                    <td className="code">{r.ansvar ?? '–'}</td>
                    <td className="code">{Object.entries(r.dimensions).map(([d, x]) => `${d}: ${x}`).join(', ') || '–'}</td>
                    <td className="num">{r.debit === '0.00' ? '' : <Kr value={r.debit} />}</td>
                    <td className="num">{r.credit === '0.00' ? '' : <Kr value={r.credit} />}</td>
                    <td>{r.text ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

export function ExportPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const editable = canEdit('ledgerExport', user.roles);
  const qc = useQueryClient();
  const batches = useQuery({ queryKey: ['ledger', 'exports'], queryFn: ledgerApi.exports });
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (format: ExportFormat) => ledgerApi.exportVouchers(format),
    onMutate: () => setDone(null),
    onSuccess: async (b) => {
      setDone(t('ledger.export.created', { number: b.number, count: b.vouchers, filename: b.filename }));
      await qc.invalidateQueries({ queryKey: ['ledger'] });
    },
  });
  return (
    <>
      <PageHeader title={t('ledger.export.title')} intro={t('ledger.export.intro')} />
      {editable ? (
        <section className="card" aria-labelledby="new-export-heading">
          <h2 id="new-export-heading">{t('ledger.export.new')}</h2>
          <p className="muted">{t('ledger.export.newHint')}</p>
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={run.isPending} onClick={() => run.mutate('sie4i')}>{t('ledger.export.sie')}</button>
            <button type="button" className="button" disabled={run.isPending} onClick={() => run.mutate('csv')}>{t('ledger.export.csv')}</button>
          </div>
          <FormError error={run.error} />
        </section>
      ) : null}
      <LiveStatus message={done} />
      <section className="card" aria-labelledby="batches-heading">
        <h2 id="batches-heading">{t('ledger.export.batches')}</h2>
        {batches.isPending ? <Loading /> : batches.isError ? <QueryError error={batches.error} /> : batches.data.length === 0 ? (
          <p className="muted">{t('ledger.export.none')}</p>
        ) : <BatchTable batches={batches.data} />}
      </section>
    </>
  );
}

function BatchTable({ batches }: { batches: ExportBatch[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('ledger.export.batches')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledger.export.number')}</th>
            <th scope="col">{t('ledger.export.format')}</th>
            <th scope="col" className="num">{t('ledger.export.vouchers')}</th>
            <th scope="col">{t('ledger.export.createdAt')}</th>
            <th scope="col">{t('ledger.export.createdBy')}</th>
            <th scope="col">{t('ledger.export.file')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id}>
              <td>{b.number}</td>
              <td>{t(`ledger.export.formats.${b.format}`)}</td>
              <td className="num">{b.vouchers}</td>
              <td>{formatTimestamp(b.createdAt)}</td>
              <td>{b.createdBy ?? t('ledger.export.system')}</td>
              <td><a href={ledgerApi.exportFileUrl(b.id)} download={b.filename}>{t('ledger.export.download', { filename: b.filename })}</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
