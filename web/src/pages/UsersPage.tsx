import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { users as usersApi, type UserInput } from '../api/endpoints.ts';
import { fieldErrors } from '../api/errors.ts';
import { ROLES, isRole, type User } from '../api/types.ts';
import { formatDate, isIsoDate } from '../i18n/format.ts';
import { Badge, Checkbox, Dialog, FormActions, FormError, LiveStatus, Loading, PageHeader, QueryError, TextField } from '../components/ui.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | { mode: 'password'; user: User };

export const USERS_KEY = ['users'] as const;

export function useUserList(q = '') {
  return useQuery({ queryKey: [...USERS_KEY, q], queryFn: async () => (await usersApi.list(q || undefined)).users, placeholderData: (prev) => prev });
}

export function UsersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const list = useUserList(search);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro')}
        actions={<button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create' })}>{t('users.newUser')}</button>}
      />
      <LiveStatus message={status} />
      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading" className="visually-hidden">{t('users.title')}</h2>
        <form
          role="search"
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <TextField label={t('users.searchLabel')} type="search" value={q} onChange={setQ} />
          <div className="filters-actions">
            <button type="submit" className="button">{t('common.search')}</button>
          </div>
        </form>
        {list.isPending ? <Loading /> : list.isError ? <QueryError error={list.error} /> : list.data.length === 0 ? <p>{t('common.noResults')}</p> : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('users.listCaption', { count: list.data.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.displayName')}</th>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.trainedBuyerAt')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <span className="strong">{u.displayName}</span>
                      {u.email ? <span className="sub">{u.email}</span> : null}
                    </td>
                    <td className="code">{u.username}</td>
                    <td>
                      <ul className="tag-list tag-list-compact">
                        {u.roles.map((r) => <li key={r}><Badge>{isRole(r) ? t(`roles.${r}`) : r}</Badge></li>)}
                      </ul>
                    </td>
                    <td className="nowrap">{formatDate(u.trainedBuyerAt)}</td>
                    <td>{u.active === false ? <Badge tone="muted">{t('common.inactive')}</Badge> : <Badge tone="success">{t('common.active')}</Badge>}</td>
                    <td className="row-actions">
                      <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'edit', user: u })} aria-label={t('users.editTitle', { name: u.displayName })}>{t('common.edit')}</button>
                      <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'password', user: u })} aria-label={t('users.resetPasswordTitle', { name: u.displayName })}>{t('users.resetPassword')}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing?.mode === 'password' ? (
        <PasswordDialog user={editing.user} onClose={() => setEditing(null)} onSaved={(m) => { setEditing(null); setStatus(m); }} />
      ) : editing ? (
        <UserDialog editing={editing} onClose={() => setEditing(null)} onSaved={(m) => { setEditing(null); setStatus(m); }} />
      ) : null}
    </>
  );
}

function UserDialog({ editing, onClose, onSaved }: { editing: Exclude<Editing, { mode: 'password' }>; onClose: () => void; onSaved: (m: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const user = editing.mode === 'edit' ? editing.user : null;
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? []);
  const [trainedBuyerAt, setTrainedBuyerAt] = useState(user?.trainedBuyerAt ?? '');
  const [active, setActive] = useState(user?.active ?? true);
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: async () => {
      if (editing.mode === 'create') {
        const input: UserInput = { username: username.trim(), displayName: displayName.trim(), roles, password };
        if (email.trim()) input.email = email.trim();
        if (trainedBuyerAt) input.trainedBuyerAt = trainedBuyerAt;
        return usersApi.create(input);
      }
      const u = editing.user;
      const input: UserInput = {};
      if (displayName.trim() !== u.displayName) input.displayName = displayName.trim();
      if ((email.trim() || null) !== (u.email || null)) input.email = email.trim() || null;
      if ([...roles].sort().join() !== [...u.roles].sort().join()) input.roles = roles;
      if ((trainedBuyerAt || null) !== u.trainedBuyerAt) input.trainedBuyerAt = trainedBuyerAt || null;
      if (active !== (u.active ?? true)) input.active = active;
      if (u.version !== undefined) input.version = u.version;
      return usersApi.update(u.id, input);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: USERS_KEY });
      onSaved(editing.mode === 'create' ? t('users.created', { name: displayName.trim() }) : t('users.updated', { name: displayName.trim() }));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (editing.mode === 'create' && !username.trim()) errs.username = t('errors.requiredField');
    if (!displayName.trim()) errs.displayName = t('errors.requiredField');
    if (trainedBuyerAt && !isIsoDate(trainedBuyerAt)) errs.trainedBuyerAt = t('errors.invalidDate');
    if (editing.mode === 'create' && password.length < 10) errs.password = t('errors.passwordTooShort');
    setLocal(errs);
    if (Object.keys(errs).length === 0) save.mutate();
  }

  const server = fieldErrors(save.error);
  return (
    <Dialog title={editing.mode === 'create' ? t('users.newUserTitle') : t('users.editTitle', { name: editing.user.displayName })} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <FormError error={save.error} placedFields={['username', 'displayName', 'email', 'roles', 'trainedBuyerAt']} />
        <div className="field-row">
          <TextField label={t('users.username')} value={username} onChange={setUsername} required disabled={editing.mode === 'edit'} autoComplete="off" error={local.username ?? server.username} autoFocus={editing.mode === 'create'} />
          <TextField label={t('users.displayName')} value={displayName} onChange={setDisplayName} required autoComplete="off" error={local.displayName ?? server.displayName} autoFocus={editing.mode === 'edit'} />
        </div>
        <div className="field-row">
          <TextField label={t('users.email')} type="email" value={email} onChange={setEmail} optional autoComplete="off" error={server.email} />
          <TextField label={t('users.trainedBuyerAt')} type="date" value={trainedBuyerAt} onChange={setTrainedBuyerAt} optional hint={t('users.trainedBuyerHint')} error={local.trainedBuyerAt ?? server.trainedBuyerAt} />
        </div>
        <fieldset className="choice-group">
          <legend>{t('users.roles')}</legend>
          {server.roles ? <p className="field-error">{server.roles}</p> : null}
          <div className="checkbox-grid">
            {ROLES.map((r) => (
              <Checkbox
                key={r}
                label={t(`roles.${r}`)}
                checked={roles.includes(r)}
                onChange={(on) => setRoles((prev) => (on ? [...prev, r] : prev.filter((x) => x !== r)))}
              />
            ))}
          </div>
        </fieldset>
        {editing.mode === 'create' ? (
          <TextField label={t('users.password')} type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint={t('users.passwordHint')} error={local.password} />
        ) : (
          <Checkbox label={t('users.active')} checked={active} onChange={setActive} hint={t('users.activeHint')} />
        )}
        <FormActions>
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? t('common.working') : t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}

function PasswordDialog({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: (m: string) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: () => usersApi.setPassword(user.id, password),
    onSuccess: () => onSaved(t('users.passwordReset', { name: user.displayName })),
  });
  return (
    <Dialog title={t('users.resetPasswordTitle', { name: user.displayName })} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (password.length < 10) {
            setLocal(t('errors.passwordTooShort'));
            return;
          }
          setLocal(undefined);
          save.mutate();
        }}
      >
        <FormError error={save.error} />
        <TextField label={t('users.newPassword')} type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint={t('users.passwordHint')} error={local} autoFocus />
        <FormActions>
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? t('common.working') : t('common.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        </FormActions>
      </form>
    </Dialog>
  );
}
