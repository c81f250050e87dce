// Small building blocks shared by the invoice screens: status and format badges, the due-date
// cell (days to due, overdue in colour *and* words) and the validation findings table.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Finding, InvoiceStatus, InvoiceSummary } from '../api/types.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatAmount, formatDate } from '../i18n/format.ts';
import { Badge, type BadgeTone } from './ui.tsx';

const STATUS_TONE: Record<InvoiceStatus, BadgeTone> = {
  to_identify: 'warning',
  to_code: 'info',
  to_review: 'info',
  to_approve: 'info',
  approved: 'success',
  disputed: 'error',
  rejected: 'error',
  suspected_duplicate: 'warning',
  dismissed_duplicate: 'muted',
};

const OPEN: readonly InvoiceStatus[] = ['to_identify', 'to_code', 'to_review', 'to_approve', 'suspected_duplicate'];

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{t(`invoices.statuses.${status}`)}</Badge>;
}

/** PDF invoices are typed in by a clerk; everything else arrived as a structured e-invoice. */
export function isPdfInvoice(inv: { format: string; source: string }): boolean {
  return /pdf/i.test(inv.format) || /pdf/i.test(inv.source);
}

export function FormatBadge({ invoice }: { invoice: { format: string; source: string } }) {
  const { t } = useTranslation();
  return isPdfInvoice(invoice) ? <Badge tone="warning">{t('invoices.formats.pdf')}</Badge> : <Badge tone="info">{t('invoices.formats.einvoice')}</Badge>;
}

/** Amount in the invoice's currency, or a dash. */
export function Amount({ value, currency }: { value: string | null; currency?: string | null }) {
  if (value === null || value === undefined) return <>–</>;
  return <span className="nowrap">{formatAmount(value, currency || 'SEK', currentLocale())}</span>;
}

export function dueText(t: TFunction, inv: Pick<InvoiceSummary, 'daysToDue' | 'overdue' | 'status'>): string | null {
  if (inv.daysToDue === null) return null;
  if (inv.overdue) return t('invoices.overdueDays', { count: Math.abs(inv.daysToDue) });
  if (inv.daysToDue === 0) return t('invoices.dueToday');
  if (inv.daysToDue < 0) return t('invoices.pastDue', { count: Math.abs(inv.daysToDue) });
  return t('invoices.daysLeft', { count: inv.daysToDue });
}

export function DueDate({ invoice }: { invoice: Pick<InvoiceSummary, 'dueDate' | 'daysToDue' | 'overdue' | 'status'> }) {
  const { t } = useTranslation();
  const text = dueText(t, invoice);
  const soon = !invoice.overdue && invoice.daysToDue !== null && invoice.daysToDue >= 0 && invoice.daysToDue <= 5 && OPEN.includes(invoice.status);
  return (
    <span className={`due${invoice.overdue ? ' due-overdue' : soon ? ' due-soon' : ''}`}>
      <span className="due-date">{formatDate(invoice.dueDate)}</span>
      {text ? (
        <span className="due-days">
          {invoice.overdue ? <span aria-hidden="true" className="due-icon">!</span> : null}
          {text}
        </span>
      ) : null}
    </span>
  );
}

export function FindingCounts({ fatal, warning }: { fatal: number; warning: number }) {
  const { t } = useTranslation();
  if (!fatal && !warning) return <span className="muted">{t('invoices.noFindings')}</span>;
  return (
    <span className="finding-counts">
      {fatal ? <Badge tone="error">{t('invoices.fatalCount', { count: fatal })}</Badge> : null}
      {warning ? <Badge tone="warning">{t('invoices.warningCount', { count: warning })}</Badge> : null}
    </span>
  );
}

export function FindingsTable({ findings, caption }: { findings: readonly Finding[]; caption: string }) {
  const { t } = useTranslation();
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'fatal' ? -1 : 1));
  return (
    <div className="table-wrap">
      <table className="table table-findings">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoice.severity')}</th>
            <th scope="col">{t('invoice.message')}</th>
            <th scope="col">{t('invoice.rule')}</th>
            <th scope="col">{t('invoice.location')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((f, i) => (
            <tr key={`${f.rule}-${i}`} className={f.severity === 'fatal' ? 'finding-fatal' : 'finding-warning'}>
              <td><Badge tone={f.severity === 'fatal' ? 'error' : 'warning'}>{t(`invoice.severities.${f.severity}`)}</Badge></td>
              <td>{f.message}</td>
              <td className="code">{f.rule}</td>
              <td className="code break">{f.location || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
