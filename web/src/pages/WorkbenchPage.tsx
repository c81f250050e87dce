// Arbetsbänken: accounts payable's queues with counts, the selected queue sorted by due date, what
// is at risk of late-payment cost, and the queue actions (assign a receiver, decide a duplicate).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { handling as handlingApi, invoices as invoicesApi } from '../api/endpoints.ts';
import type { InvoiceSummary, QueueId } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canEdit } from '../auth/access.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatAmount, formatDate } from '../i18n/format.ts';
import { Checkbox, Dialog, FormError, LiveStatus, Loading, PageHeader, QueryError, SelectField, TextField } from '../components/ui.tsx';
import { Amount, DueDate } from '../components/invoice.tsx';

const QUEUES: readonly QueueId[] = ['to_identify', 'to_code', 'to_review', 'to_approve', 'disputed', 'rejected', 'suspected_duplicate'];
const PAGE = 50;

function isQueue(v: string | null): v is QueueId {
  return (QUEUES as readonly (string | null)[]).includes(v);
}

export function WorkbenchPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const [params, setParams] = useSearchParams();
  const raw = params.get('ko');
  const queue: QueueId = isQueue(raw) ? raw : 'to_identify';
  const offset = Math.max(0, Number(params.get('fran') ?? 0) || 0);
  const editable = canEdit('workbench', user.roles);
  const bench = useQuery({ queryKey: ['workbench'], queryFn: handlingApi.workbench });
  const list = useQuery({ queryKey: ['invoices', 'queue', queue, offset], queryFn: () => invoicesApi.list({ status: queue, sort: 'due', limit: PAGE, offset }) });
  const [assigning, setAssigning] = useState<InvoiceSummary | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const qc = useQueryClient();
  const duplicate = useMutation({
    mutationFn: ({ inv, dup }: { inv: InvoiceSummary; dup: boolean }) => handlingApi.duplicate(inv.id, dup),
    onSuccess: async (_r, { inv, dup }) => {
      setStatus(t(dup ? 'handling.workbench.markedDuplicate' : 'handling.workbench.markedNotDuplicate', { number: inv.invoiceNumber ?? '' }));
      await qc.invalidateQueries({ queryKey: ['invoices'] });
      await qc.invalidateQueries({ queryKey: ['workbench'] });
    },
  });

  const heading = t(`handling.queues.${queue}`);
  return (
    <>
      <PageHeader title={t('handling.workbench.title')} intro={t('handling.workbench.intro')} />
      {bench.isError ? <QueryError error={bench.error} /> : null}
      {bench.data ? <AtRisk atRisk={bench.data.atRisk} /> : null}
      <nav className="tabs" aria-label={t('handling.workbench.queues')}>
        <ul>
          {QUEUES.map((q) => (
            <li key={q}>
              <Link to={`?ko=${q}`} aria-current={q === queue ? 'page' : undefined}>
                {t(`handling.queues.${q}`)}
                <span className="queue-count">{bench.data ? bench.data.queues[q] ?? 0 : '…'}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <LiveStatus message={status} />
      {duplicate.isError ? <QueryError error={duplicate.error} /> : null}
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{heading}</h2>
        {list.isPending ? <Loading /> : list.isError ? <QueryError error={list.error} /> : list.data.invoices.length === 0 ? (
          <p className="ok-text">{t('handling.workbench.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('handling.workbench.caption', { queue: heading, total: list.data.total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('invoices.supplier')}</th>
                    <th scope="col">{t('invoices.invoiceNumber')}</th>
                    <th scope="col">{t('handling.workbench.reference')}</th>
                    <th scope="col" className="num">{t('invoices.amount')}</th>
                    <th scope="col">{t('invoices.dueDate')}</th>
                    {editable && (queue === 'to_identify' || queue === 'suspected_duplicate') ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {list.data.invoices.map((inv) => (
                    <tr key={inv.id} className={inv.overdue ? 'row-overdue' : undefined}>
                      <td>{inv.sellerName ?? '–'}</td>
                      <td><Link to={`/fakturor/${encodeURIComponent(inv.id)}`}>{inv.invoiceNumber ?? t('invoice.noNumber')}</Link></td>
                      <td>
                        {inv.buyerReference ?? '–'}
                        {inv.orderReference ? <span className="sub">{t('handling.workbench.order', { ref: inv.orderReference })}</span> : null}
                      </td>
                      <td className="num"><Amount value={inv.grossAmount} currency={inv.currency} /></td>
                      <td><DueDate invoice={inv} /></td>
                      {editable && queue === 'to_identify' ? (
                        <td className="row-actions">
                          <button type="button" className="button button-small" onClick={() => setAssigning(inv)} aria-label={t('handling.workbench.assignFor', { number: inv.invoiceNumber ?? '' })}>
                            {t('handling.workbench.assign')}
                          </button>
                        </td>
                      ) : null}
                      {editable && queue === 'suspected_duplicate' ? (
                        <td className="row-actions">
                          <button type="button" className="button button-small button-danger" disabled={duplicate.isPending} onClick={() => duplicate.mutate({ inv, dup: true })}>{t('handling.workbench.isDuplicate')}</button>
                          <button type="button" className="button button-small" disabled={duplicate.isPending} onClick={() => duplicate.mutate({ inv, dup: false })}>{t('handling.workbench.notDuplicate')}</button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {list.data.total > PAGE ? (
              <div className="pager">
                <span>{t('handling.workbench.range', { from: offset + 1, to: Math.min(list.data.total, offset + PAGE), total: list.data.total })}</span>
                <button type="button" className="button" disabled={offset === 0} onClick={() => setParams({ ko: queue, fran: String(Math.max(0, offset - PAGE)) })}>{t('handling.workbench.previous')}</button>
                <button type="button" className="button" disabled={offset + PAGE >= list.data.total} onClick={() => setParams({ ko: queue, fran: String(offset + PAGE) })}>{t('handling.workbench.next')}</button>
              </div>
            ) : null}
          </>
        )}
      </section>
      {assigning ? (
        <AssignDialog
          invoice={assigning}
          onClose={() => setAssigning(null)}
          onDone={(name) => {
            setStatus(t('handling.workbench.assigned', { number: assigning.invoiceNumber ?? '', name }));
            setAssigning(null);
          }}
        />
      ) : null}
    </>
  );
}

function AtRisk({ atRisk: r }: { atRisk: { dueSoon: number; overdue: number; overdueAmount: string; overdueCostIfPaidToday: string; feesIfAllLate: string; dueSoonLimit: string } }) {
  const { t } = useTranslation();
  const loc = currentLocale();
  return (
    <section className="card at-risk" aria-labelledby="risk-heading">
      <h2 id="risk-heading">{t('handling.risk.title')}</h2>
      <dl className="risk-facts">
        <div className={r.overdue ? 'risk-bad' : undefined}>
          <dt>{t('handling.risk.overdue')}</dt>
          <dd>{t('handling.risk.overdueValue', { count: r.overdue, amount: formatAmount(r.overdueAmount, 'SEK', loc) })}</dd>
        </div>
        <div>
          <dt>{t('handling.risk.costToday')}</dt>
          <dd>{formatAmount(r.overdueCostIfPaidToday, 'SEK', loc)}</dd>
        </div>
        <div>
          <dt>{t('handling.risk.dueSoon', { date: formatDate(r.dueSoonLimit) })}</dt>
          <dd>{t('handling.risk.invoices', { count: r.dueSoon })}</dd>
        </div>
        <div>
          <dt>{t('handling.risk.fees')}</dt>
          <dd>{formatAmount(r.feesIfAllLate, 'SEK', loc)}</dd>
        </div>
      </dl>
    </section>
  );
}

function AssignDialog({ invoice, onClose, onDone }: { invoice: InvoiceSummary; onClose: () => void; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const codes = useQuery({ queryKey: ['reference-codes'], queryFn: handlingApi.referenceCodes });
  const [code, setCode] = useState('');
  const [username, setUsername] = useState('');
  const [rule, setRule] = useState(false);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const assign = useMutation({
    mutationFn: () => handlingApi.assign(invoice.id, {
      ...(code ? { referenceCode: code } : { username: username.trim() }),
      createSupplierRule: rule, comment: comment.trim() || null,
    }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['invoices'] });
      await qc.invalidateQueries({ queryKey: ['workbench'] });
      await qc.invalidateQueries({ queryKey: ['tasks'] });
      const c = codes.data?.find((x) => x.code === code);
      onDone(c ? `${c.displayName} (${c.code})` : username.trim());
    },
  });
  const active = (codes.data ?? []).filter((c) => c.active);
  return (
    <Dialog title={t('handling.assign.title', { number: invoice.invoiceNumber ?? '' })} onClose={onClose}>
      <p className="muted">
        {invoice.sellerName ?? '–'} · {t('handling.assign.reference', { ref: invoice.buyerReference ?? '–' })} · <Amount value={invoice.grossAmount} currency={invoice.currency} />
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!code && !username.trim()) {
            setMissing(true);
            return;
          }
          setMissing(false);
          assign.mutate();
        }}
      >
        <SelectField
          label={t('handling.assign.code')}
          value={code}
          onChange={(v) => { setCode(v); if (v) setUsername(''); }}
          placeholder={t('handling.assign.choose')}
          options={active.map((c) => ({ value: c.code, label: `${c.code} – ${c.displayName}${c.ansvar ? ` (${t('handling.attest.ansvar', { ansvar: c.ansvar })})` : ''}` }))}
          error={missing ? t('handling.assign.missing') : undefined}
        />
        <TextField label={t('handling.assign.username')} value={username} onChange={(v) => { setUsername(v); if (v) setCode(''); }} optional hint={t('handling.assign.usernameHint')} autoComplete="off" />
        <Checkbox label={t('handling.assign.rule')} checked={rule} onChange={setRule} hint={t('handling.assign.ruleHint')} />
        <TextField label={t('handling.assign.comment')} value={comment} onChange={setComment} optional maxLength={2000} />
        <FormError error={assign.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={assign.isPending}>{t('handling.assign.submit')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
