// Betalningar: payment proposals (made by one ekonom, approved by another – four eyes), the
// proposal with its payments and the pain.001 payment file, and the payment holds the controls
// raised, which a second person releases with a documented reason.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { payments as paymentsApi } from '../api/endpoints.ts';
import type { PaymentHold, PaymentItemStatus, ProposalDetail, ProposalStatus } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canEdit } from '../auth/access.ts';
import { currentLocale } from '../i18n/index.ts';
import { addDays, formatAmount, formatDate, formatTimestamp, isIsoDate, todayIso } from '../i18n/format.ts';
import { Badge, Dialog, FormError, LiveStatus, Loading, PageHeader, QueryError, TextField, type BadgeTone } from '../components/ui.tsx';

function Kr({ value }: { value: string | null }) {
  if (value === null) return <>–</>;
  return <span className="nowrap">{formatAmount(value, 'SEK', currentLocale())}</span>;
}

const PROPOSAL_TONE: Record<ProposalStatus, BadgeTone> = { proposed: 'warning', approved: 'info', file_created: 'success', cancelled: 'muted' };
const ITEM_TONE: Record<PaymentItemStatus, BadgeTone> = { proposed: 'neutral', in_file: 'info', paid: 'success', returned: 'error', removed: 'muted' };

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return <Badge tone={PROPOSAL_TONE[status] ?? 'neutral'}>{t(`payments.statuses.${status}`)}</Badge>;
}

