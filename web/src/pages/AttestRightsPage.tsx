import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { attest, dimensions } from '../api/endpoints.ts';
import { fieldErrors } from '../api/errors.ts';
import type { AttestRight, Substitute, User } from '../api/types.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatAmount, formatDate, isIsoDate, parseAmountInput, todayIso } from '../i18n/format.ts';
import { Dialog, FormActions, FormError, LiveStatus, Loading, PageHeader, QueryError, SelectField, TextField, type Option } from '../components/ui.tsx';
import { Period, ValidityBadge } from '../components/validity.tsx';
import { useUserList } from './UsersPage.tsx';

const RIGHTS_KEY = ['attest-rights'] as const;
const SUBSTITUTES_KEY = ['substitutes'] as const;

type RightEditing = { mode: 'create' } | { mode: 'edit'; right: AttestRight } | { mode: 'end'; right: AttestRight };

function userOptions(list: User[] | undefined): Option[] {
  return (list ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
}

/** A decimal string amount shown back in the input in Swedish style: "50000.00" → "50000,00". */
function amountForInput(value: string): string {
  return currentLocale() === 'sv' ? value.replace('.', ',') : value;
}

export function AttestRightsPage() {
  const { t } = useTranslation();
  const users = useUserList();
  const [filterUser, setFilterUser] = useState('');
  const rights = useQuery({
    queryKey: [...RIGHTS_KEY, filterUser],
    queryFn: async () => (await attest.rights(filterUser || undefined)).rights,
    placeholderData: (prev) => prev,
  });
  const [editing, setEditing] = useState<RightEditing | null>(null);
  const [addingSubstitute, setAddingSubstitute] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const locale = currentLocale();
  const done = (m: string) => {
    setEditing(null);
    setAddingSubstitute(false);
    setStatus(m);
  };

  return (
    <>
      <PageHeader title={t('attest.title')} intro={t('attest.intro')} />
      <LiveStatus message={status} />
      <section className="card" aria-labelledby="rights-heading">
        <div className="card-header">
          <h2 id="rights-heading">{t('attest.rightsHeading')}</h2>
          <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create' })}>{t('attest.addRight')}</button>
        </div>
        <div className="filters">
          <SelectField label={t('attest.filterUser')} value={filterUser} onChange={setFilterUser} options={userOptions(users.data)} placeholder={t('attest.allUsers')} />
        </div>
        {rights.isPending ? <Loading /> : rights.isError ? <QueryError error={rights.error} /> : rights.data.length === 0 ? <p>{t('attest.empty')}</p> : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('attest.rightsHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('attest.user')}</th>
                  <th scope="col">{t('attest.ansvar')}</th>
                  <th scope="col" className="num">{t('attest.maxAmount')}</th>
                  <th scope="col">{t('common.validFrom')}</th>
                  <th scope="col">{t('common.validTo')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {rights.data.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <span className="strong">{r.displayName}</span>
                      <span className="sub">{r.username}</span>
                    </td>
                    <td><span className="code">{r.ansvar}</span> {r.ansvarName}</td>
                    <td className="num nowrap">{formatAmount(r.maxAmount, 'SEK', locale)}</td>
                    <td className="nowrap">{formatDate(r.validFrom)}</td>
                    <td className="nowrap">{formatDate(r.validTo)}</td>
                    <td><ValidityBadge validFrom={r.validFrom} validTo={r.validTo} /></td>
                    <td className="row-actions">
                      <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'edit', right: r })} aria-label={t('attest.editRightLabel', { name: r.displayName, ansvar: r.ansvar })}>{t('common.edit')}</button>
                      <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'end', right: r })} aria-label={t('attest.endRightTitle', { name: r.displayName, ansvar: r.ansvar })}>{t('common.end')}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <SubstitutesSection users={users.data} onAdd={() => setAddingSubstitute(true)} onStatus={setStatus} />
      {editing ? <RightDialog editing={editing} users={users.data} onClose={() => setEditing(null)} onSaved={done} /> : null}
      {addingSubstitute ? <SubstituteDialog users={users.data} onClose={() => setAddingSubstitute(false)} onSaved={done} /> : null}
    </>
  );
}

