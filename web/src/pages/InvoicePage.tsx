import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { audit as auditApi, invoices as invoicesApi, invoiceUrls } from '../api/endpoints.ts';
import type { AuditEvent, InvoiceAttachment, InvoiceDetail } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canView } from '../auth/access.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatDate, formatDecimal, formatTimestamp } from '../i18n/format.ts';
import { sv } from '../i18n/sv.ts';
import { Loading, PageHeader, QueryError } from '../components/ui.tsx';
import { Amount, DueDate, FindingsTable, FormatBadge, InvoiceStatusBadge, isPdfInvoice } from '../components/invoice.tsx';
import { AttestSection, CodingSection, LatePaymentBox } from '../components/handling.tsx';

const KNOWN_ACTIONS = Object.entries(sv.audit.actions).flatMap(([group, acts]) => Object.keys(acts).map((a) => `${group}.${a}`));
const INLINE_TYPES = /^(application\/pdf|image\/(png|jpeg|gif|webp))$/i;

export function InvoicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useRequiredSession();
  const inv = useQuery({ queryKey: ['invoices', 'one', id], queryFn: () => invoicesApi.get(id) });
  const showHistory = canView('audit', user.roles);
  const title = inv.data
    ? t(inv.data.isCreditNote ? 'invoice.creditTitle' : 'invoice.title', { number: inv.data.invoiceNumber ?? t('invoice.noNumber') })
    : t('invoice.loadingTitle');

  return (
    <>
      <p className="breadcrumb">
        {canView('invoices', user.roles) ? <Link to="/fakturor">{t('invoice.back')}</Link> : <Link to="/uppgifter">{t('handling.tasks.back')}</Link>}
      </p>
      <PageHeader
        title={title}
        intro={inv.data ? <InvoiceIntro invoice={inv.data} /> : undefined}
        actions={inv.data ? (
          <>
            <a className="button" href={invoiceUrls.original(inv.data.id)} download>
              {isPdfInvoice(inv.data) ? t('invoice.originalPdf') : t('invoice.original')}
            </a>
          </>
        ) : undefined}
      />
      {inv.isPending ? <Loading /> : inv.isError ? <QueryError error={inv.error} /> : (
        <InvoiceBody invoice={inv.data} showHistory={showHistory} />
      )}
    </>
  );
}