export function PaymentTabs() {
  const { t } = useTranslation();
  const holds = useQuery({ queryKey: ['payments', 'holds'], queryFn: paymentsApi.holds });
  return (
    <nav className="tabs" aria-label={t('payments.tabsLabel')}>
      <ul>
        <li><NavLink to="/betalningar" end>{t('payments.tabs.proposals')}</NavLink></li>
        <li>
          <NavLink to="/betalningar/sparrar">
            {t('payments.tabs.holds')}
            <span className="queue-count">{holds.data ? holds.data.length : '…'}</span>
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

export function PaymentsPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const editable = canEdit('payments', user.roles);
  const proposals = useQuery({ queryKey: ['payments', 'proposals'], queryFn: paymentsApi.proposals });
  return (
    <>
      <PageHeader title={t('payments.title')} intro={t('payments.intro')} />
      <PaymentTabs />
      {editable ? <NewProposal /> : null}
      <section className="card" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">{t('payments.list')}</h2>
        {proposals.isPending ? <Loading /> : proposals.isError ? <QueryError error={proposals.error} /> : proposals.data.length === 0 ? (
          <p className="muted">{t('payments.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('payments.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payments.number')}</th>
                  <th scope="col">{t('payments.until')}</th>
                  <th scope="col">{t('payments.status')}</th>
                  <th scope="col" className="num">{t('payments.invoices')}</th>
                  <th scope="col" className="num">{t('payments.total')}</th>
                  <th scope="col">{t('payments.createdBy')}</th>
                  <th scope="col">{t('payments.approvedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {proposals.data.map((p) => (
                  <tr key={p.id}>
                    <td><Link to={`/betalningar/${encodeURIComponent(p.id)}`}>{t('payments.proposalName', { number: p.number })}</Link></td>
                    <td>{formatDate(p.untilDate)}</td>
                    <td><ProposalStatusBadge status={p.status} /></td>
                    <td className="num">{p.invoiceCount}</td>
                    <td className="num"><Kr value={p.total} /></td>
                    <td>{p.createdBy} <span className="sub">{formatTimestamp(p.createdAt)}</span></td>
                    <td>{p.approvedBy ?? '–'}{p.approvedAt ? <span className="sub">{formatTimestamp(p.approvedAt)}</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function NewProposal() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [until, setUntil] = useState(() => addDays(todayIso(), 7));
  const [invalid, setInvalid] = useState(false);
  const create = useMutation({
    mutationFn: (d: string) => paymentsApi.createProposal(d),
    // the controls may have raised new holds either way
    onError: async () => {
      await qc.invalidateQueries({ queryKey: ['payments', 'holds'] });
    },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['payments'] });
      await qc.invalidateQueries({ queryKey: ['ledger'] });
      navigate(`/betalningar/${encodeURIComponent(r.proposal)}`, {
        state: { created: t('payments.created', { number: r.number, count: r.invoices, total: formatAmount(r.total, 'SEK', currentLocale()) }) + (r.held ? ` ${t('payments.createdHeld', { count: r.held })}` : '') },
      });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!isIsoDate(until.trim())) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    create.mutate(until.trim());
  }
  return (
    <section className="card" aria-labelledby="new-proposal-heading">
      <h2 id="new-proposal-heading">{t('payments.new')}</h2>
      <form noValidate onSubmit={submit}>
        <div className="field-row">
          <TextField label={t('payments.untilLabel')} type="date" value={until} onChange={setUntil} required hint={t('payments.untilHint')} error={invalid ? t('payments.invalidDate') : undefined} />
        </div>
        <FormError error={create.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>{t('payments.new')}</button>
        </div>
      </form>
    </section>
  );
}

export function ProposalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const proposal = useQuery({ queryKey: ['payments', 'proposal', id], queryFn: () => paymentsApi.proposal(id) });
  const title = proposal.data ? t('payments.proposalName', { number: proposal.data.number }) : t('payments.proposal');
  return (
    <>
      <p className="breadcrumb"><Link to="/betalningar">{t('payments.back')}</Link></p>
      <PageHeader title={title} />
      {proposal.isPending ? <Loading /> : proposal.isError ? <QueryError error={proposal.error} /> : <ProposalView proposal={proposal.data} />}
    </>
  );
}

function ProposalView({ proposal: p }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const editable = canEdit('payments', user.roles);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [status, setStatus] = useState<string | null>(() => (location.state as { created?: string } | null)?.created ?? null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['payments'] });
    await qc.invalidateQueries({ queryKey: ['ledger'] });
  };
  const act = useMutation({
    mutationFn: async (action: 'approve' | 'cancel' | 'file') => {
      if (action === 'approve') { await paymentsApi.approve(p.id); return t('payments.approved', { number: p.number }); }
      if (action === 'cancel') { await paymentsApi.cancel(p.id); return t('payments.cancelled', { number: p.number }); }
      const f = await paymentsApi.createFile(p.id);
      return t('payments.fileCreated', { filename: f.filename, count: f.payments, total: formatAmount(f.total, 'SEK', currentLocale()) });
    },
    onMutate: () => setStatus(null),
    onSuccess: async (message) => {
      setStatus(message);
      if (location.state) navigate(location.pathname, { replace: true, state: null });
      await refresh();
    },
  });
  const [confirmCancel, setConfirmCancel] = useState(false);
  const payments = new Set(p.items.map((i) => i.endToEndId)).size;
  return (
    <>
      <LiveStatus message={status} />
      <FormError error={act.error} />
      <section className="card" aria-labelledby="proposal-facts-heading">
        <h2 id="proposal-facts-heading" className="visually-hidden">{t('payments.facts')}</h2>
        <dl className="facts facts-grid">
          <div><dt>{t('payments.status')}</dt><dd><ProposalStatusBadge status={p.status} /></dd></div>
          <div><dt>{t('payments.until')}</dt><dd>{formatDate(p.untilDate)}</dd></div>
          <div><dt>{t('payments.invoices')}</dt><dd>{p.invoiceCount}</dd></div>
          <div><dt>{t('payments.payments')}</dt><dd>{payments}</dd></div>
          <div><dt>{t('payments.total')}</dt><dd className="strong"><Kr value={p.total} /></dd></div>
          <div><dt>{t('payments.createdBy')}</dt><dd>{p.createdBy} <span className="sub">{formatTimestamp(p.createdAt)}</span></dd></div>
          <div><dt>{t('payments.approvedBy')}</dt><dd>{p.approvedBy ? <>{p.approvedBy} <span className="sub">{p.approvedAt ? formatTimestamp(p.approvedAt) : ''}</span></> : t('payments.notApproved')}</dd></div>
          <div><dt>{t('payments.file')}</dt><dd>{p.file ? <>{p.file.filename} <span className="sub">{t('payments.fileFacts', { count: p.file.payments, total: formatAmount(p.file.total, 'SEK', currentLocale()) })}</span></> : t('payments.noFile')}</dd></div>
        </dl>
        {editable ? (
          <div className="form-actions">
            {p.status === 'proposed' ? (
              <button type="button" className="button button-primary" disabled={act.isPending} onClick={() => act.mutate('approve')}>{t('payments.approve')}</button>
            ) : null}
            {p.status === 'approved' ? (
              <button type="button" className="button button-primary" disabled={act.isPending} onClick={() => act.mutate('file')}>{t('payments.createFile')}</button>
            ) : null}
            {p.file ? <a className="button" href={paymentsApi.fileUrl(p.id)} download={p.file.filename}>{t('payments.downloadFile')}</a> : null}
            {p.status === 'proposed' || p.status === 'approved' ? (
              <button type="button" className="button button-danger" disabled={act.isPending} onClick={() => setConfirmCancel(true)}>{t('payments.cancel')}</button>
            ) : null}
          </div>
        ) : null}
        {p.status === 'proposed' ? <p className="muted">{t('payments.fourEyes')}</p> : null}
      </section>
      <section className="card" aria-labelledby="items-heading">
        <h2 id="items-heading">{t('payments.items')}</h2>
        {p.items.length === 0 ? <p className="muted">{t('payments.noItems')}</p> : (
          <div className="table-wrap">
            <table className="table table-compact">
              <caption className="visually-hidden">{t('payments.itemsCaption', { count: p.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payments.supplier')}</th>
                  <th scope="col">{t('payments.invoice')}</th>
                  <th scope="col">{t('payments.dueDate')}</th>
                  <th scope="col" className="num">{t('payments.amount')}</th>
                  <th scope="col">{t('payments.account')}</th>
                  <th scope="col">{t('payments.reference')}</th>
                  <th scope="col">{t('payments.endToEnd')}</th>
                  <th scope="col">{t('payments.status')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr key={i.invoiceId}>
                    <td>{i.supplierName}</td>
                    <td><Link to={`/fakturor/${encodeURIComponent(i.invoiceId)}`}>{i.invoiceNumber ?? t('invoice.noNumber')}</Link></td>
                    <td>{formatDate(i.dueDate)}</td>
                    <td className="num"><Kr value={i.amount} /></td>
                    <td className="code">{i.account}</td>
                    <td className="code">{i.reference}</td>
                    <td className="code">{i.endToEndId}</td>
                    <td>
                      <Badge tone={ITEM_TONE[i.status] ?? 'neutral'}>{t(`payments.itemStatuses.${i.status}`)}</Badge>
                      {i.paidOn ? <span className="sub">{formatDate(i.paidOn)}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {confirmCancel ? (
        <Dialog title={t('payments.cancelTitle', { number: p.number })} onClose={() => setConfirmCancel(false)}>
          <p>{t('payments.cancelText')}</p>
          <div className="form-actions">
            <button type="button" className="button button-danger-solid" onClick={() => { setConfirmCancel(false); act.mutate('cancel'); }}>{t('payments.cancel')}</button>
            <button type="button" className="button" onClick={() => setConfirmCancel(false)}>{t('common.cancel')}</button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

export function HoldsPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const editable = canEdit('payments', user.roles);
  const holds = useQuery({ queryKey: ['payments', 'holds'], queryFn: paymentsApi.holds });
  const [releasing, setReleasing] = useState<PaymentHold | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('payments.title')} intro={t('payments.intro')} />
      <PaymentTabs />
      <LiveStatus message={status} />
      <section className="card" aria-labelledby="holds-heading">
        <h2 id="holds-heading">{t('payments.holds.title')}</h2>
        <p className="muted">{t('payments.holds.intro')}</p>
        {holds.isPending ? <Loading /> : holds.isError ? <QueryError error={holds.error} /> : holds.data.length === 0 ? (
          <p className="ok-text">{t('payments.holds.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('payments.holds.caption', { count: holds.data.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payments.invoice')}</th>
                  <th scope="col">{t('payments.supplier')}</th>
                  <th scope="col" className="num">{t('payments.amount')}</th>
                  <th scope="col">{t('payments.holds.reason')}</th>
                  <th scope="col">{t('payments.holds.raised')}</th>
                  {editable ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {holds.data.map((h) => (
                  <tr key={h.id}>
                    <td><Link to={`/fakturor/${encodeURIComponent(h.invoiceId)}`}>{h.invoiceNumber ?? t('invoice.noNumber')}</Link></td>
                    <td>{h.supplierName ?? '–'}</td>
                    <td className="num"><Kr value={h.amount} /></td>
                    <td>
                      <span className="strong">{t(`payments.holds.reasons.${h.reason}`, { defaultValue: h.reason })}</span>
                      <span className="sub">{h.detail}</span>
                    </td>
                    <td>{formatTimestamp(h.raisedAt)}<span className="sub">{h.raisedBy ?? t('payments.holds.controls')}</span></td>
                    {editable ? (
                      <td className="row-actions">
                        <button type="button" className="button button-small" onClick={() => setReleasing(h)} aria-label={t('payments.holds.releaseFor', { number: h.invoiceNumber ?? '' })}>
                          {t('payments.holds.release')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {releasing ? (
        <ReleaseDialog
          hold={releasing}
          onClose={() => setReleasing(null)}
          onDone={() => {
            setStatus(t('payments.holds.released', { number: releasing.invoiceNumber ?? '' }));
            setReleasing(null);
          }}
        />
      ) : null}
    </>
  );
}

function ReleaseDialog({ hold, onClose, onDone }: { hold: PaymentHold; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const release = useMutation({
    mutationFn: () => paymentsApi.releaseHold(hold.id, comment.trim()),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['payments'] });
      onDone();
    },
  });
  return (
    <Dialog title={t('payments.holds.releaseTitle', { number: hold.invoiceNumber ?? '' })} onClose={onClose}>
      <p className="muted">{hold.supplierName ?? '–'} · <Kr value={hold.amount} /></p>
      <p><span className="strong">{t(`payments.holds.reasons.${hold.reason}`, { defaultValue: hold.reason })}:</span> {hold.detail}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!comment.trim()) {
            setMissing(true);
            return;
          }
          setMissing(false);
          release.mutate();
        }}
      >
        <TextField label={t('payments.holds.comment')} value={comment} onChange={setComment} required maxLength={2000} hint={t('payments.holds.commentHint')} error={missing ? t('payments.holds.commentMissing') : undefined} />
        <FormError error={release.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={release.isPending}>{t('payments.holds.release')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
