import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../auth/session.tsx';
import { visiblePages } from '../auth/access.ts';
import { isRole } from '../api/types.ts';
import { formatDate } from '../i18n/format.ts';
import { Badge, PageHeader } from '../components/ui.tsx';

export function OverviewPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const links = visiblePages(user.roles).filter((p) => p.id !== 'overview');
  return (
    <>
      <PageHeader title={t('overview.title')} intro={t('overview.welcome', { name: user.displayName })} />
      <div className="grid-2">
        <section className="card" aria-labelledby="roles-heading">
          <h2 id="roles-heading">{t('overview.yourRoles')}</h2>
          {user.roles.length ? (
            <ul className="tag-list">
              {user.roles.map((r) => (
                <li key={r}><Badge tone="info">{isRole(r) ? t(`roles.${r}`) : r}</Badge></li>
              ))}
            </ul>
          ) : (
            <p>{t('overview.noRoles')}</p>
          )}
          <p className="muted">
            {user.trainedBuyerAt ? t('overview.trainedBuyer', { date: formatDate(user.trainedBuyerAt) }) : t('overview.notTrainedBuyer')}
          </p>
        </section>
        <section className="card card-muted" aria-labelledby="queues-heading">
          <h2 id="queues-heading">{user.tenant.name}</h2>
          <p className="muted">{t('overview.workQueuesLater')}</p>
        </section>
      </div>
      <section aria-labelledby="shortcuts-heading" className="section">
        <h2 id="shortcuts-heading">{t('overview.shortcuts')}</h2>
        <ul className="link-cards">
          {links.map((p) => (
            <li key={p.id}>
              <Link to={p.path} className="link-card">
                <span className="link-card-title">{t(`nav.${p.id}`)}</span>
                <span className="link-card-desc">{t(`overview.desc.${p.id}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