function InvoiceIntro({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  return (
    <span className="intro-badges">
      <InvoiceStatusBadge status={invoice.status} />
      <FormatBadge invoice={invoice} />
      <span>{invoice.sellerName ?? t('invoice.unknownSupplier')}</span>
    </span>
  );
}

function InvoiceBody({ invoice: inv, showHistory }: { invoice: InvoiceDetail; showHistory: boolean }) {
  const { t } = useTranslation();
  const cur = inv.currency;
  const fatal = inv.findings.filter((f) => f.severity === 'fatal').length;
  const warnings = inv.findings.length - fatal;
  // one of the two references is required (PEPPOL-EN16931-R003): flag them only when both are missing
  const missingRef = inv.buyerReference || inv.orderReference ? '–' : <span className="missing">{t('invoice.missing')}</span>;
  return (
    <>
      {inv.status === 'rejected' ? (
        <div className="alert alert-error" role="alert">
          <p>{t('invoice.rejectedTitle')}</p>
          <p className="alert-body">{t(inv.responseStatus === 'not_sent' ? 'invoice.rejectedTextNotSent' : inv.responseStatus === 'pending' ? 'invoice.rejectedTextPending' : 'invoice.rejectedText')}</p>
          <p className="alert-body"><a href="#findings-heading">{t('invoice.seeFindings', { count: fatal })}</a></p>
        </div>
      ) : null}
      {inv.status === 'suspected_duplicate' || inv.status === 'dismissed_duplicate' ? (
        <div className="alert alert-warning" role="status">
          <p>{inv.status === 'suspected_duplicate' ? t('invoice.duplicateTitle') : t('invoice.dismissedDuplicateTitle')}</p>
          <p className="alert-body">{t('invoice.duplicateText')}</p>
          {inv.duplicateReason ? <p className="alert-body">{t('invoice.duplicateReason', { reason: inv.duplicateReason })}</p> : null}
          {inv.duplicateOf ? <p className="alert-body"><Link to={`/fakturor/${encodeURIComponent(inv.duplicateOf)}`}>{t('invoice.duplicateOf')}</Link></p> : null}
        </div>
      ) : null}

      <LatePaymentBox invoice={inv} />
      <AttestSection invoice={inv} />

      <div className="grid-2 invoice-head">
        <section className="card" aria-labelledby="supplier-heading">
          <h2 id="supplier-heading">{t('invoice.supplier')}</h2>
          <dl className="facts facts-stacked">
            <div>
              <dt>{t('invoice.supplierName')}</dt>
              <dd>
                {inv.supplierId ? <Link to={`/leverantorer/${encodeURIComponent(inv.supplierId)}`}>{inv.sellerName ?? inv.supplierId}</Link> : (inv.sellerName ?? '–')}
                {!inv.supplierId ? <span className="sub">{t('invoice.notInRegister')}</span> : null}
              </dd>
            </div>
            <div><dt>{t('invoice.orgNumber')}</dt><dd>{inv.sellerOrgNumber ?? '–'}</dd></div>
            <div><dt>{t('invoice.vatNumber')}</dt><dd>{inv.sellerVatNumber ?? '–'}</dd></div>
            {inv.sellerEndpoint ? <div><dt>{t('invoice.peppolId')}</dt><dd className="code">{inv.sellerEndpoint}</dd></div> : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="refs-heading">
          <h2 id="refs-heading">{t('invoice.head')}</h2>
          <dl className="facts facts-grid">
            <div><dt>{t('invoice.issueDate')}</dt><dd>{formatDate(inv.issueDate)}</dd></div>
            <div><dt>{t('invoice.dueDate')}</dt><dd><DueDate invoice={inv} /></dd></div>
            <div><dt>{t('invoice.buyerReference')}</dt><dd>{inv.buyerReference ?? missingRef}</dd></div>
            <div><dt>{t('invoice.orderReference')}</dt><dd>{inv.orderReference ?? missingRef}</dd></div>
            {inv.contractReference ? <div><dt>{t('invoice.contractReference')}</dt><dd>{inv.contractReference}</dd></div> : null}
            <div><dt>{t('invoice.paymentReference')}</dt><dd className="code">{inv.paymentReference ?? '–'}</dd></div>
            <div>
              <dt>{t('invoice.paymentAccounts')}</dt>
              <dd>
                {inv.paymentAccounts.length === 0 ? '–' : (
                  <ul className="plain-list">
                    {inv.paymentAccounts.map((a, i) => (
                      <li key={`${a.type}-${a.id}-${i}`}>
                        <span className="account-type">{accountTypeLabel(t, a.type)}</span> <span className="code">{a.id}</span>
                        {a.bic ? <span className="sub">BIC {a.bic}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div><dt>{t('invoice.received')}</dt><dd>{formatTimestamp(inv.receivedAt)}</dd></div>
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t('invoice.amounts')}</h2>
        <dl className="totals">
          <div><dt>{t('invoice.net')}</dt><dd><Amount value={inv.netAmount} currency={cur} /></dd></div>
          <div><dt>{t('invoice.vat')}</dt><dd><Amount value={inv.vatAmount} currency={cur} /></dd></div>
          <div><dt>{t('invoice.gross')}</dt><dd><Amount value={inv.grossAmount} currency={cur} /></dd></div>
          <div className="totals-payable"><dt>{t('invoice.payable')}</dt><dd><Amount value={inv.payableAmount} currency={cur} /></dd></div>
        </dl>
      </section>

      <CodingSection invoice={inv} />

      <section className="card" aria-labelledby="findings-heading" id="findings">
        <h2 id="findings-heading" tabIndex={-1}>{t('invoice.findings')}</h2>
        {inv.findings.length === 0 ? <p className="ok-text">{t('invoice.noFindingsText')}</p> : (
          <>
            <p className="muted">{t('invoice.findingsSummary', { fatal, warnings })}</p>
            <FindingsTable findings={inv.findings} caption={t('invoice.findings')} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="lines-heading">
        <h2 id="lines-heading">{t('invoice.lines')}</h2>
        {inv.lines.length === 0 ? <p>{t('invoice.noLines')}</p> : (
          <div className="table-wrap" tabIndex={0}>
            <table className="table table-lines">
              <caption className="visually-hidden">{t('invoice.lines')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">{t('invoice.lineNo')}</th>
                  <th scope="col">{t('invoice.description')}</th>
                  <th scope="col" className="num">{t('invoice.quantity')}</th>
                  <th scope="col" className="num">{t('invoice.price')}</th>
                  <th scope="col" className="num">{t('invoice.lineNet')}</th>
                  <th scope="col" className="num">{t('invoice.vatRate')}</th>
                </tr>
              </thead>
              <tbody>
                {inv.lines.map((l) => (
                  <tr key={l.position}>
                    <td className="num">{l.lineId ?? l.position}</td>
                    <td>
                      {l.description ?? '–'}
                      {l.sellersItemId ? <span className="sub">{t('invoice.itemId', { id: l.sellersItemId })}</span> : null}
                      {l.note ? <span className="sub">{l.note}</span> : null}
                      {l.periodStart || l.periodEnd ? <span className="sub">{`${formatDate(l.periodStart)} – ${formatDate(l.periodEnd)}`}</span> : null}
                    </td>
                    <td className="num nowrap">{l.quantity !== null ? `${formatQuantity(l.quantity)}${l.unitCode ? ` ${unitLabel(t, l.unitCode)}` : ''}` : '–'}</td>
                    <td className="num"><Amount value={l.netPrice} currency={cur} /></td>
                    <td className="num"><Amount value={l.netAmount} currency={cur} /></td>
                    <td className="num nowrap">{l.vatRate !== null ? `${formatRate(l.vatRate)} %` : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="vat-heading">
        <h2 id="vat-heading">{t('invoice.vatBreakdown')}</h2>
        {inv.vat.length === 0 ? <p>{t('invoice.noVat')}</p> : (
          <div className="table-wrap" tabIndex={0}>
            <table className="table table-compact table-vat">
              <caption className="visually-hidden">{t('invoice.vatBreakdown')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('invoice.vatCategory')}</th>
                  <th scope="col" className="num">{t('invoice.vatRate')}</th>
                  <th scope="col" className="num">{t('invoice.taxable')}</th>
                  <th scope="col" className="num">{t('invoice.taxAmount')}</th>
                </tr>
              </thead>
              <tbody>
                {inv.vat.map((v) => (
                  <tr key={v.position}>
                    <td>
                      {vatCategoryLabel(t, v.category)}
                      {v.exemptionReason ? <span className="sub">{v.exemptionReason}</span> : null}
                    </td>
                    <td className="num">{v.rate !== null ? `${formatRate(v.rate)} %` : '–'}</td>
                    <td className="num"><Amount value={v.taxableAmount} currency={cur} /></td>
                    <td className="num"><Amount value={v.taxAmount} currency={cur} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">{t('invoice.attachments')}</h2>
        {inv.attachments.length === 0 ? <p className="muted">{t('invoice.noAttachments')}</p> : (
          <ul className="attachment-list">
            {inv.attachments.map((a) => <AttachmentItem key={a.position} invoiceId={inv.id} attachment={a} />)}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="image-heading">
        <div className="card-header">
          <h2 id="image-heading">{t('invoice.image')}</h2>
          <a href={invoiceUrls.view(inv.id)} target="_blank" rel="noopener noreferrer">{t('invoice.openImage')}</a>
        </div>
        <iframe
          className="invoice-frame"
          sandbox=""
          src={invoiceUrls.view(inv.id)}
          title={t('invoice.imageTitle', { number: inv.invoiceNumber ?? t('invoice.noNumber') })}
        />
      </section>

      {showHistory ? <History invoiceId={inv.id} /> : null}
    </>
  );
}

function AttachmentItem({ invoiceId, attachment: a }: { invoiceId: string; attachment: InvoiceAttachment }) {
  const { t } = useTranslation();
  const name = a.filename ?? a.description ?? a.referenceId ?? t('invoice.attachmentN', { n: a.position });
  const inline = a.mimeCode !== null && INLINE_TYPES.test(a.mimeCode);
  if (a.externalUri && a.size === null) {
    return (
      <li>
        <span className="strong">{name}</span>
        <span className="sub">{t('invoice.externalAttachment', { uri: a.externalUri })}</span>
      </li>
    );
  }
  return (
    <li>
      <span className="attachment-name">
        <span className="strong">{name}</span>
        <span className="sub">
          {[a.description && a.description !== name ? a.description : null, a.mimeCode, a.size !== null ? formatSize(a.size) : null].filter(Boolean).join(' · ')}
        </span>
      </span>
      <span className="attachment-actions">
        {inline ? (
          <a className="button button-small" href={invoiceUrls.attachment(invoiceId, a.position, true)} target="_blank" rel="noopener noreferrer" aria-label={t('invoice.viewAttachment', { name })}>
            {t('invoice.view')}
          </a>
        ) : null}
        <a className="button button-small" href={invoiceUrls.attachment(invoiceId, a.position, false)} download aria-label={t('invoice.downloadAttachment', { name })}>
          {t('invoice.download')}
        </a>
      </span>
    </li>
  );
}

function History({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation();
  const events = useQuery({
    queryKey: ['audit', 'invoice', invoiceId],
    queryFn: () => auditApi.events({ entityType: 'invoice', entityId: invoiceId }, null, 100),
  });
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('invoice.history')}</h2>
      {events.isPending ? <Loading /> : events.isError ? <QueryError error={events.error} /> : events.data.events.length === 0 ? <p className="muted">{t('invoice.historyEmpty')}</p> : (
        <ol className="timeline">
          {events.data.events.map((e: AuditEvent) => (
            <li key={String(e.seq)}>
              <span className="timeline-when">{formatTimestamp(e.occurredAt)}</span>
              <span className="strong">{KNOWN_ACTIONS.includes(e.action) ? t(`audit.actions.${e.action}`) : e.action}</span>
              <span className="sub">{e.actor ? t('invoice.by', { name: e.actor.username }) : t('audit.system')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function formatQuantity(q: string): string {
  const trimmed = q.includes('.') ? q.replace(/0+$/, '').replace(/\.$/, '') : q;
  const digits = trimmed.includes('.') ? trimmed.split('.')[1]!.length : 0;
  return formatDecimal(trimmed, currentLocale(), digits);
}

function formatRate(r: string): string {
  return formatQuantity(r);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatDecimal((bytes / 1024).toFixed(1), currentLocale(), 1)} kB`;
  return `${formatDecimal((bytes / 1024 / 1024).toFixed(1), currentLocale(), 1)} MB`;
}

type T = ReturnType<typeof useTranslation>['t'];

const UNIT_KEYS = ['EA', 'C62', 'H87', 'HUR', 'DAY', 'MON', 'KGM', 'LTR', 'MTR', 'KWH', 'XPK', 'XBX', 'SET', 'MTK', 'TNE'] as const;

function unitLabel(t: T, code: string): string {
  return (UNIT_KEYS as readonly string[]).includes(code) ? t(`invoice.units.${code}`) : code;
}

export function accountTypeLabel(t: T, type: string): string {
  const known = ['bankgiro', 'plusgiro', 'bank', 'iban'];
  return known.includes(type) ? t(`supplier.accountTypes.${type}`) : type;
}

function vatCategoryLabel(t: T, category: string | null): string {
  if (!category) return '–';
  const known = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'];
  return known.includes(category) ? `${category} – ${t(`invoice.vatCategories.${category}`)}` : category;
}
