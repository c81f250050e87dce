// Mina uppgifter: the invoices waiting for the signed-in person (to identify, code, review, approve),
// by type and due date, and the reminders and escalations sent to them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { handling as handlingApi } from '../api/endpoints.ts';
import type { Task, TaskType } from '../api/types.ts';
import { formatDate, formatTimestamp } from '../i18n/format.ts';
import { Badge, Loading, PageHeader, QueryError } from '../components/ui.tsx';
import { Amount } from '../components/invoice.tsx';

const TYPES: readonly TaskType[] = ['identify', 'code', 'review', 'approve'];

export function TasksPage() {
  const { t } = useTranslation();
  const tasks = useQuery({ queryKey: ['tasks'], queryFn: handlingApi.tasks });
  return (
    <>
      <PageHeader title={t('handling.tasks.title')} intro={t('handling.tasks.intro')} />
      {tasks.isPending ? <Loading /> : tasks.isError ? <QueryError error={tasks.error} /> : tasks.data.length === 0 ? (
        <p className="ok-text">{t('handling.tasks.none')}</p>
      ) : (
        TYPES.filter((type) => tasks.data.some((x) => x.type === type)).map((type) => (
          <TaskGroup key={type} type={type} tasks={tasks.data.filter((x) => x.type === type)} />
        ))
      )}
      <Notifications />
    </>
  );
}

function TaskGroup({ type, tasks }: { type: TaskType; tasks: Task[] }) {
  const { t } = useTranslation();
  const id = `tasks-${type}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{t(`handling.tasks.types.${type}`)} <span className="todo-count">{tasks.length}</span></h2>
      <ul className="task-list">
        {tasks.map((task) => (
          <li key={`${task.type}-${task.invoiceId}`} className={task.overdue ? 'task task-overdue' : 'task'}>
            <span className="task-main">
              <Link to={`/fakturor/${encodeURIComponent(task.invoiceId)}`} className="strong">
                {t('handling.tasks.invoiceLink', { number: task.invoiceNumber ?? '–', supplier: task.supplierName ?? t('invoice.unknownSupplier') })}
              </Link>
              {task.ansvar.length ? <span className="sub">{t('handling.tasks.ansvar', { list: task.ansvar.join(', ') })}</span> : null}
              {task.note ? <span className="sub">{task.note}</span> : null}
            </span>
            <span className="task-meta">
              <span className="task-due">{t('handling.tasks.due', { date: formatDate(task.dueDate) })}</span>
              <span className="task-amount"><Amount value={task.amount} currency={task.currency} /></span>
              <span className="cell-badges">
                <Badge tone="muted">{t(`handling.tasks.types.${task.type}`)}</Badge>
                {task.overdue ? <Badge tone="error">{t('handling.tasks.overdue')}</Badge> : null}
                {task.escalated ? <Badge tone="warning">{t('handling.tasks.escalated')}</Badge> : null}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Notifications() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['notifications'], queryFn: handlingApi.notifications });
  const read = useMutation({ mutationFn: handlingApi.markNotificationsRead, onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }) });
  const unread = list.data?.filter((n) => !n.read).length ?? 0;
  return (
    <section className="card" aria-labelledby="notifications-heading">
      <div className="card-header">
        <h2 id="notifications-heading">{t('handling.notifications.title')} {unread ? <Badge tone="warning">{t('handling.notifications.unread', { count: unread })}</Badge> : null}</h2>
        {unread ? <button type="button" className="button" onClick={() => read.mutate()} disabled={read.isPending}>{t('handling.notifications.markRead')}</button> : null}
      </div>
      {list.isPending ? <Loading /> : list.isError ? <QueryError error={list.error} /> : list.data.length === 0 ? <p className="muted">{t('handling.notifications.none')}</p> : (
        <ul className="notification-list">
          {list.data.map((n) => (
            <li key={n.id} className={n.read ? 'notification-read' : 'notification-unread'}>
              <span className="timeline-when">{formatTimestamp(n.createdAt)}</span>
              {!n.read ? <span className="visually-hidden">{t('handling.notifications.new')}: </span> : null}
              {n.invoiceId ? <Link to={`/fakturor/${encodeURIComponent(n.invoiceId)}`}>{n.message}</Link> : n.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
