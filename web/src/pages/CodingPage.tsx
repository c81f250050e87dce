import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { dimensions } from '../api/endpoints.ts';
import { fieldErrors } from '../api/errors.ts';
import type { Dimension, DimensionValue, ImportResult, ImportRowError } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canEdit } from '../auth/access.ts';
import { formatDate, isIsoDate, todayIso } from '../i18n/format.ts';
import { Dialog, FileField, RowErrorTable, FormActions, FormError, LiveStatus, Loading, PageHeader, QueryError, SelectField, TextField } from '../components/ui.tsx';
import { ValidityBadge } from '../components/validity.tsx';
import { useUnits } from './OrganisationPage.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; value: DimensionValue } | { mode: 'end'; value: DimensionValue };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function CodingPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const editable = canEdit('coding', user.roles);
  const [params, setParams] = useSearchParams();
  const dims = useQuery({ queryKey: ['dimensions'], queryFn: async () => (await dimensions.list()).dimensions });
  const selected = params.get('dimension') ?? dims.data?.[0]?.code ?? '';
  const dim = dims.data?.find((d) => d.code === selected);
  const [status, setStatus] = useState<string | null>(null);

  return (
    <>
      <PageHeader title={t('dims.title')} intro={t('dims.intro')} />
      {!editable ? <p className="alert alert-info">{t('common.readOnly')}</p> : null}
      <LiveStatus message={status} />
      {dims.isPending ? <Loading /> : dims.isError ? <QueryError error={dims.error} /> : (
        <div className="split">
          <nav className="card side-list" aria-labelledby="dims-heading">
            <h2 id="dims-heading">{t('dims.dimensionsHeading')}</h2>
            <ul>
              {dims.data.map((d) => (
                <li key={d.code}>
                  <a
                    href={`?dimension=${encodeURIComponent(d.code)}`}
                    aria-current={d.code === selected ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      setParams({ dimension: d.code });
                      setStatus(null);
                    }}
                  >
                    <span className="side-title">{d.name}</span>
                    <span className="side-sub">{t('dims.valueCount', { count: d.valueCount })}</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="stack">
            {dim ? <DimensionValues key={dim.code} dim={dim} editable={editable} onStatus={setStatus} /> : null}
            {dim && editable ? <ImportSection key={`import-${dim.code}`} dim={dim} onStatus={setStatus} /> : null}
          </div>
        </div>
      )}
    </>
  );
}

function DimensionValues({ dim, editable, onStatus }: { dim: Dimension; editable: boolean; onStatus: (s: string | null) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [validOn, setValidOn] = useState('');
  const query = useDebounced(q.trim(), 250);
  const validOnOk = validOn === '' || isIsoDate(validOn);
  const values = useQuery({
    queryKey: ['dimensions', dim.code, 'values', query, validOnOk ? validOn : ''],
    queryFn: async () => (await dimensions.values(dim.code, query || undefined, validOnOk && validOn ? validOn : undefined)).values,
    placeholderData: (prev) => prev,
  });
  const [editing, setEditing] = useState<Editing | null>(null);
  const units = useUnits();
  const unitName = (id: string | null) => {
    if (!id) return t('common.none');
    const u = units.data?.find((x) => x.id === id);
    return u ? `${u.code} ${u.name}` : id;
  };

  return (
    <section className="card" aria-labelledby="values-heading">
      <div className="card-header">
        <h2 id="values-heading">{t('dims.valuesHeading', { name: dim.name })}</h2>
        {editable ? (
          <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create' })}>{t('dims.addValue')}</button>
        ) : null}
      </div>
      <div className="filters" role="search">
        <TextField label={t('dims.searchLabel')} type="search" value={q} onChange={setQ} />
        <TextField label={t('dims.validOnLabel')} type="date" value={validOn} onChange={setValidOn} hint={t('dims.validOnHint')} error={validOn.length >= 10 && !validOnOk ? t('errors.invalidDate') : undefined} />
      </div>
      {values.isPending ? <Loading /> : values.isError ? <QueryError error={values.error} /> : values.data.length === 0 ? <p>{t('common.noResults')}</p> : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('dims.valuesHeading', { name: dim.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.code')}</th>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.validFrom')}</th>
                <th scope="col">{t('common.validTo')}</th>
                {dim.code === 'ansvar' ? <th scope="col">{t('dims.unit')}</th> : null}
                <th scope="col">{t('common.status')}</th>
                {editable ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {values.data.map((v) => (
                <tr key={v.id}>
                  <td className="code">{v.code}</td>
                  <td>{v.name}</td>
                  <td className="nowrap">{formatDate(v.validFrom)}</td>
                  <td className="nowrap">{formatDate(v.validTo)}</td>
                  {dim.code === 'ansvar' ? <td>{unitName(v.unitId)}</td> : null}
                  <td><ValidityBadge validFrom={v.validFrom} validTo={v.validTo} /></td>
                  {editable ? (
                    <td className="row-actions">
                      <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'edit', value: v })} aria-label={`${t('common.edit')} ${v.code} ${v.name}`}>{t('common.edit')}</button>
                      <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'end', value: v })} aria-label={`${t('common.end')} ${v.code} ${v.name}`}>{t('common.end')}</button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <ValueDialog
          dim={dim}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={(msg) => {
            setEditing(null);
            onStatus(msg);
          }}
        />
      ) : null}
    </section>
  );
}

function ValueDialog({ dim, editing, onClose, onSaved }: { dim: Dimension; editing: Editing; onClose: () => void; onSaved: (msg: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = useUnits();
  const value = editing.mode === 'create' ? null : editing.value;
  const [code, setCode] = useState(value?.code ?? '');
  const [name, setName] = useState(value?.name ?? '');
  const [validFrom, setValidFrom] = useState(value?.validFrom ?? todayIso());
  const [validTo, setValidTo] = useState(editing.mode === 'end' ? (value?.validTo ?? todayIso()) : (value?.validTo ?? ''));
  const [unitId, setUnitId] = useState(value?.unitId ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: async () => {
      if (editing.mode === 'create') {
        return dimensions.createValue(dim.code, {
          code: code.trim(), name: name.trim(), validFrom, ...(validTo ? { validTo } : {}), ...(unitId ? { unitId } : {}),
        });
      }
      if (editing.mode === 'end') return dimensions.updateValue(dim.code, editing.value.id, { validTo, ...(editing.value.version !== undefined ? { version: editing.value.version } : {}) });
      const v = editing.value;
      const patch: { name?: string; validFrom?: string; validTo?: string | null; unitId?: string | null; version?: number } = {};
      if (v.version !== undefined) patch.version = v.version;
      if (name.trim() !== v.name) patch.name = name.trim();
      if (validFrom !== v.validFrom) patch.validFrom = validFrom;
      if ((validTo || null) !== v.validTo) patch.validTo = validTo || null;
      if ((unitId || null) !== v.unitId) patch.unitId = unitId || null;
      return dimensions.updateValue(dim.code, v.id, patch);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['dimensions'] });
      const c = value?.code ?? code.trim();
      onSaved(editing.mode === 'create' ? t('dims.created', { code: c }) : editing.mode === 'end' ? t('dims.ended', { code: c, date: validTo }) : t('dims.updated', { code: c }));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (editing.mode !== 'end') {
      if (!code.trim()) errs.code = t('errors.requiredField');
      if (!name.trim()) errs.name = t('errors.requiredField');
      if (!isIsoDate(validFrom)) errs.validFrom = t('errors.invalidDate');
    }
    if (editing.mode === 'end' && !validTo) errs.validTo = t('errors.requiredField');
    if (validTo && !isIsoDate(validTo)) errs.validTo = t('errors.invalidDate');
    else if (validTo && isIsoDate(validFrom) && validTo < validFrom) errs.validTo = t('errors.periodInverted');
    setLocal(errs);
    if (Object.keys(errs).length === 0) save.mutate();
  }

  const server = fieldErrors(save.error);
  const title = editing.mode === 'create'
    ? t('dims.newValueTitle', { name: dim.name })
    : editing.mode === 'edit' ? t('dims.editValueTitle', { code: editing.value.code, name: editing.value.name }) : t('dims.endValueTitle', { code: editing.value.code, name: editing.value.name });
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: `${u.code} ${u.name}` }));

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormError error={save.error} placedFields={['code', 'name', 'validFrom', 'validTo', 'unitId']} />
        {editing.mode === 'end' ? (
          <TextField label={t('common.validTo')} type="date" value={validTo} onChange={setValidTo} required hint={t('dims.endValueHint')} error={local.validTo ?? server.validTo} autoFocus />
        ) : (
          <>
            <TextField label={t('common.code')} value={code} onChange={setCode} required disabled={editing.mode === 'edit'} error={local.code ?? server.code} autoFocus={editing.mode === 'create'} />
            <TextField label={t('common.name')} value={name} onChange={setName} required error={local.name ?? server.name} autoFocus={editing.mode === 'edit'} />
            <div className="field-row">
              <TextField label={t('common.validFrom')} type="date" value={validFrom} onChange={setValidFrom} required error={local.validFrom ?? server.validFrom} />
              <TextField label={t('common.validTo')} type="date" value={validTo} onChange={setValidTo} optional error={local.validTo ?? server.validTo} />
            </div>
            {dim.code === 'ansvar' ? (
              <SelectField label={t('dims.unit')} value={unitId} onChange={setUnitId} options={unitOptions} placeholder={t('dims.noUnit')} error={server.unitId} />
            ) : null}
          </>
        )}
        <FormActions>
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? t('common.working') : editing.mode === 'end' ? t('common.end') : t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}

