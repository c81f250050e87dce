import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { audit, type AuditFilter } from '../api/endpoints.ts';
import type { AuditEvent } from '../api/types.ts';
import { formatTimestamp, isIsoDate } from '../i18n/format.ts';
import { FormError, Loading, PageHeader, QueryError, SelectField, TextField } from '../components/ui.tsx';
import { sv } from '../i18n/sv.ts';
import { diff } from './diff.ts';

const PAGE_SIZE = 25;

// The actions and entity types the interface has names for; the filter offers these, and the
// table shows the name with the technical code underneath (unknown codes show as they are).
const KNOWN_ACTIONS = Object.entries(sv.audit.actions).flatMap(([group, acts]) => Object.keys(acts).map((a) => `${group}.${a}`));
const KNOWN_ENTITIES = Object.keys(sv.audit.entities);

export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Required<AuditFilter>>({ action: '', entityType: '', actor: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  const cursor = cursors[cursors.length - 1] ?? null;
  const events = useQuery({
    queryKey: ['audit', filter, cursor],
    queryFn: () => audit.events(filter, cursor, PAGE_SIZE),
    placeholderData: (prev) => prev,
  });
  const verify = useMutation({ mutationFn: () => audit.verify() });

  function apply(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (draft.from && !isIsoDate(draft.from)) errs.from = t('errors.invalidDate');
    if (draft.to && !isIsoDate(draft.to)) errs.to = t('errors.invalidDate');
    setDateErrors(errs);
    if (Object.keys(errs).length) return;
    const f: AuditFilter = {};
    for (const [k, v] of Object.entries(draft) as [keyof AuditFilter, string][]) if (v.trim()) f[k] = v.trim();
    setFilter(f);
    setCursors([null]);
  }

  function clear() {
    setDraft({ action: '', entityType: '', actor: '', from: '', to: '' });
    setDateErrors({});
    setFilter({});
    setCursors([null]);
  }

  const set = (k: keyof AuditFilter) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro')}
        actions={
          <button type="button" className="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
            {verify.isPending ? t('audit.verifying') : t('audit.verify')}
          </button>
        }
      />
      <div role="status" aria-live="polite">
        {verify.data ? (
          verify.data.ok ? (
            <p className="alert alert-success">{t('audit.verifyOk', { checked: verify.data.checked })}</p>
          ) : (
            <p className="alert alert-error">
              {t('audit.verifyBroken', { seq: verify.data.firstBroken?.seq ?? '?', reason: verify.data.firstBroken?.reason ?? '', checked: verify.data.checked })}
            </p>
          )
        ) : null}
      </div>
      {verify.error ? <FormError error={verify.error} /> : null}
      <section className="card" aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t('audit.filters')}</h2>
        <form className="filters filters-wrap" onSubmit={apply} role="search" noValidate>
          <SelectField
            label={t('audit.action')}
            value={draft.action}
            onChange={set('action')}
            placeholder={t('audit.allActions')}
            options={KNOWN_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
          />
          <SelectField
            label={t('audit.entityType')}
            value={draft.entityType}
            onChange={set('entityType')}
            placeholder={t('audit.allEntityTypes')}
            options={KNOWN_ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
          />
          <TextField label={t('audit.actor')} value={draft.actor} onChange={set('actor')} hint={t('audit.actorHint')} />
          <TextField label={t('audit.from')} type="date" value={draft.from} onChange={set('from')} error={dateErrors.from} />
          <TextField label={t('audit.to')} type="date" value={draft.to} onChange={set('to')} error={dateErrors.to} />
          <div className="filters-actions">
            <button type="submit" className="button button-primary">{t('audit.apply')}</button>
            <button type="button" className="button" onClick={clear}>{t('audit.clear')}</button>
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="events-heading">
        <h2 id="events-heading">{t('audit.events')}</h2>
        {events.isPending ? <Loading /> : events.isError ? <QueryError error={events.error} /> : events.data.events.length === 0 ? <p>{t('audit.empty')}</p> : (
          <>
            <div className="table-wrap">
              <table className="table table-audit">
                <caption className="visually-hidden">{`${t('audit.events')}, ${t('common.page', { page: cursors.length })}`}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">{t('audit.seq')}</th>
                    <th scope="col">{t('audit.occurredAt')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.entity')}</th>
                    <th scope="col">{t('audit.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.data.events.map((e) => <EventRow key={String(e.seq)} event={e} />)}
                </tbody>
              </table>
            </div>
            <nav className="pager" aria-label={t('common.pagination')}>
              <button type="button" className="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('common.previous')}</button>
              <span>{t('common.page', { page: cursors.length })}</span>
              <button
                type="button"
                className="button"
                disabled={!events.data.nextCursor}
                onClick={() => {
                  const next = events.data.nextCursor;
                  if (next !== null && next !== undefined) setCursors((c) => [...c, String(next)]);
                }}
              >
                {t('common.next')}
              </button>
            </nav>
          </>
        )}
      </section>
    </>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const rows = diff(event.before, event.after);
  return (
    <tr>
      <td className="num">{String(event.seq)}</td>
      <td className="nowrap">{formatTimestamp(event.occurredAt)}</td>
      <td>{event.actor ? event.actor.username : <span className="muted">{t('audit.system')}</span>}</td>
      <td>
        <span className="strong">{KNOWN_ACTIONS.includes(event.action) ? t(`audit.actions.${event.action}`) : event.action}</span>
        <span className="sub code">{event.action}</span>
      </td>
      <td>
        {KNOWN_ENTITIES.includes(event.entityType) ? t(`audit.entities.${event.entityType}`) : event.entityType}
        {event.entityId ? <span className="sub code">{event.entityId}</span> : null}
      </td>
      <td>
        {rows.length === 0 ? (
          <span className="muted">{t('audit.noChanges')}</span>
        ) : (
          <details className="diff">
            <summary>{`${t('audit.showChanges')} (${rows.filter((r) => r.changed).length})`}</summary>
            <table className="table table-compact diff-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.field')}</th>
                  <th scope="col">{t('audit.before')}</th>
                  <th scope="col">{t('audit.after')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.field} className={r.changed ? 'diff-changed' : undefined}>
                    <th scope="row" className="code">
                      {r.field}
                      {r.changed ? <span className="visually-hidden"> ({t('audit.changed')})</span> : null}
                    </th>
                    <td>{r.changed && r.before !== '–' ? <del>{r.before}</del> : r.before}</td>
                    <td>{r.changed && r.after !== '–' ? <ins>{r.after}</ins> : r.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </td>
    </tr>
  );
}
