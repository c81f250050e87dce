import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { suppliers as suppliersApi, type OnboardingResolution } from '../api/endpoints.ts';
import type { OnboardingTask, Supplier, SupplierImportReport } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canEdit } from '../auth/access.ts';
import { formatTimestamp } from '../i18n/format.ts';
import { Badge, Dialog, FileField, RowErrorTable, FormActions, FormError, LiveStatus, Loading, PageHeader, QueryError, SelectField, TextField } from '../components/ui.tsx';
import { SupplierDialog } from './SupplierPage.tsx';

const PAGE_SIZE = 50;

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function SupplierTabs() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const tasks = useQuery({ queryKey: ['supplier-onboarding', 'open'], queryFn: async () => (await suppliersApi.onboarding('open')).tasks });
  const open = tasks.data?.length ?? 0;
  return (
    <nav className="tabs" aria-label={t('suppliers.tabsLabel')}>
      <ul>
        <li><NavLink to="/leverantorer" end>{t('suppliers.tabs.register')}</NavLink></li>
        <li>
          <NavLink to="/leverantorer/nya">
            {t('suppliers.tabs.onboarding')}
            {open ? <span className="tab-count">{open}<span className="visually-hidden"> {t('suppliers.openTasks', { count: open })}</span></span> : null}
          </NavLink>
        </li>
        {canEdit('suppliers', user.roles) ? <li><NavLink to="/leverantorer/import">{t('suppliers.tabs.import')}</NavLink></li> : null}
      </ul>
    </nav>
  );
}