function rowErrors(error: unknown): ImportRowError[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  const rows = error.details?.rows;
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((r): ImportRowError[] => {
    if (typeof r !== 'object' || r === null) return [];
    const rec = r as Record<string, unknown>;
    return [{
      row: Number(rec.row),
      column: typeof rec.column === 'string' ? rec.column : null,
      message: typeof rec.message === 'string' ? rec.message : '',
    }];
  });
}

function ImportSection({ dim, onStatus }: { dim: Dimension; onStatus: (s: string | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = useMutation({
    mutationFn: async (f: File) => dimensions.importCsv(dim.code, f),
    onSuccess: async (r) => {
      setResult(r);
      onStatus(t('dims.importDone', { imported: r.imported, updated: r.updated }));
      await qc.invalidateQueries({ queryKey: ['dimensions'] });
    },
    onError: () => setResult(null),
  });
  const rows = rowErrors(run.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onStatus(null);
    run.mutate(file);
  }

  return (
    <section className="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('dims.importHeading')}</h2>
      <p className="muted">{t('dims.importIntro')}</p>
      <form onSubmit={submit} noValidate className="import-form">
        <FileField
          label={t('dims.importFile')}
          accept=".csv,text/csv,text/plain"
          missing={missing}
          onFile={(f) => {
            setFile(f);
            setResult(null);
            run.reset();
          }}
        />
        <FormActions>
          <button type="submit" className="button button-primary" disabled={run.isPending}>{run.isPending ? t('common.working') : t('dims.importSubmit')}</button>
        </FormActions>
      </form>
      {result ? <p className="alert alert-success">{t('dims.importDone', { imported: result.imported, updated: result.updated })}</p> : null}
      {run.error ? (
        rows.length ? (
          <div className="alert alert-error" role="alert">
            <p>{t('dims.importFailed')}</p>
            <RowErrorTable rows={rows} />
          </div>
        ) : (
          <FormError error={run.error} />
        )
      ) : null}
    </section>
  );
}
