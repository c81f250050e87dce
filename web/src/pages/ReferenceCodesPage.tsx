// Referenskoder: the codes suppliers write as the buyer's reference (e.g. KS4411), each pointing at
// the person who receives those invoices and the ansvar they are usually coded to.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { handling as handlingApi, users as usersApi } from '../api/endpoints.ts';
import { useRequiredSession } from '../auth/session.tsx';
import { canEdit } from '../auth/access.ts';
import { Badge, FormError, LiveStatus, Loading, PageHeader, QueryError, SelectField, TextField } from '../components/ui.tsx';

export function ReferenceCodesPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const codes = useQuery({ queryKey: ['reference-codes'], queryFn: handlingApi.referenceCodes });
  const editable = canEdit('referenceCodes', user.roles);
  return (
    <>
      <PageHeader title={t('handling.refCodes.title')} intro={t('handling.refCodes.intro')} />
      {editable ? <CreateCode /> : null}
      <section className="card" aria-labelledby="codes-heading">
        <h2 id="codes-heading">{t('handling.refCodes.list')}</h2>
        {codes.isPending ? <Loading /> : codes.isError ? <QueryError error={codes.error} /> : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('handling.refCodes.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('handling.refCodes.code')}</th>
                  <th scope="col">{t('handling.refCodes.receiver')}</th>
                  <th scope="col">{t('handling.coding.ansvar')}</th>
                  <th scope="col">{t('handling.refCodes.description')}</th>
                  <th scope="col">{t('handling.refCodes.status')}</th>
                </tr>
              </thead>
              <tbody>
                {codes.data.map((c) => (
                  <tr key={c.id}>
                    <td className="code">{c.code}</td>
                    <td>{c.displayName} <span className="sub">{c.username}</span></td>
                    <td className="code">{c.ansvar ?? '–'}</td>
                    <td>{c.description ?? '–'}</td>
                    <td>{c.active ? <Badge tone="success">{t('handling.refCodes.active')}</Badge> : <Badge tone="muted">{t('handling.refCodes.inactive')}</Badge>}</td>
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

function CreateCode() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const people = useQuery({ queryKey: ['users', 'all'], queryFn: () => usersApi.list() });
  const [code, setCode] = useState('');
  const [userId, setUserId] = useState('');
  const [ansvar, setAnsvar] = useState('');
  const [description, setDescription] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => handlingApi.createReferenceCode({ code: code.trim(), userId, ansvar: ansvar.trim() || null, description: description.trim() || null }),
    onSuccess: async (c) => {
      setDone(t('handling.refCodes.created', { code: c.code }));
      setCode('');
      setAnsvar('');
      setDescription('');
      await qc.invalidateQueries({ queryKey: ['reference-codes'] });
    },
  });
  return (
    <section className="card" aria-labelledby="new-code-heading">
      <h2 id="new-code-heading">{t('handling.refCodes.new')}</h2>
      <form noValidate onSubmit={(e) => { e.preventDefault(); setDone(null); create.mutate(); }}>
        <div className="field-row">
          <TextField label={t('handling.refCodes.code')} value={code} onChange={setCode} required maxLength={20} hint={t('handling.refCodes.codeHint')} autoComplete="off" />
          {people.isError ? <QueryError error={people.error} /> : (
            <SelectField
              label={t('handling.refCodes.receiver')}
              value={userId}
              onChange={setUserId}
              required
              placeholder={t('handling.assign.choose')}
              options={(people.data?.users ?? []).filter((u) => u.active !== false).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
            />
          )}
          <TextField label={t('handling.coding.ansvar')} value={ansvar} onChange={setAnsvar} optional maxLength={30} autoComplete="off" />
          <TextField label={t('handling.refCodes.description')} value={description} onChange={setDescription} optional maxLength={200} />
        </div>
        <FormError error={create.error} />
        <LiveStatus message={done} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>{t('handling.refCodes.create')}</button>
        </div>
      </form>
    </section>
  );
}
