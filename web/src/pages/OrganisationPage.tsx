import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { org } from '../api/endpoints.ts';
import { fieldErrors } from '../api/errors.ts';
import type { OrgUnit, UnitKind } from '../api/types.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canEdit } from '../auth/access.ts';
import { isIsoDate } from '../i18n/format.ts';
import { Badge, Dialog, FormActions, FormError, LiveStatus, Loading, PageHeader, QueryError, TextField } from '../components/ui.tsx';
import { ValidityBadge } from '../components/validity.tsx';

const childKind: Record<UnitKind, UnitKind> = { namnd: 'forvaltning', forvaltning: 'enhet', enhet: 'enhet' };

type Editing = { mode: 'create'; parent: OrgUnit | null; kind: UnitKind } | { mode: 'edit'; unit: OrgUnit };

export const UNITS_KEY = ['org', 'units'] as const;

export function useUnits() {
  return useQuery({ queryKey: UNITS_KEY, queryFn: async () => (await org.units()).units });
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const editable = canEdit('organisation', user.roles);
  const units = useUnits();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const children = useMemo(() => {
    const map = new Map<string | null, OrgUnit[]>();
    const ids = new Set((units.data ?? []).map((u) => u.id));
    for (const u of units.data ?? []) {
      const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
      map.set(parent, [...(map.get(parent) ?? []), u]);
    }
    for (const list of map.values()) list.sort((a, b) => a.code.localeCompare(b.code, 'sv', { numeric: true }));
    return map;
  }, [units.data]);

  function renderLevel(parentId: string | null, depth: number) {
    const list = children.get(parentId) ?? [];
    if (!list.length) return null;
    return (
      <ul className={depth === 0 ? 'tree' : 'tree-children'}>
        {list.map((u) => (
          <li key={u.id} className={`tree-item tree-${u.kind}`}>
            <div className="tree-node">
              <Badge tone={u.kind === 'namnd' ? 'info' : u.kind === 'forvaltning' ? 'neutral' : 'muted'}>{t(`org.kinds.${u.kind}`)}</Badge>
              <span className="code">{u.code}</span>
              <span className="tree-name">{u.name}</span>
              <ValidityBadge validFrom={u.validFrom} validTo={u.validTo} quietWhenActive />
              {editable ? (
                <span className="tree-actions">
                  <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'edit', unit: u })} aria-label={t('org.editUnit', { name: u.name })}>
                    {t('common.edit')}
                  </button>
                  <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'create', parent: u, kind: childKind[u.kind] })} aria-label={t('org.addChild', { name: u.name })}>
                    {t('org.addChildShort')}
                  </button>
                </span>
              ) : null}
            </div>
            {renderLevel(u.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <>
      <PageHeader
        title={t('org.title')}
        intro={t('org.intro')}
        actions={editable ? (
          <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create', parent: null, kind: 'namnd' })}>
            {t('org.addNamnd')}
          </button>
        ) : null}
      />
      {!editable ? <p className="alert alert-info">{t('common.readOnly')}</p> : null}
      <LiveStatus message={status} />
      <section className="card" aria-labelledby="tree-heading">
        <h2 id="tree-heading">{t('org.treeHeading')}</h2>
        {units.isPending ? <Loading /> : units.isError ? <QueryError error={units.error} /> : (children.get(null)?.length ? renderLevel(null, 0) : <p>{t('org.empty')}</p>)}
      </section>
      {editing ? (
        <UnitDialog
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            setStatus(message);
          }}
        />
      ) : null}
    </>
  );
}

function UnitDialog({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const unit = editing.mode === 'edit' ? editing.unit : null;
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [validTo, setValidTo] = useState(unit?.validTo ?? '');
  const [localError, setLocalError] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: async () => {
      if (editing.mode === 'edit') {
        const patch: { name?: string; code?: string; validTo?: string | null; version?: number } = {};
        if (editing.unit.version !== undefined) patch.version = editing.unit.version;
        if (name !== editing.unit.name) patch.name = name.trim();
        if (code !== editing.unit.code) patch.code = code.trim();
        if ((validTo || null) !== editing.unit.validTo) patch.validTo = validTo || null;
        return org.updateUnit(editing.unit.id, patch);
      }
      return org.createUnit({ parentId: editing.parent?.id ?? null, code: code.trim(), name: name.trim(), kind: editing.kind });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: UNITS_KEY });
      onSaved(editing.mode === 'edit' ? t('org.updated', { name: name.trim() }) : t('org.created', { name: name.trim() }));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!code.trim()) errs.code = t('errors.requiredField');
    if (!name.trim()) errs.name = t('errors.requiredField');
    if (validTo && !isIsoDate(validTo)) errs.validTo = t('errors.invalidDate');
    setLocalError(errs);
    if (Object.keys(errs).length === 0) save.mutate();
  }

  const server = fieldErrors(save.error);
  const kind = editing.mode === 'edit' ? editing.unit.kind : editing.kind;
  return (
    <Dialog title={editing.mode === 'edit' ? t('org.editUnitTitle') : t('org.newUnitTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <dl className="facts">
          <div><dt>{t('org.kind')}</dt><dd>{t(`org.kinds.${kind}`)}</dd></div>
          {editing.mode === 'create' ? (
            <div><dt>{t('org.parent')}</dt><dd>{editing.parent ? `${editing.parent.code} ${editing.parent.name}` : t('common.none')}</dd></div>
          ) : null}
        </dl>
        <FormError error={save.error} placedFields={['code', 'name', 'validTo']} />
        <TextField label={t('common.code')} value={code} onChange={setCode} required error={localError.code ?? server.code} autoFocus />
        <TextField label={t('common.name')} value={name} onChange={setName} required error={localError.name ?? server.name} />
        {editing.mode === 'edit' ? (
          <TextField label={t('common.validTo')} type="date" value={validTo} onChange={setValidTo} optional hint={t('common.validToHint')} error={localError.validTo ?? server.validTo} />
        ) : null}
        <FormActions>
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? t('common.working') : t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}