export function SuppliersPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const navigate = useNavigate();
  const editable = canEdit('suppliers', user.roles);
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const blocked = params.get('sparrade') === 'ja' ? 'true' : params.get('sparrade') === 'nej' ? 'false' : undefined;
  const query = useDebounced(q.trim(), 250);
  const page = Math.max(1, Number(params.get('sida')) || 1);
  const list = useQuery({
    queryKey: ['suppliers', 'list', query, blocked, page],
    queryFn: () => suppliersApi.list(query || undefined, blocked, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    placeholderData: (prev) => prev,
  });
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const p = new URLSearchParams(params);
    if (query) p.set('q', query);
    else p.delete('q');
    if ((params.get('q') ?? '') !== query) {
      p.delete('sida');
      setParams(p, { replace: true });
    }
  }, [query, params, setParams]);

  const total = list.data?.total ?? 0;
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);
  const setPage = (n: number) => {
    const p = new URLSearchParams(params);
    if (n > 1) p.set('sida', String(n));
    else p.delete('sida');
    setParams(p);
  };

  return (
    <>
      <PageHeader
        title={t('suppliers.title')}
        intro={t('suppliers.intro')}
        actions={editable ? <button type="button" className="button button-primary" onClick={() => setCreating(true)}>{t('suppliers.newSupplier')}</button> : undefined}
      />
      <SupplierTabs />
      {!editable ? <p className="alert alert-info">{t('suppliers.readOnly')}</p> : null}
      <section className="card" aria-labelledby="suppliers-heading">
        <h2 id="suppliers-heading" className="visually-hidden">{t('suppliers.title')}</h2>
        <form role="search" aria-label={t('suppliers.searchLabel')} className="filters" onSubmit={(e) => e.preventDefault()}>
          <TextField label={t('suppliers.searchLabel')} type="search" value={q} onChange={setQ} hint={t('suppliers.searchHint')} className="field-wide" />
          <SelectField
            label={t('suppliers.blockedFilter')}
            value={params.get('sparrade') ?? ''}
            onChange={(v) => {
              const p = new URLSearchParams(params);
              if (v) p.set('sparrade', v);
              else p.delete('sparrade');
              p.delete('sida');
              setParams(p);
            }}
            placeholder={t('suppliers.blockedAll')}
            options={[{ value: 'nej', label: t('suppliers.blockedNo') }, { value: 'ja', label: t('suppliers.blockedYes') }]}
          />
        </form>
        {list.isPending ? <Loading /> : list.isError ? <QueryError error={list.error} /> : list.data.suppliers.length === 0 ? <p>{t('common.noResults')}</p> : (
          <>
            <p className="muted list-count" role="status">{t('suppliers.showing', { from, to, total })}</p>
            <div className="table-wrap">
              <table className="table table-suppliers">
                <caption className="visually-hidden">{t('suppliers.listCaption', { count: total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('supplier.name')}</th>
                    <th scope="col">{t('supplier.orgNumber')}</th>
                    <th scope="col">{t('supplier.fSkatt')}</th>
                    <th scope="col">{t('supplier.accounts')}</th>
                    <th scope="col">{t('supplier.peppol')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.suppliers.map((s) => <SupplierRow key={s.id} supplier={s} />)}
                </tbody>
              </table>
            </div>
            {total > PAGE_SIZE ? (
              <nav className="pager" aria-label={t('common.pagination')}>
                <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.previous')}</button>
                <span>{t('invoices.pageOf', { page, pages: Math.ceil(total / PAGE_SIZE) })}</span>
                <button type="button" className="button" disabled={to >= total} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
              </nav>
            ) : null}
          </>
        )}
      </section>
      {creating ? <SupplierDialog supplier={null} onClose={() => setCreating(false)} onSaved={(s) => navigate(`/leverantorer/${encodeURIComponent(s.id)}`)} /> : null}
    </>
  );
}

function SupplierRow({ supplier: s }: { supplier: Supplier }) {
  const { t } = useTranslation();
  const active = s.accounts.filter((a) => !a.endedAt);
  const unverified = active.filter((a) => a.status === 'unverified').length;
  return (
    <tr>
      <td>
        <Link to={`/leverantorer/${encodeURIComponent(s.id)}`} className="strong">{s.name}</Link>
        {s.postalAddress.city ? <span className="sub">{s.postalAddress.city}</span> : null}
      </td>
      <td className="nowrap">{s.orgNumber ?? '–'}</td>
      <td>{s.fSkatt === null ? <span className="muted">{t('supplier.unknown')}</span> : s.fSkatt ? t('common.yes') : t('common.no')}</td>
      <td>
        {active.length === 0 ? <span className="muted">{t('supplier.noAccounts')}</span> : (
          <ul className="plain-list">
            {active.slice(0, 2).map((a) => <li key={a.id} className="nowrap">{a.display}</li>)}
            {active.length > 2 ? <li className="muted">{t('suppliers.moreAccounts', { count: active.length - 2 })}</li> : null}
          </ul>
        )}
        {unverified ? <Badge tone="warning">{t('suppliers.unverifiedCount', { count: unverified })}</Badge> : null}
      </td>
      <td>{s.endpoints.length ? <span className="code">{s.endpoints[0]!.participantId}</span> : <span className="muted">{t('supplier.noPeppol')}</span>}</td>
      <td>{s.blocked ? <Badge tone="error">{t('suppliers.blocked')}</Badge> : <Badge tone="success">{t('common.active')}</Badge>}</td>
    </tr>
  );
}

// ---------- Onboarding ----------

type Resolving = { task: OnboardingTask; action: OnboardingResolution['action'] };

export function OnboardingPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const editable = canEdit('suppliers', user.roles);
  const [status, setStatus] = useState<'open' | 'done' | 'dismissed'>('open');
  const tasks = useQuery({ queryKey: ['supplier-onboarding', status], queryFn: async () => (await suppliersApi.onboarding(status)).tasks });
  const [resolving, setResolving] = useState<Resolving | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <PageHeader title={t('suppliers.title')} intro={t('suppliers.intro')} />
      <SupplierTabs />
      <LiveStatus message={message} />
      <section className="card" aria-labelledby="onboarding-heading">
        <div className="card-header">
          <div>
            <h2 id="onboarding-heading">{t('onboarding.title')}</h2>
            <p className="muted">{t('onboarding.intro')}</p>
          </div>
          <SelectField
            className="sort-field"
            label={t('onboarding.show')}
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={(['open', 'done', 'dismissed'] as const).map((s) => ({ value: s, label: t(`onboarding.statuses.${s}`) }))}
          />
        </div>
        {tasks.isPending ? <Loading /> : tasks.isError ? <QueryError error={tasks.error} /> : tasks.data.length === 0 ? <p>{t(`onboarding.empty.${status}`)}</p> : (
          <ul className="task-list">
            {tasks.data.map((task) => (
              <li key={task.id} className="task">
                <div className="task-main">
                  <h3>{task.name}</h3>
                  <dl className="facts">
                    <div><dt>{t('supplier.orgNumber')}</dt><dd>{task.orgNumber ?? '–'}</dd></div>
                    <div><dt>{t('supplier.vatNumber')}</dt><dd>{task.vatNumber ?? '–'}</dd></div>
                    <div><dt>{t('supplier.peppol')}</dt><dd className="code">{task.endpointId ?? '–'}</dd></div>
                    <div><dt>{t('onboarding.created')}</dt><dd>{formatTimestamp(task.createdAt)}</dd></div>
                  </dl>
                  {task.invoiceIds.length ? (
                    <p>
                      {t('onboarding.invoices', { count: task.invoiceIds.length })}{' '}
                      {task.invoiceIds.map((id, i) => (
                        <span key={id}>{i > 0 ? ', ' : ''}<Link to={`/fakturor/${encodeURIComponent(id)}`}>{t('onboarding.invoiceN', { n: i + 1 })}</Link></span>
                      ))}
                    </p>
                  ) : null}
                  {task.warnings.length ? (
                    <ul className="warning-list">{task.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
                  ) : null}
                  {task.status !== 'open' ? (
                    <p className="muted">
                      {t(`onboarding.resolution.${task.status}`, { by: task.resolvedBy?.username ?? t('audit.system'), at: task.resolvedAt ? formatTimestamp(task.resolvedAt) : '' })}
                      {task.supplierId ? <> · <Link to={`/leverantorer/${encodeURIComponent(task.supplierId)}`}>{t('onboarding.openSupplier')}</Link></> : null}
                    </p>
                  ) : null}
                </div>
                {task.status === 'open' && editable ? (
                  <div className="task-actions">
                    <button type="button" className="button button-primary button-small" onClick={() => setResolving({ task, action: 'create' })}>{t('onboarding.create')}</button>
                    <button type="button" className="button button-small" onClick={() => setResolving({ task, action: 'link' })}>{t('onboarding.link')}</button>
                    <button type="button" className="button button-small button-danger" onClick={() => setResolving({ task, action: 'dismiss' })}>{t('onboarding.dismiss')}</button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {resolving ? (
        <ResolveDialog
          resolving={resolving}
          onClose={() => setResolving(null)}
          onDone={(m) => {
            setResolving(null);
            setMessage(m);
          }}
        />
      ) : null}
    </>
  );
}

function ResolveDialog({ resolving, onClose, onDone }: { resolving: Resolving; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { task, action } = resolving;
  const [name, setName] = useState(task.name);
  const [orgNumber, setOrgNumber] = useState(task.orgNumber ?? '');
  const [vatNumber, setVatNumber] = useState(task.vatNumber ?? '');
  const [reason, setReason] = useState('');
  const [q, setQ] = useState(task.orgNumber ?? task.name);
  const query = useDebounced(q.trim(), 250);
  const [supplierId, setSupplierId] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['suppliers', 'pick', query],
    queryFn: async () => (await suppliersApi.list(query || undefined, undefined, 20)).suppliers,
    enabled: action === 'link',
    placeholderData: (prev) => prev,
  });
  const run = useMutation({
    mutationFn: (r: OnboardingResolution) => suppliersApi.resolveOnboarding(task.id, r),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['supplier-onboarding'] });
      await qc.invalidateQueries({ queryKey: ['suppliers'] });
      onDone(t(`onboarding.done.${action}`, { name: r.supplier?.name ?? task.name }));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (action === 'create' && !name.trim()) errs.name = t('errors.requiredField');
    if (action === 'link' && !supplierId) errs.supplierId = t('receive.supplierRequired');
    if (action === 'dismiss' && !reason.trim()) errs.reason = t('supplier.reasonRequired');
    setLocal(errs);
    if (Object.keys(errs).length) return;
    if (action === 'create') run.mutate({ action, supplier: { name: name.trim(), orgNumber: orgNumber.trim() || null, vatNumber: vatNumber.trim() || null } });
    else if (action === 'link') run.mutate({ action, supplierId });
    else run.mutate({ action, reason: reason.trim() });
  }

  return (
    <Dialog title={t(`onboarding.dialog.${action}`, { name: task.name })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormError error={run.error} placedFields={['name']} />
        {action === 'create' ? (
          <>
            <p className="muted">{t('onboarding.createHint')}</p>
            <TextField label={t('supplier.name')} value={name} onChange={setName} required error={local.name} autoFocus />
            <div className="field-row">
              <TextField label={t('supplier.orgNumber')} value={orgNumber} onChange={setOrgNumber} optional />
              <TextField label={t('supplier.vatNumber')} value={vatNumber} onChange={setVatNumber} optional />
            </div>
          </>
        ) : action === 'link' ? (
          <>
            <p className="muted">{t('onboarding.linkHint')}</p>
            <TextField label={t('receive.supplierSearch')} type="search" value={q} onChange={setQ} autoFocus />
            <SelectField
              label={t('receive.supplierChoice')}
              value={supplierId}
              onChange={setSupplierId}
              placeholder={t('receive.chooseSupplier')}
              options={(found.data ?? []).map((s) => ({ value: s.id, label: `${s.name}${s.orgNumber ? ` (${s.orgNumber})` : ''}` }))}
              required
              error={local.supplierId}
            />
          </>
        ) : (
          <TextField label={t('onboarding.dismissReason')} value={reason} onChange={setReason} required error={local.reason} hint={t('onboarding.dismissHint')} autoFocus />
        )}
        <FormActions>
          <button type="submit" className={`button ${action === 'dismiss' ? 'button-danger-solid' : 'button-primary'}`} disabled={run.isPending}>
            {run.isPending ? t('common.working') : t(`onboarding.${action}`)}
          </button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}

// ---------- Import ----------

function importErrors(report: SupplierImportReport | null, error: unknown): SupplierImportReport['errors'] {
  if (report && report.errors.length) return report.errors;
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  const rows = error.details?.rows;
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((r) => {
    if (typeof r !== 'object' || r === null) return [];
    const rec = r as Record<string, unknown>;
    return [{ row: Number(rec.row), column: typeof rec.column === 'string' ? rec.column : '', message: typeof rec.message === 'string' ? rec.message : '' }];
  });
}

export function SupplierImportPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [report, setReport] = useState<SupplierImportReport | null>(null);
  const run = useMutation({
    mutationFn: ({ f, dryRun }: { f: File; dryRun: boolean }) => suppliersApi.importFile(f, dryRun),
    onSuccess: async (r) => {
      setReport(r);
      if (!r.dryRun) await qc.invalidateQueries({ queryKey: ['suppliers'] });
    },
    onError: () => setReport(null),
  });
  const rowErrors = importErrors(report, run.error);

  function go(dryRun: boolean) {
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    run.mutate({ f: file, dryRun });
  }

  return (
    <>
      <PageHeader title={t('suppliers.title')} intro={t('suppliers.intro')} />
      <SupplierTabs />
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('supplierImport.title')}</h2>
        <p className="muted">{t('supplierImport.intro')}</p>
        <p className="muted"><span className="strong-plain">{t('supplierImport.columns')}</span> <span className="code">namn;organisationsnummer;momsregnr;bankgiro;plusgiro;clearing;bankkonto;iban;bic;peppol_id;adress;postnummer;ort;land;epost;telefon;kontaktperson;f_skatt;anteckning</span></p>
        <form onSubmit={(e) => { e.preventDefault(); go(true); }} noValidate className="import-form">
          <FileField
            label={t('supplierImport.file')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            missing={missing}
            onFile={(f) => {
              setFile(f);
              setReport(null);
              run.reset();
            }}
          />
          <FormActions>
            <button type="submit" className="button" disabled={run.isPending}>{t('supplierImport.dryRun')}</button>
            <button type="button" className="button button-primary" disabled={run.isPending || !report?.ok || !report.dryRun} onClick={() => go(false)}>{t('supplierImport.run')}</button>
          </FormActions>
        </form>
        <div aria-live="polite">
          {report ? (
            report.ok ? (
              <div className="alert alert-success">
                <p>{report.dryRun ? t('supplierImport.dryRunOk', { count: report.rows }) : t('supplierImport.done', { count: report.created })}</p>
              </div>
            ) : (
              <div className="alert alert-error"><p>{t('supplierImport.dryRunFailed', { count: report.errors.length })}</p></div>
            )
          ) : null}
        </div>
        {run.error && rowErrors.length === 0 ? <FormError error={run.error} /> : null}
        {rowErrors.length ? <RowErrorTable rows={rowErrors} /> : null}
        {report && report.suppliers.length ? (
          <div className="table-wrap">
            <table className="table table-compact">
              <caption>{report.dryRun ? t('supplierImport.previewCaption') : t('supplierImport.createdCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dims.row')}</th>
                  <th scope="col">{t('supplier.name')}</th>
                  <th scope="col">{t('supplier.orgNumber')}</th>
                </tr>
              </thead>
              <tbody>
                {report.suppliers.map((s) => (
                  <tr key={s.row}>
                    <td>{s.row}</td>
                    <td>{s.id ? <Link to={`/leverantorer/${encodeURIComponent(s.id)}`}>{s.name}</Link> : s.name}</td>
                    <td>{s.orgNumber ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
