import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { invoices as invoicesApi, type InvoiceFilter } from '../api/endpoints.ts';
import { INVOICE_STATUSES, type InvoiceStatus, type InvoiceSummary } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canView } from '../auth/access.ts';
import { formatDate, isIsoDate, parseAmountInput } from '../i18n/format.ts';
import { Badge, Loading, PageHeader, QueryError, SelectField, TextField } from '../components/ui.tsx';
import { Amount, DueDate, FindingCounts, FormatBadge, InvoiceStatusBadge } from '../components/invoice.tsx';

const PAGE_SIZE = 25;
const STATUSES: readonly InvoiceStatus[] = INVOICE_STATUSES;
const SORTS = ['due', 'received', 'amount'] as const;
type Sort = (typeof SORTS)[number];

type Draft = { status: string; q: string; issuedFrom: string; issuedTo: string; dueFrom: string; dueTo: string; minAmount: string; maxAmount: string };
const DRAFT_KEYS: readonly (keyof Draft)[] = ['status', 'q', 'issuedFrom', 'issuedTo', 'dueFrom', 'dueTo', 'minAmount', 'maxAmount'];
const ADVANCED: readonly (keyof Draft)[] = ['issuedFrom', 'issuedTo', 'dueFrom', 'dueTo', 'minAmount', 'maxAmount'];

function isStatus(v: string | null): v is InvoiceStatus {
  return v !== null && (STATUSES as readonly string[]).includes(v);
}

function draftFrom(params: URLSearchParams): Draft {
  const d = Object.fromEntries(DRAFT_KEYS.map((k) => [k, params.get(k) ?? ''])) as Draft;
  return d;
}

