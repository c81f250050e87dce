import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { auth, type LoginInput } from '../api/endpoints.ts';
import { errorText } from '../api/errors.ts';
import type { Tenant } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo, SkipLink } from '../components/Shell.tsx';
import { Loading, TextField } from '../components/ui.tsx';

type Step = 'credentials' | 'totp';

function tenantsFrom(error: ApiError): Tenant[] {
  const list = error.details?.tenants;
  if (!Array.isArray(list)) return [];
  return list.flatMap((t): Tenant[] => {
    if (typeof t !== 'object' || t === null) return [];
    const r = t as Record<string, unknown>;
    return typeof r.id === 'string' && typeof r.name === 'string'
      ? [{ id: r.id, name: r.name, orgNumber: typeof r.orgNumber === 'string' ? r.orgNumber : '' }]
      : [];
  });
}

export function LoginPage() {
  const { t } = useTranslation();
  const { session, loading, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [tenant, setTenant] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<Step>('credentials');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const tenantLegend = useRef<HTMLLegendElement>(null);

  useEffect(() => {
    document.title = `${t('login.title')} – Avrop`;
  }, [t]);

  useEffect(() => {
    if (tenants.length && !tenant) tenantLegend.current?.focus();
  }, [tenants, tenant]);

  if (loading) return <Loading />;
  const from = (location.state as { from?: string } | null)?.from;
  if (session) return <Navigate to={from && from !== '/logga-in' ? from : '/'} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (tenants.length && !tenant) {
      tenantLegend.current?.focus();
      return;
    }
    const input: LoginInput = { username: username.trim(), password };
    if (tenant) input.tenant = tenant;
    if (step === 'totp') input.totp = totp.replace(/\s/g, '');
    setBusy(true);
    try {
      const s = await auth.login(input);
      signedIn(s);
      navigate(from && from !== '/logga-in' ? from : '/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ambiguous_tenant') {
        setTenants(tenantsFrom(err));
        setTenant('');
      } else if (err instanceof ApiError && err.code === 'totp_required') {
        if (step === 'totp') setError(err);
        setStep('totp');
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  }

  function startOver() {
    setStep('credentials');
    setTenants([]);
    setTenant('');
    setTotp('');
    setPassword('');
    setError(null);
  }

  return (
    <div className="login-layout">
      <SkipLink />
      <header className="login-aside">
        <div className="login-brand">
          <Logo />
          <span>{t('app.name')}</span>
        </div>
        <p className="login-tagline">{t('app.tagline')}</p>
        <ul className="login-points">
          <li>{t('login.point1')}</li>
          <li>{t('login.point2')}</li>
          <li>{t('login.point3')}</li>
        </ul>
        <p className="login-footer">{t('login.footer')}</p>
      </header>
      <main id="main" className="login-main" tabIndex={-1}>
        <div className="login-tools">
          <LanguageSwitch />
        </div>
        <div className="login-card">
          <h1>{step === 'totp' ? t('login.totpTitle') : t('login.title')}</h1>
          {step === 'credentials' ? <p className="lead">{t('login.intro')}</p> : null}
          <div aria-live="assertive">
            {error ? (
              <div className="alert alert-error" role="alert">
                <p>{step === 'totp' && error instanceof ApiError && error.code === 'invalid_credentials' ? t('errors.totpWrong') : errorText(t, error)}</p>
              </div>
            ) : null}
          </div>
          <form onSubmit={(e) => void submit(e)} noValidate>
            {step === 'credentials' ? (
              <>
                <TextField label={t('login.username')} value={username} onChange={setUsername} autoComplete="username" name="username" required autoFocus />
                <TextField label={t('login.password')} value={password} onChange={setPassword} type="password" autoComplete="current-password" name="password" required />
                {tenants.length ? (
                  <fieldset className="choice-group">
                    <legend ref={tenantLegend} tabIndex={-1}>{t('login.chooseMunicipality')}</legend>
                    <p className="field-hint">{t('login.chooseMunicipalityHint')}</p>
                    {tenants.map((tn) => (
                      <label key={tn.id} className="choice">
                        <input type="radio" name="tenant" value={tn.id} checked={tenant === tn.id} onChange={() => setTenant(tn.id)} />
                        <span>
                          <span className="choice-title">{tn.name}</span>
                          {tn.orgNumber ? <span className="choice-sub">{t('login.orgNumber', { orgNumber: tn.orgNumber })}</span> : null}
                        </span>
                      </label>
                    ))}
                  </fieldset>
                ) : null}
              </>
            ) : (
              <TextField
                label={t('login.totpCode')}
                hint={t('login.totpHint')}
                value={totp}
                onChange={setTotp}
                autoComplete="one-time-code"
                inputMode="numeric"
                name="totp"
                maxLength={8}
                required
                autoFocus
              />
            )}
            <div className="form-actions">
              <button type="submit" className="button button-primary button-block" disabled={busy}>
                {busy ? t('login.submitting') : t('login.submit')}
              </button>
            </div>
            {step === 'totp' || tenants.length ? (
              <p className="login-restart">
                <button type="button" className="button-link" onClick={startOver}>{t('login.startOver')}</button>
              </p>
            ) : null}
          </form>
        </div>
      </main>
    </div>
  );
}
