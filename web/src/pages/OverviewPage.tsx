import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../auth/session.tsx';
import { canView, visiblePages } from '../auth/access.ts';
import { invoices as invoicesApi, suppliers as suppliersApi } from '../api/endpoints.ts';
import { isRole } from '../api/types.ts';
import { formatDate } from '../i18n/format.ts';
import { Badge, PageHeader } from '../components/ui.tsx';

export function OverviewPage() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const links = visiblePages(user.roles).filter((p) => p.id !== 'overview');
  const seesInvoices = canView('invoices', user.roles);
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
        {seesInvoices ? <TodoCard /> : (
          <section className="card card-muted" aria-labelledby="queues-heading">
            <h2 id="queues-heading">{user.tenant.name}</h2>
            <p className="muted">{t('overview.workQueuesLater')}</p>
          </section>
        )}
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

/** "Att göra": the invoice queues that need a person, as counts with links to the filtered lists. */
function TodoCard() {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const rejected = useQuery({ queryKey: ['invoices', { status: 'rejected', limit: 1 }], queryFn: () => invoicesApi.list({ status: 'rejected', limit: 1 }) });
  const duplicates = useQuery({ queryKey: ['invoices', { status: 'suspected_duplicate', limit: 1 }], queryFn: () => invoicesApi.list({ status: 'suspected_duplicate', limit: 1 }) });
  const seesSuppliers = canView('suppliers', user.roles);
  const onboarding = useQuery({
    queryKey: ['supplier-onboarding', 'open'],
    queryFn: async () => (await suppliersApi.onboarding('open')).tasks,
    enabled: seesSuppliers,
  });
  const items = [
    { key: 'rejected', count: rejected.data?.total, to: '/fakturor?status=rejected' },
    { key: 'duplicates', count: duplicates.data?.total, to: '/fakturor?status=suspected_duplicate' },
    ...(seesSuppliers ? [{ key: 'onboarding', count: onboarding.data?.length, to: '/leverantorer/nya' }] : []),
  ];
  return (
    <section className="card" aria-labelledby="todo-heading">
      <h2 id="todo-heading">{t('overview.todo')}</h2>
      <ul className="todo-list">
        {items.map((i) => (
          <li key={i.key}>
            <Link to={i.to}>
              <span className={`todo-count${i.count ? ' todo-count-active' : ''}`}>{i.count ?? '…'}</span>
              <span>{t(`overview.todoItems.${i.key}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
