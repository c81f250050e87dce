import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auth } from '../api/endpoints.ts';
import { isRole, type TotpSetup } from '../api/types.ts';
import { useRequiredSession, useSession } from '../auth/session.tsx';
import { formatDate } from '../i18n/format.ts';
import { FormActions, FormError, Notice, PageHeader, TextField } from '../components/ui.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  return (
    <>
      <PageHeader title={t('account.title')} />
      <div className="grid-2">
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">{t('account.details')}</h2>
          <dl className="facts facts-stacked">
            <div><dt>{t('users.displayName')}</dt><dd>{user.displayName}</dd></div>
            <div><dt>{t('users.username')}</dt><dd className="code">{user.username}</dd></div>
            <div><dt>{t('users.email')}</dt><dd>{user.email || t('common.none')}</dd></div>
            <div><dt>{t('app.municipality')}</dt><dd>{user.tenant.name} ({user.tenant.orgNumber})</dd></div>
            <div><dt>{t('users.roles')}</dt><dd>{user.roles.map((r) => (isRole(r) ? t(`roles.${r}`) : r)).join(', ') || t('common.none')}</dd></div>
            <div><dt>{t('users.trainedBuyerAt')}</dt><dd>{formatDate(user.trainedBuyerAt)}</dd></div>
          </dl>
        </section>
        <ChangePassword />
      </div>
      <Totp />
    </>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: () => auth.changePassword(current, next),
    onSuccess: () => {
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const errs: Record<string, string> = {};
    if (!current) errs.currentPassword = t('errors.requiredField');
    if (next.length < 10) errs.newPassword = t('errors.passwordTooShort');
    else if (next !== repeat) errs.repeat = t('account.passwordMismatch');
    setLocal(errs);
    if (Object.keys(errs).length === 0) save.mutate();
  }
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.changePassword')}</h2>
      {done ? <Notice>{t('account.passwordChanged')}</Notice> : null}
      <form onSubmit={submit} noValidate>
        <FormError error={save.error} />
        <input type="text" name="username" autoComplete="username" hidden readOnly value="" />
        <TextField label={t('account.currentPassword')} type="password" value={current} onChange={setCurrent} required autoComplete="current-password" error={local.currentPassword} />
        <TextField label={t('account.newPassword')} type="password" value={next} onChange={setNext} required autoComplete="new-password" hint={t('users.passwordHint')} error={local.newPassword} />
        <TextField label={t('account.repeatPassword')} type="password" value={repeat} onChange={setRepeat} required autoComplete="new-password" error={local.repeat} />
        <FormActions>
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? t('common.working') : t('account.changePassword')}</button>
        </FormActions>
      </form>
    </section>
  );
}

function Totp() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const start = useMutation({ mutationFn: () => auth.totpSetup(), onSuccess: (s) => { setSetup(s); setMessage(null); } });
  const enable = useMutation({
    mutationFn: () => auth.totpEnable(code.replace(/\s/g, '')),
    onSuccess: async () => {
      setSetup(null);
      setCode('');
      setMessage(t('account.totpEnabled'));
      await refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => auth.totpDisable(code.replace(/\s/g, '')),
    onSuccess: async () => {
      setCode('');
      setMessage(t('account.totpDisabled'));
      await refresh();
    },
  });

  return (
    <section className="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('account.totpHeading')}</h2>
      <div role="status" aria-live="polite">{message ? <p className="alert alert-success">{message}</p> : null}</div>
      <p>{user.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</p>
      {user.totpEnabled ? (
        <form noValidate onSubmit={(e) => { e.preventDefault(); disable.mutate(); }} className="narrow">
          <FormError error={disable.error} />
          <TextField label={t('account.totpCode')} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code" hint={t('account.totpDisableHint')} />
          <FormActions>
            <button type="submit" className="button button-danger" disabled={disable.isPending}>{t('account.totpDisable')}</button>
          </FormActions>
        </form>
      ) : setup ? (
        <form noValidate onSubmit={(e) => { e.preventDefault(); enable.mutate(); }} className="narrow">
          <p>{t('account.totpSetupIntro')}</p>
          <dl className="facts facts-stacked">
            <div><dt>{t('account.totpSecret')}</dt><dd className="code secret">{setup.secret}</dd></div>
            <div><dt>{t('account.totpUrl')}</dt><dd className="code break">{setup.otpauthUrl}</dd></div>
          </dl>
          <FormError error={enable.error} />
          <TextField label={t('account.totpCode')} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code" required autoFocus />
          <FormActions>
            <button type="submit" className="button button-primary" disabled={enable.isPending}>{t('account.totpEnable')}</button>
            <button type="button" className="button" onClick={() => { setSetup(null); enable.reset(); }}>{t('common.cancel')}</button>
          </FormActions>
        </form>
      ) : (
        <>
          <FormError error={start.error} />
          <button type="button" className="button button-primary" onClick={() => start.mutate()} disabled={start.isPending}>{t('account.totpStart')}</button>
        </>
      )}
    </section>
  );
}