function RightDialog({ editing, users, onClose, onSaved }: { editing: RightEditing; users: User[] | undefined; onClose: () => void; onSaved: (m: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const right = editing.mode === 'create' ? null : editing.right;
  // only ansvar values valid today can be chosen for a new attest right
  const today = todayIso();
  const ansvar = useQuery({
    queryKey: ['dimensions', 'ansvar', 'values', '', today],
    queryFn: async () => (await dimensions.values('ansvar', undefined, today)).values,
    enabled: editing.mode === 'create',
  });
  const [userId, setUserId] = useState('');
  const [ansvarCode, setAnsvarCode] = useState('');
  const [maxAmount, setMaxAmount] = useState(right ? amountForInput(right.maxAmount) : '');
  const [validFrom, setValidFrom] = useState(right?.validFrom ?? todayIso());
  const [validTo, setValidTo] = useState(editing.mode === 'end' ? (right?.validTo ?? todayIso()) : (right?.validTo ?? ''));
  const [local, setLocal] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: async (amount: string | null) => {
      if (editing.mode === 'create') {
        return attest.createRight({ userId, ansvar: ansvarCode, maxAmount: amount ?? '', validFrom, ...(validTo ? { validTo } : {}) });
      }
      if (editing.mode === 'end') return attest.updateRight(editing.right.id, { validTo, ...(editing.right.version !== undefined ? { version: editing.right.version } : {}) });
      const patch: { maxAmount?: string; validTo?: string | null; version?: number } = {};
      if (editing.right.version !== undefined) patch.version = editing.right.version;
      if (amount !== null && amount !== editing.right.maxAmount) patch.maxAmount = amount;
      if ((validTo || null) !== editing.right.validTo) patch.validTo = validTo || null;
      return attest.updateRight(editing.right.id, patch);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: RIGHTS_KEY });
      onSaved(editing.mode === 'create' ? t('attest.created') : t('attest.updated'));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    let amount: string | null = null;
    if (editing.mode === 'create') {
      if (!userId) errs.userId = t('errors.requiredField');
      if (!ansvarCode) errs.ansvar = t('errors.requiredField');
      if (!isIsoDate(validFrom)) errs.validFrom = t('errors.invalidDate');
    }
    if (editing.mode !== 'end') {
      amount = parseAmountInput(maxAmount);
      if (amount === null) errs.maxAmount = t('errors.invalidAmount');
    }
    if (editing.mode === 'end' && !validTo) errs.validTo = t('errors.requiredField');
    if (validTo && !isIsoDate(validTo)) errs.validTo = t('errors.invalidDate');
    else if (validTo && isIsoDate(validFrom) && validTo < validFrom) errs.validTo = t('errors.periodInverted');
    setLocal(errs);
    if (Object.keys(errs).length === 0) save.mutate(amount);
  }

  const server = fieldErrors(save.error);
  const title = editing.mode === 'create'
    ? t('attest.newRightTitle')
    : editing.mode === 'edit'
      ? t('attest.editRightTitle', { name: editing.right.displayName, ansvar: `${editing.right.ansvar} ${editing.right.ansvarName}` })
      : t('attest.endRightTitle', { name: editing.right.displayName, ansvar: `${editing.right.ansvar} ${editing.right.ansvarName}` });
  const ansvarOptions = (ansvar.data ?? []).map((v) => ({ value: v.code, label: `${v.code} ${v.name}` }));

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormError error={save.error} placedFields={['userId', 'ansvar', 'maxAmount', 'validFrom', 'validTo']} />
        {editing.mode === 'create' ? (
          <>
            <SelectField label={t('attest.user')} value={userId} onChange={setUserId} options={userOptions(users)} placeholder={t('attest.chooseUser')} required error={local.userId ?? server.userId} />
            <SelectField label={t('attest.ansvar')} value={ansvarCode} onChange={setAnsvarCode} options={ansvarOptions} placeholder={t('attest.chooseAnsvar')} required error={local.ansvar ?? server.ansvar} />
          </>
        ) : null}
        {editing.mode !== 'end' ? (
          <TextField label={t('attest.maxAmount')} value={maxAmount} onChange={setMaxAmount} required inputMode="decimal" hint={t('attest.maxAmountHint')} error={local.maxAmount ?? server.maxAmount} autoFocus={editing.mode === 'edit'} />
        ) : null}
        <div className="field-row">
          {editing.mode === 'create' ? (
            <TextField label={t('common.validFrom')} type="date" value={validFrom} onChange={setValidFrom} required error={local.validFrom ?? server.validFrom} />
          ) : null}
          <TextField
            label={t('common.validTo')}
            type="date"
            value={validTo}
            onChange={setValidTo}
            optional={editing.mode !== 'end'}
            required={editing.mode === 'end'}
            error={local.validTo ?? server.validTo}
            autoFocus={editing.mode === 'end'}
          />
        </div>
        <FormActions>
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? t('common.working') : editing.mode === 'end' ? t('common.end') : t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}

