import { useEffect, useRef, type ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRequiredSession, useSession } from '../auth/session.tsx';
import { visiblePages } from '../auth/access.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Logo() {
  return (
    <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M9 23l7-15 7 15M11.8 17.5h8.4" fill="none" stroke="var(--logo-ink, #fff)" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  const { user } = session;
  const pages = visiblePages(user.roles);

  // Move focus to the page heading after in-app navigation, so screen readers hear the new page.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.getElementById('page-title');
    (heading ?? mainRef.current)?.focus();
  }, [location.pathname]);

  return (
    <div className="app">
      <SkipLink />
      <header className="topbar">
        <div className="topbar-inner">
          <div className="brand">
            <Logo />
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tenant" title={`${t('app.municipality')}: ${user.tenant.name}`}>
              <span className="visually-hidden">{t('app.municipality')}: </span>
              {user.tenant.name}
            </span>
          </div>
          <div className="topbar-tools">
            <LanguageSwitch />
            <span className="signed-in">
              <span aria-hidden="true" className="avatar">{initials(user.displayName)}</span>
              <span className="visually-hidden">{t('app.signedInAs', { name: user.displayName })}</span>
              <span aria-hidden="true">{user.displayName}</span>
            </span>
            <button
              type="button"
              className="button button-ghost-inverse"
              onClick={() => {
                void signOut();
                navigate('/logga-in', { replace: true });
              }}
            >
              {t('app.signOut')}
            </button>
          </div>
        </div>
        <nav className="mainnav" aria-label={t('app.mainNav')}>
          <ul>
            {pages.map((p) => (
              <li key={p.id}>
                <NavLink to={p.path} end={p.path === '/'}>
                  {t(`nav.${p.id}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {children}
      </main>
      <footer className="footer">
        <p>
          {t('app.name')} · {user.tenant.name} ({user.tenant.orgNumber})
        </p>
      </footer>
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}
