import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { invoices as invoicesApi, suppliers as suppliersApi, type SupplierInput } from '../api/endpoints.ts';
import { fieldErrors } from '../api/errors.ts';
import type { AccountType, Address, Contact, Supplier, SupplierAccount } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canEdit, canView, canVerifyAccounts } from '../auth/access.ts';
import { formatDate, formatTimestamp, isIsoDate } from '../i18n/format.ts';
import { Badge, Dialog, FormActions, FormError, LiveStatus, Loading, PageHeader, QueryError, SelectField, TextField } from '../components/ui.tsx';
import { InvoiceTable } from './InvoicesPage.tsx';
import { accountTypeLabel } from './InvoicePage.tsx';

type Action =
  | { kind: 'edit' }
  | { kind: 'block' }
  | { kind: 'unblock' }
  | { kind: 'addAccount' }
  | { kind: 'endAccount'; account: SupplierAccount };

export function SupplierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useRequiredSession();
  const qc = useQueryClient();
  const editable = canEdit('suppliers', user.roles);
  const verifier = canVerifyAccounts(user.roles);
  const supplier = useQuery({ queryKey: ['suppliers', 'one', id], queryFn: () => suppliersApi.get(id) });
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [verifyError, setVerifyError] = useState<{ accountId: string; error: unknown } | null>(null);

  const verify = useMutation({
    mutationFn: (accountId: string) => suppliersApi.verifyAccount(id, accountId),
    onMutate: () => {
      setVerifyError(null);
      setMessage(null);
    },
    onSuccess: (s, accountId) => {
      qc.setQueryData(['suppliers', 'one', id], s);
      void qc.invalidateQueries({ queryKey: ['suppliers', 'list'] });
      const a = s.accounts.find((x) => x.id === accountId);
      setMessage(t('supplier.accountVerified', { account: a?.display ?? '' }));
    },
    onError: (error, accountId) => setVerifyError({ accountId, error }),
  });

  function saved(s: Supplier, m: string) {
    qc.setQueryData(['suppliers', 'one', id], s);
    void qc.invalidateQueries({ queryKey: ['suppliers', 'list'] });
    setAction(null);
    setMessage(m);
  }

  if (supplier.isPending) return <Loading />;
  if (supplier.isError) {
    return (
      <>
        <p className="breadcrumb"><Link to="/leverantorer">{t('supplier.back')}</Link></p>
        <PageHeader title={t('supplier.loadingTitle')} />
        <QueryError error={supplier.error} />
      </>
    );
  }
  const s = supplier.data;
  const activeAccounts = s.accounts.filter((a) => !a.endedAt);
  const endedAccounts = s.accounts.filter((a) => a.endedAt);

  return (
    <>
      <p className="breadcrumb"><Link to="/leverantorer">{t('supplier.back')}</Link></p>
      <PageHeader
        title={s.name}
        intro={
          <span className="intro-badges">
            {s.blocked ? <Badge tone="error">{t('suppliers.blocked')}</Badge> : <Badge tone="success">{t('common.active')}</Badge>}
            {s.orgNumber ? <span>{t('supplier.orgNumberShort', { org: s.orgNumber })}</span> : null}
          </span>
        }
        actions={editable ? (
          <>
            <button type="button" className="button" onClick={() => setAction({ kind: 'edit' })}>{t('common.edit')}</button>
            {s.blocked ? (
              <button type="button" className="button" onClick={() => setAction({ kind: 'unblock' })}>{t('supplier.unblock')}</button>
            ) : (
              <button type="button" className="button button-danger" onClick={() => setAction({ kind: 'block' })}>{t('supplier.block')}</button>
            )}
          </>
        ) : undefined}
      />
      <LiveStatus message={message} />
      {s.blocked ? (
        <div className="alert alert-error" role="note">
          <p>{t('supplier.blockedTitle')}</p>
          <p className="alert-body">{t('supplier.blockedText', { reason: s.blockedReason ?? '–', at: s.blockedAt ? formatTimestamp(s.blockedAt) : '–' })}</p>
        </div>
      ) : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="ids-heading">
          <h2 id="ids-heading">{t('supplier.identity')}</h2>
          <dl className="facts facts-grid">
            <div><dt>{t('supplier.orgNumber')}</dt><dd>{s.orgNumber ?? '–'}</dd></div>
            <div><dt>{t('supplier.vatNumber')}</dt><dd>{s.vatNumber ?? '–'}</dd></div>
            <div><dt>{t('supplier.country')}</dt><dd>{s.country}</dd></div>
            <div>
              <dt>{t('supplier.fSkatt')}</dt>
              <dd>
                {s.fSkatt === null ? t('supplier.unknown') : s.fSkatt ? t('supplier.fSkattYes') : t('supplier.fSkattNo')}
                {s.fSkattCheckedOn ? <span className="sub">{t('supplier.checkedOn', { date: formatDate(s.fSkattCheckedOn) })}</span> : <span className="sub">{t('supplier.notChecked')}</span>}
              </dd>
            </div>
            <div className="facts-span">
              <dt>{t('supplier.peppol')}</dt>
              <dd>
                {s.endpoints.length === 0 ? <span className="muted">{t('supplier.noPeppol')}</span> : (
                  <ul className="plain-list">{s.endpoints.map((e) => <li key={e.id} className="code">{e.participantId}</li>)}</ul>
                )}
              </dd>
            </div>
          </dl>
        </section>
        <section className="card" aria-labelledby="contact-heading">
          <h2 id="contact-heading">{t('supplier.contact')}</h2>
          <dl className="facts facts-grid">
            <div><dt>{t('supplier.postalAddress')}</dt><dd><AddressText address={s.postalAddress} /></dd></div>
            <div><dt>{t('supplier.visitingAddress')}</dt><dd><AddressText address={s.visitingAddress} /></dd></div>
            <div><dt>{t('supplier.email')}</dt><dd>{s.email ? <a href={`mailto:${s.email}`}>{s.email}</a> : '–'}</dd></div>
            <div><dt>{t('supplier.phone')}</dt><dd>{s.phone ?? '–'}</dd></div>
            <div className="facts-span">
              <dt>{t('supplier.contacts')}</dt>
              <dd>
                {s.contacts.length === 0 ? '–' : (
                  <ul className="plain-list">
                    {s.contacts.map((c, i) => (
                      <li key={`${c.name}-${i}`}>
                        {c.name}{c.role ? `, ${c.role}` : ''}
                        <span className="sub">{[c.email, c.phone].filter(Boolean).join(' · ')}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            {s.note ? <div className="facts-span"><dt>{t('supplier.note')}</dt><dd className="prewrap">{s.note}</dd></div> : null}
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="accounts-heading">
        <div className="card-header">
          <div>
            <h2 id="accounts-heading">{t('supplier.accounts')}</h2>
            <p className="muted">{t('supplier.accountsIntro')}</p>
          </div>
          {editable ? <button type="button" className="button" onClick={() => setAction({ kind: 'addAccount' })}>{t('supplier.addAccount')}</button> : null}
        </div>
        {verifyError ? (
          <div className="alert alert-error" role="alert">
            <p>{t('supplier.verifyFailed')}</p>
            <p className="alert-body"><ErrorSentence error={verifyError.error} /></p>
          </div>
        ) : null}
        {activeAccounts.length === 0 ? <p>{t('supplier.noAccounts')}</p> : (
          <AccountsTable
            accounts={activeAccounts}
            caption={t('supplier.accounts')}
            actions={(a) => (
              <>
                {a.status === 'unverified' && verifier ? (
                  <button type="button" className="button button-small button-primary" disabled={verify.isPending} onClick={() => verify.mutate(a.id)} aria-label={t('supplier.verifyLabel', { account: a.display })}>
                    {t('supplier.verify')}
                  </button>
                ) : null}
                {editable ? (
                  <button type="button" className="button button-small" onClick={() => setAction({ kind: 'endAccount', account: a })} aria-label={t('supplier.endAccountLabel', { account: a.display })}>
                    {t('common.end')}
                  </button>
                ) : null}
              </>
            )}
          />
        )}
        {endedAccounts.length ? (
          <details className="ended-accounts">
            <summary>{t('supplier.endedAccounts', { count: endedAccounts.length })}</summary>
            <AccountsTable accounts={endedAccounts} caption={t('supplier.endedAccountsCaption')} />
          </details>
        ) : null}
      </section>

      {canView('invoices', user.roles) ? <SupplierInvoices supplierId={s.id} /> : null}

      <p className="muted small">{t('supplier.meta', { created: formatTimestamp(s.createdAt), updated: formatTimestamp(s.updatedAt) })}</p>

      {action?.kind === 'edit' ? <SupplierDialog supplier={s} onClose={() => setAction(null)} onSaved={(x) => saved(x, t('supplier.updated', { name: x.name }))} /> : null}
      {action?.kind === 'block' || action?.kind === 'unblock' ? (
        <BlockDialog supplier={s} block={action.kind === 'block'} onClose={() => setAction(null)} onSaved={(x) => saved(x, t(action.kind === 'block' ? 'supplier.blockedDone' : 'supplier.unblockedDone', { name: x.name }))} />
      ) : null}
      {action?.kind === 'addAccount' ? <AccountDialog supplier={s} onClose={() => setAction(null)} onSaved={(x) => saved(x, t('supplier.accountAdded'))} /> : null}
      {action?.kind === 'endAccount' ? <EndAccountDialog supplier={s} account={action.account} onClose={() => setAction(null)} onSaved={(x) => saved(x, t('supplier.accountEnded', { account: action.account.display }))} /> : null}
    </>
  );
}

function ErrorSentence({ error }: { error: unknown }) {
  const { t } = useTranslation();
  // the server's own message (e.g. the four-eyes refusal) is the most specific
  return <>{error instanceof Error && error.message && !error.message.startsWith('HTTP ') ? error.message : t('errors.unknown')}</>;
}

function AddressText({ address }: { address: Address }) {
  const lines = [address.street, address.street2, [address.postalCode, address.city].filter(Boolean).join(' '), address.country && address.country !== 'SE' ? address.country : null].filter(Boolean);
  if (lines.length === 0) return <>–</>;
  return <span className="address">{lines.map((l, i) => <span key={i} className="address-line">{l}</span>)}</span>;
}

function AccountsTable({ accounts, caption, actions }: { accounts: SupplierAccount[]; caption: string; actions?: (a: SupplierAccount) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table-accounts">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supplier.accountType')}</th>
            <th scope="col">{t('supplier.accountNumber')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('supplier.addedBy')}</th>
            <th scope="col">{t('supplier.verifiedBy')}</th>
            {actions ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : <th scope="col">{t('supplier.endedBy')}</th>}
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td>{accountTypeLabel(t, a.type)}</td>
              <td className="code nowrap">{a.display}{a.bic ? <span className="sub">BIC {a.bic}</span> : null}</td>
              <td>{a.status === 'verified' ? <Badge tone="success">{t('supplier.verified')}</Badge> : <Badge tone="warning">{t('supplier.unverified')}</Badge>}</td>
              <td>{a.addedBy?.username ?? t('audit.system')}<span className="sub">{formatTimestamp(a.addedAt)}</span></td>
              <td>{a.verifiedAt ? <>{a.verifiedBy?.username ?? t('audit.system')}<span className="sub">{formatTimestamp(a.verifiedAt)}</span></> : '–'}</td>
              {actions ? <td className="row-actions">{actions(a)}</td> : <td>{a.endedBy?.username ?? '–'}<span className="sub">{a.endedAt ? formatTimestamp(a.endedAt) : ''}</span></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SupplierInvoices({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['invoices', { supplierId, limit: 10 }], queryFn: () => invoicesApi.list({ supplierId, limit: 10, sort: 'received' }) });
  return (
    <section className="card" aria-labelledby="supplier-invoices-heading">
      <div className="card-header">
        <h2 id="supplier-invoices-heading">{t('supplier.invoices')}</h2>
        {list.data && list.data.total > 0 ? <Link to={`/fakturor?supplierId=${encodeURIComponent(supplierId)}`}>{t('supplier.allInvoices', { count: list.data.total })}</Link> : null}
      </div>
      {list.isPending ? <Loading /> : list.isError ? <QueryError error={list.error} /> : list.data.invoices.length === 0 ? <p>{t('supplier.noInvoices')}</p> : (
        <InvoiceTable invoices={list.data.invoices} caption={t('supplier.invoices')} hideSupplier />
      )}
    </section>
  );
}

// ---------- Dialogs ----------

function BlockDialog({ supplier, block, onClose, onSaved }: { supplier: Supplier; block: boolean; onClose: () => void; onSaved: (s: Supplier) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const run = useMutation({
    mutationFn: () => (block ? suppliersApi.block(supplier.id, reason.trim()) : suppliersApi.unblock(supplier.id, reason.trim())),
    onSuccess: onSaved,
  });
  return (
    <Dialog title={t(block ? 'supplier.blockTitle' : 'supplier.unblockTitle', { name: supplier.name })} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) {
            setLocal(t('supplier.reasonRequired'));
            return;
          }
          setLocal(undefined);
          run.mutate();
        }}
      >
        <p className="muted">{t(block ? 'supplier.blockHint' : 'supplier.unblockHint')}</p>
        <FormError error={run.error} placedFields={['reason']} />
        <TextField label={t('supplier.reason')} value={reason} onChange={setReason} required error={local ?? fieldErrors(run.error).reason} autoFocus maxLength={500} />
        <FormActions>
          <button type="submit" className={`button ${block ? 'button-danger-solid' : 'button-primary'}`} disabled={run.isPending}>
            {run.isPending ? t('common.working') : t(block ? 'supplier.block' : 'supplier.unblock')}
          </button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}

const ACCOUNT_TYPES: readonly AccountType[] = ['bankgiro', 'plusgiro', 'bank', 'iban'];

function AccountDialog({ supplier, onClose, onSaved }: { supplier: Supplier; onClose: () => void; onSaved: (s: Supplier) => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<AccountType>('bankgiro');
  const [number, setNumber] = useState('');
  const [clearing, setClearing] = useState('');
  const [bic, setBic] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const run = useMutation({
    mutationFn: () => suppliersApi.addAccount(supplier.id, {
      type,
      number: number.trim(),
      ...(type === 'bank' ? { clearing: clearing.trim() || null } : {}),
      ...(type === 'iban' ? { bic: bic.trim() || null } : {}),
    }),
    onSuccess: onSaved,
  });
  const server = fieldErrors(run.error);
  return (
    <Dialog title={t('supplier.addAccountTitle', { name: supplier.name })} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const errs: Record<string, string> = {};
          if (!number.trim()) errs.number = t('errors.requiredField');
          if (type === 'bank' && !clearing.trim()) errs.clearing = t('errors.requiredField');
          setLocal(errs);
          if (Object.keys(errs).length === 0) run.mutate();
        }}
      >
        <p className="muted">{t('supplier.addAccountHint')}</p>
        <FormError error={run.error} placedFields={['type', 'number', 'clearing', 'bic']} />
        <SelectField label={t('supplier.accountType')} value={type} onChange={(v) => setType(v as AccountType)} options={ACCOUNT_TYPES.map((a) => ({ value: a, label: accountTypeLabel(t, a) }))} />
        {type === 'bank' ? <TextField label={t('supplier.clearing')} value={clearing} onChange={setClearing} required inputMode="numeric" error={local.clearing ?? server.clearing} /> : null}
        <TextField label={t('supplier.accountNumber')} value={number} onChange={setNumber} required error={local.number ?? server.number} hint={t(`supplier.accountHints.${type}`)} autoFocus />
        {type === 'iban' ? <TextField label="BIC" value={bic} onChange={setBic} optional error={server.bic} /> : null}
        <FormActions>
          <button type="submit" className="button button-primary" disabled={run.isPending}>{run.isPending ? t('common.working') : t('common.add')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}

function EndAccountDialog({ supplier, account, onClose, onSaved }: { supplier: Supplier; account: SupplierAccount; onClose: () => void; onSaved: (s: Supplier) => void }) {
  const { t } = useTranslation();
  const run = useMutation({ mutationFn: () => suppliersApi.endAccount(supplier.id, account.id), onSuccess: onSaved });
  return (
    <Dialog title={t('supplier.endAccountTitle', { account: account.display })} onClose={onClose}>
      <p>{t('supplier.endAccountText')}</p>
      <FormError error={run.error} />
      <FormActions>
        <button type="button" className="button button-danger-solid" disabled={run.isPending} onClick={() => run.mutate()}>{run.isPending ? t('common.working') : t('common.end')}</button>
        <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
      </FormActions>
    </Dialog>
  );
}

type Form = {
  name: string; orgNumber: string; vatNumber: string; country: string; fSkatt: '' | 'yes' | 'no'; fSkattCheckedOn: string;
  postalStreet: string; postalCode: string; postalCity: string; visitStreet: string; visitCode: string; visitCity: string;
  email: string; phone: string; note: string; endpoints: string; contacts: Contact[];
};

function toForm(s: Supplier | null): Form {
  return {
    name: s?.name ?? '', orgNumber: s?.orgNumber ?? '', vatNumber: s?.vatNumber ?? '', country: s?.country ?? 'SE',
    fSkatt: s?.fSkatt === true ? 'yes' : s?.fSkatt === false ? 'no' : '', fSkattCheckedOn: s?.fSkattCheckedOn ?? '',
    postalStreet: s?.postalAddress.street ?? '', postalCode: s?.postalAddress.postalCode ?? '', postalCity: s?.postalAddress.city ?? '',
    visitStreet: s?.visitingAddress.street ?? '', visitCode: s?.visitingAddress.postalCode ?? '', visitCity: s?.visitingAddress.city ?? '',
    email: s?.email ?? '', phone: s?.phone ?? '', note: s?.note ?? '',
    endpoints: (s?.endpoints ?? []).map((e) => e.participantId).join(', '),
    contacts: s?.contacts ?? [],
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/** Create (supplier = null) or edit a supplier; edits send the version for optimistic locking. */
export function SupplierDialog({ supplier, onClose, onSaved }: { supplier: Supplier | null; onClose: () => void; onSaved: (s: Supplier) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(() => toForm(supplier));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => setF((d) => ({ ...d, [k]: v }));
  const run = useMutation({
    mutationFn: () => {
      const input: SupplierInput = {
        name: f.name.trim(), orgNumber: orNull(f.orgNumber), vatNumber: orNull(f.vatNumber), country: f.country.trim().toUpperCase() || 'SE',
        fSkatt: f.fSkatt === '' ? null : f.fSkatt === 'yes', fSkattCheckedOn: orNull(f.fSkattCheckedOn),
        postalAddress: { street: orNull(f.postalStreet), postalCode: orNull(f.postalCode), city: orNull(f.postalCity) },
        visitingAddress: { street: orNull(f.visitStreet), postalCode: orNull(f.visitCode), city: orNull(f.visitCity) },
        email: orNull(f.email), phone: orNull(f.phone), note: orNull(f.note),
        endpoints: f.endpoints.split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean),
        contacts: f.contacts.filter((c) => c.name.trim()).map((c) => ({ name: c.name.trim(), role: orNull(c.role ?? ''), email: orNull(c.email ?? ''), phone: orNull(c.phone ?? '') })),
      };
      return supplier ? suppliersApi.update(supplier.id, { ...input, version: supplier.version }) : suppliersApi.create(input);
    },
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: ['suppliers', 'list'] });
      onSaved(s);
    },
  });
  const server = fieldErrors(run.error);
  const err = (k: string) => local[k] ?? server[k];

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!f.name.trim()) errs.name = t('errors.requiredField');
    if (f.fSkattCheckedOn && !isIsoDate(f.fSkattCheckedOn.trim())) errs.fSkattCheckedOn = t('errors.invalidDate');
    setLocal(errs);
    if (Object.keys(errs).length === 0) run.mutate();
  }

  const setContact = (i: number, k: keyof Contact) => (v: string) => setF((d) => ({ ...d, contacts: d.contacts.map((c, j) => (j === i ? { ...c, [k]: v } : c)) }));

  return (
    <Dialog title={supplier ? t('supplier.editTitle', { name: supplier.name }) : t('suppliers.newSupplier')} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <FormError error={run.error} placedFields={['name', 'orgNumber', 'vatNumber', 'country', 'fSkattCheckedOn', 'email', 'phone']} />
        {!supplier ? <p className="muted">{t('supplier.createHint')}</p> : null}
        <TextField label={t('supplier.name')} value={f.name} onChange={set('name')} required error={err('name')} autoFocus />
        <div className="field-row">
          <TextField label={t('supplier.orgNumber')} value={f.orgNumber} onChange={set('orgNumber')} optional error={err('orgNumber')} hint={t('supplier.orgNumberHint')} />
          <TextField label={t('supplier.vatNumber')} value={f.vatNumber} onChange={set('vatNumber')} optional error={err('vatNumber')} hint={t('supplier.vatNumberHint')} />
        </div>
        <div className="field-row field-row-3">
          <TextField label={t('supplier.country')} value={f.country} onChange={set('country')} maxLength={2} error={err('country')} hint={t('supplier.countryHint')} />
          <SelectField label={t('supplier.fSkatt')} value={f.fSkatt} onChange={(v) => set('fSkatt')(v as Form['fSkatt'])} options={[{ value: '', label: t('supplier.unknown') }, { value: 'yes', label: t('supplier.fSkattYes') }, { value: 'no', label: t('supplier.fSkattNo') }]} />
          <TextField label={t('supplier.fSkattCheckedOn')} type="date" value={f.fSkattCheckedOn} onChange={set('fSkattCheckedOn')} optional error={err('fSkattCheckedOn')} />
        </div>
        <fieldset className="choice-group">
          <legend>{t('supplier.postalAddress')}</legend>
          <div className="field-row field-row-3">
            <TextField label={t('supplier.street')} value={f.postalStreet} onChange={set('postalStreet')} optional />
            <TextField label={t('supplier.postalCode')} value={f.postalCode} onChange={set('postalCode')} optional />
            <TextField label={t('supplier.city')} value={f.postalCity} onChange={set('postalCity')} optional />
          </div>
        </fieldset>
        <fieldset className="choice-group">
          <legend>{t('supplier.visitingAddress')}</legend>
          <div className="field-row field-row-3">
            <TextField label={t('supplier.street')} value={f.visitStreet} onChange={set('visitStreet')} optional />
            <TextField label={t('supplier.postalCode')} value={f.visitCode} onChange={set('visitCode')} optional />
            <TextField label={t('supplier.city')} value={f.visitCity} onChange={set('visitCity')} optional />
          </div>
        </fieldset>
        <div className="field-row">
          <TextField label={t('supplier.email')} type="email" value={f.email} onChange={set('email')} optional error={err('email')} />
          <TextField label={t('supplier.phone')} value={f.phone} onChange={set('phone')} optional error={err('phone')} />
        </div>
        <TextField label={t('supplier.peppol')} value={f.endpoints} onChange={set('endpoints')} optional hint={t('supplier.peppolHint')} error={err('endpoints')} />
        <fieldset className="choice-group">
          <legend>{t('supplier.contacts')}</legend>
          {f.contacts.map((c, i) => (
            <div key={i} className="contact-row">
              <div className="field-row field-row-4">
                <TextField label={t('supplier.contactName')} value={c.name} onChange={setContact(i, 'name')} />
                <TextField label={t('supplier.contactRole')} value={c.role ?? ''} onChange={setContact(i, 'role')} optional />
                <TextField label={t('supplier.email')} type="email" value={c.email ?? ''} onChange={setContact(i, 'email')} optional />
                <TextField label={t('supplier.phone')} value={c.phone ?? ''} onChange={setContact(i, 'phone')} optional />
              </div>
              <button type="button" className="button button-small" onClick={() => setF((d) => ({ ...d, contacts: d.contacts.filter((_, j) => j !== i) }))} aria-label={t('supplier.removeContact', { n: i + 1 })}>
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="button button-small" onClick={() => setF((d) => ({ ...d, contacts: [...d.contacts, { name: '', role: null, email: null, phone: null }] }))}>
            {t('supplier.addContact')}
          </button>
        </fieldset>
        <TextField label={t('supplier.note')} value={f.note} onChange={set('note')} optional />
        <FormActions>
          <button type="submit" className="button button-primary" disabled={run.isPending}>{run.isPending ? t('common.working') : t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}