function SubstitutesSection({ users, onAdd, onStatus }: { users: User[] | undefined; onAdd: () => void; onStatus: (m: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: SUBSTITUTES_KEY, queryFn: async () => (await attest.substitutes()).substitutes });
  const [removing, setRemoving] = useState<Substitute | null>(null);
  const name = (id: string, fallback: string) => users?.find((u) => u.id === id)?.displayName ?? fallback;
  const remove = useMutation({
    mutationFn: (id: string) => attest.removeSubstitute(id),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: SUBSTITUTES_KEY });
      setRemoving(null);
      onStatus(t('attest.substituteRemoved'));
    },
  });

  return (
    <section className="card" aria-labelledby="subs-heading">
      <div className="card-header">
        <div>
          <h2 id="subs-heading">{t('attest.substitutesHeading')}</h2>
          <p className="muted">{t('attest.substitutesIntro')}</p>
        </div>
        <button type="button" className="button button-primary" onClick={onAdd}>{t('attest.addSubstitute')}</button>
      </div>
      {list.isPending ? <Loading /> : list.isError ? <QueryError error={list.error} /> : list.data.length === 0 ? <p>{t('attest.noSubstitutes')}</p> : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('attest.substitutesHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('attest.absentUser')}</th>
                <th scope="col">{t('attest.substitute')}</th>
                <th scope="col">{t('attest.period')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => {
                const absent = name(s.userId, s.username);
                const sub = name(s.substituteUserId, s.substituteUsername);
                return (
                  <tr key={s.id}>
                    <td>{absent}</td>
                    <td>{sub}</td>
                    <td><Period from={s.validFrom} to={s.validTo} /></td>
                    <td><ValidityBadge validFrom={s.validFrom} validTo={s.validTo} /></td>
                    <td className="row-actions">
                      <button type="button" className="button button-small button-danger" onClick={() => setRemoving(s)} aria-label={t('attest.removeSubstitute', { name: sub, absent })}>{t('common.remove')}</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {removing ? (
        <Dialog title={t('attest.removeSubstitute', { name: name(removing.substituteUserId, removing.substituteUsername), absent: name(removing.userId, removing.username) })} onClose={() => { setRemoving(null); remove.reset(); }}>
          <p>{t('attest.confirmRemoveSubstitute', { name: name(removing.substituteUserId, removing.substituteUsername), absent: name(removing.userId, removing.username) })}</p>
          <FormError error={remove.error} />
          <FormActions>
            <button type="button" className="button button-danger-solid" disabled={remove.isPending} onClick={() => remove.mutate(removing.id)} autoFocus>{t('common.remove')}</button>
            <button type="button" className="button" onClick={() => { setRemoving(null); remove.reset(); }}>{t('common.cancel')}</button>
          </FormActions>
        </Dialog>
      ) : null}
    </section>
  );
}

function SubstituteDialog({ users, onClose, onSaved }: { users: User[] | undefined; onClose: () => void; onSaved: (m: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [userId, setUserId] = useState('');
  const [substituteUserId, setSubstituteUserId] = useState('');
  const [validFrom, setValidFrom] = useState(todayIso());
  const [validTo, setValidTo] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => attest.createSubstitute({ userId, substituteUserId, validFrom, validTo }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: SUBSTITUTES_KEY });
      onSaved(t('attest.substituteCreated'));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!userId) errs.userId = t('errors.requiredField');
    if (!substituteUserId) errs.substituteUserId = t('errors.requiredField');
    else if (substituteUserId === userId) errs.substituteUserId = t('attest.sameUser');
    if (!isIsoDate(validFrom)) errs.validFrom = t('errors.invalidDate');
    if (!validTo) errs.validTo = t('errors.requiredField');
    else if (!isIsoDate(validTo)) errs.validTo = t('errors.invalidDate');
    else if (isIsoDate(validFrom) && validTo < validFrom) errs.validTo = t('errors.periodInverted');
    setLocal(errs);
    if (Object.keys(errs).length === 0) save.mutate();
  }
  const server = fieldErrors(save.error);
  const options = userOptions(users);
  return (
    <Dialog title={t('attest.newSubstituteTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormError error={save.error} placedFields={['userId', 'substituteUserId', 'validFrom', 'validTo']} />
        <SelectField label={t('attest.absentUser')} value={userId} onChange={setUserId} options={options} placeholder={t('attest.chooseUser')} required error={local.userId ?? server.userId} />
        <SelectField label={t('attest.substitute')} value={substituteUserId} onChange={setSubstituteUserId} options={options} placeholder={t('attest.chooseUser')} required error={local.substituteUserId ?? server.substituteUserId} />
        <div className="field-row">
          <TextField label={t('common.validFrom')} type="date" value={validFrom} onChange={setValidFrom} required error={local.validFrom ?? server.validFrom} />
          <TextField label={t('common.validTo')} type="date" value={validTo} onChange={setValidTo} required error={local.validTo ?? server.validTo} />
        </div>
        <FormActions>
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? t('common.working') : t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}