/** The list as the URL describes it, so a filtered list can be linked to and survives reloads. */
function filterFrom(params: URLSearchParams): InvoiceFilter {
  const f: InvoiceFilter = {};
  const status = params.get('status');
  if (isStatus(status)) f.status = status;
  for (const k of ['q', 'issuedFrom', 'issuedTo', 'dueFrom', 'dueTo', 'minAmount', 'maxAmount', 'supplierId'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  const sort = params.get('sort');
  f.sort = (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'due';
  const page = Math.max(1, Number(params.get('sida')) || 1);
  f.limit = PAGE_SIZE;
  f.offset = (page - 1) * PAGE_SIZE;
  return f;
}

export function InvoicesPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(params));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const advancedSet = ADVANCED.some((k) => params.get(k));
  const [more, setMore] = useState(advancedSet);
  const paramString = params.toString();
  // the URL is the truth: a link or a quick filter changes it while the page stays mounted
  useEffect(() => {
    setDraft(draftFrom(new URLSearchParams(paramString)));
  }, [paramString]);
  const list = useQuery({ queryKey: ['invoices', filter], queryFn: () => invoicesApi.list(filter), placeholderData: (prev) => prev });
  const page = Math.floor((filter.offset ?? 0) / PAGE_SIZE) + 1;

  function update(next: Record<string, string | undefined>) {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('sida' in next)) p.delete('sida');
    setParams(p);
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<keyof Draft, string>> = {};
    for (const k of ['issuedFrom', 'issuedTo', 'dueFrom', 'dueTo'] as const) if (draft[k] && !isIsoDate(draft[k].trim())) errs[k] = t('errors.invalidDate');
    const amounts: Record<string, string | undefined> = {};
    for (const k of ['minAmount', 'maxAmount'] as const) {
      if (!draft[k].trim()) continue;
      const v = parseAmountInput(draft[k]);
      if (v === null) errs[k] = t('errors.invalidAmount');
      else amounts[k] = v;
    }
    setErrors(errs);
    if (Object.keys(errs).length) {
      setMore(true);
      return;
    }
    update({
      status: draft.status || undefined,
      q: draft.q.trim() || undefined,
      issuedFrom: draft.issuedFrom.trim() || undefined,
      issuedTo: draft.issuedTo.trim() || undefined,
      dueFrom: draft.dueFrom.trim() || undefined,
      dueTo: draft.dueTo.trim() || undefined,
      minAmount: amounts.minAmount,
      maxAmount: amounts.maxAmount,
    });
  }

  function clear() {
    setDraft({ status: '', q: '', issuedFrom: '', issuedTo: '', dueFrom: '', dueTo: '', minAmount: '', maxAmount: '' });
    setErrors({});
    setParams(new URLSearchParams(filter.sort && filter.sort !== 'due' ? { sort: filter.sort } : {}));
  }

  function quick(status: InvoiceStatus | '') {
    setDraft((d) => ({ ...d, status }));
    update({ status: status || undefined });
  }

  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const quickFilters: { status: InvoiceStatus | ''; label: string }[] = [
    { status: '', label: t('invoices.tabs.all') },
    { status: 'rejected', label: t('invoices.tabs.rejected') },
    { status: 'suspected_duplicate', label: t('invoices.tabs.suspected') },
  ];
  const total = list.data?.total ?? 0;
  const from = total === 0 ? 0 : (filter.offset ?? 0) + 1;
  const to = Math.min(total, (filter.offset ?? 0) + PAGE_SIZE);

  return (
    <>
      <PageHeader
        title={t('invoices.title')}
        intro={t('invoices.intro')}
        actions={canView('receiveInvoice', user.roles) ? <Link className="button button-primary" to="/ta-emot-faktura">{t('nav.receiveInvoice')}</Link> : undefined}
      />
      <nav className="quick-filters" aria-label={t('invoices.quickFilters')}>
        <ul>
          {quickFilters.map((q) => (
            <li key={q.status || 'all'}>
              <a
                href={q.status ? `?status=${q.status}` : '?'}
                aria-current={(filter.status ?? '') === q.status ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  quick(q.status);
                }}
              >
                {q.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section className="card" aria-labelledby="invoice-filter-heading">
        <h2 id="invoice-filter-heading" className="visually-hidden">{t('invoices.filters')}</h2>
        <form className="filter-grid" role="search" aria-label={t('invoices.filters')} onSubmit={apply} noValidate>
          <TextField label={t('invoices.q')} type="search" value={draft.q} onChange={set('q')} hint={t('invoices.qHint')} className="span-2" />
          <SelectField
            label={t('common.status')}
            value={draft.status}
            onChange={set('status')}
            placeholder={t('invoices.allStatuses')}
            options={STATUSES.map((s) => ({ value: s, label: t(`invoices.statuses.${s}`) }))}
          />
          <div className="filters-actions">
            <button type="submit" className="button button-primary">{t('audit.apply')}</button>
            <button type="button" className="button" onClick={clear}>{t('audit.clear')}</button>
          </div>
          <details className="more-filters span-4" open={more} onToggle={(e) => setMore(e.currentTarget.open)}>
            <summary>{t('invoices.moreFilters')}</summary>
            <div className="filter-grid">
            <TextField label={t('invoices.issuedFrom')} type="date" value={draft.issuedFrom} onChange={set('issuedFrom')} error={errors.issuedFrom} />
            <TextField label={t('invoices.issuedTo')} type="date" value={draft.issuedTo} onChange={set('issuedTo')} error={errors.issuedTo} />
            <TextField label={t('invoices.dueFrom')} type="date" value={draft.dueFrom} onChange={set('dueFrom')} error={errors.dueFrom} />
            <TextField label={t('invoices.dueTo')} type="date" value={draft.dueTo} onChange={set('dueTo')} error={errors.dueTo} />
            <TextField label={t('invoices.minAmount')} value={draft.minAmount} onChange={set('minAmount')} inputMode="decimal" error={errors.minAmount} />
            <TextField label={t('invoices.maxAmount')} value={draft.maxAmount} onChange={set('maxAmount')} inputMode="decimal" error={errors.maxAmount} />
            </div>
          </details>
        </form>
      </section>
      <section className="card" aria-labelledby="invoice-list-heading">
        <div className="card-header">
          <div>
            <h2 id="invoice-list-heading">{filter.status ? t(`invoices.statusHeading.${filter.status}`) : t('invoices.listHeading')}</h2>
            {list.data ? <p className="muted list-count" role="status">{t('invoices.showing', { from, to, total })}</p> : null}
          </div>
          <SelectField
            className="sort-field"
            label={t('invoices.sort')}
            value={filter.sort ?? 'due'}
            onChange={(v) => update({ sort: v === 'due' ? undefined : v })}
            options={SORTS.map((s) => ({ value: s, label: t(`invoices.sorts.${s}`) }))}
          />
        </div>
        {filter.supplierId ? (
          <p className="alert alert-info filter-note">
            {t('invoices.supplierFilter', { name: list.data?.invoices[0]?.sellerName ?? '…' })}{' '}
            <button type="button" className="button-link" onClick={() => update({ supplierId: undefined })}>{t('invoices.allSuppliers')}</button>
          </p>
        ) : null}
        {list.isPending ? <Loading /> : list.isError ? <QueryError error={list.error} /> : list.data.invoices.length === 0 ? <p>{t('invoices.empty')}</p> : (
          <>
            <InvoiceTable invoices={list.data.invoices} caption={t('invoices.listCaption', { from, to, total })} />
            <nav className="pager" aria-label={t('common.pagination')}>
              <button type="button" className="button" disabled={page <= 1} onClick={() => update({ sida: page - 1 > 1 ? String(page - 1) : undefined })}>{t('common.previous')}</button>
              <span>{t('invoices.pageOf', { page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) })}</span>
              <button type="button" className="button" disabled={to >= total} onClick={() => update({ sida: String(page + 1) })}>{t('common.next')}</button>
            </nav>
          </>
        )}
      </section>
    </>
  );
}

export function InvoiceTable({ invoices, caption, hideSupplier }: { invoices: InvoiceSummary[]; caption: string; hideSupplier?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table-invoices">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoices.invoiceNumber')}</th>
            {hideSupplier ? null : <th scope="col">{t('invoices.supplier')}</th>}
            <th scope="col">{t('invoices.issueDate')}</th>
            <th scope="col">{t('invoices.dueDate')}</th>
            <th scope="col" className="num">{t('invoices.amount')}</th>
            <th scope="col">{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((inv) => (
            <tr key={inv.id} className={inv.overdue ? 'row-overdue' : undefined}>
              <td>
                <Link to={`/fakturor/${encodeURIComponent(inv.id)}`} className="strong">{inv.invoiceNumber ?? t('invoice.noNumber')}</Link>
                <span className="cell-badges">
                  <FormatBadge invoice={inv} />
                  {inv.isCreditNote ? <Badge tone="neutral">{t('invoices.creditNote')}</Badge> : null}
                </span>
              </td>
              {hideSupplier ? null : (
                <td>
                  <span className="strong-plain">{inv.sellerName ?? '–'}</span>
                  {inv.sellerOrgNumber ? <span className="sub">{inv.sellerOrgNumber}</span> : null}
                </td>
              )}
              <td className="nowrap">{formatDate(inv.issueDate)}</td>
              <td><DueDate invoice={inv} /></td>
              <td className="num"><Amount value={inv.grossAmount} currency={inv.currency} /></td>
              <td>
                <span className="cell-badges">
                  <InvoiceStatusBadge status={inv.status} />
                  {inv.fatalCount || inv.warningCount ? <FindingCounts fatal={inv.fatalCount} warning={inv.warningCount} /> : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
