// Avstämning: read in the bank's files – camt.054 (the debit notification: payments made or
// returned) or pain.002 (the status report: payments rejected) – and show what happened to each.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { payments as paymentsApi } from '../api/endpoints.ts';
import type { BankImportKind, BankImportOutcome, BankImportResult } from '../api/types.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatAmount, formatDate } from '../i18n/format.ts';
import { Badge, FileField, FormActions, FormError, PageHeader, type BadgeTone } from '../components/ui.tsx';

const OUTCOME_TONE: Record<BankImportOutcome, BadgeTone> = { paid: 'success', accepted: 'info', returned: 'warning', rejected: 'error', unknown: 'error', already_done: 'muted' };

export function ReconcilePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<BankImportKind>('camt054');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const run = useMutation({
    mutationFn: ({ k, f }: { k: BankImportKind; f: File }) => paymentsApi.importBankFile(k, f, f.name),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['payments'] });
      await qc.invalidateQueries({ queryKey: ['ledger'] });
      await qc.invalidateQueries({ queryKey: ['invoices'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    run.mutate({ k: kind, f: file });
  }
  return (
    <>
      <PageHeader title={t('reconcile.title')} intro={t('reconcile.intro')} />
      <section className="card narrow-card" aria-labelledby="bank-file-heading">
        <h2 id="bank-file-heading">{t('reconcile.upload')}</h2>
        <form onSubmit={submit} noValidate>
          <fieldset className="choice-group">
            <legend>{t('reconcile.kind')}</legend>
            {(['camt054', 'pain002'] as const).map((k) => (
              <label key={k} className="choice">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => { setKind(k); run.reset(); }} />
                <span>
                  <span className="choice-title">{t(`reconcile.kinds.${k}`)}</span>
                  <span className="choice-sub">{t(`reconcile.kindHints.${k}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <FileField
            label={t('reconcile.file')}
            accept=".xml,application/xml,text/xml"
            hint={t('reconcile.fileHint')}
            missing={missing}
            onFile={(f) => {
              setFile(f);
              run.reset();
            }}
          />
          <FormActions>
            <button type="submit" className="button button-primary" disabled={run.isPending}>{run.isPending ? t('reconcile.reading') : t('reconcile.submit')}</button>
          </FormActions>
        </form>
      </section>
      {run.error ? <FormError error={run.error} /> : null}
      <div aria-live="polite">{run.data ? <ImportOutcome result={run.data} /> : null}</div>
    </>
  );
}

function ImportOutcome({ result: r }: { result: BankImportResult }) {
  const { t } = useTranslation();
  const loc = currentLocale();
  return (
    <section className="card" aria-labelledby="import-result-heading">
      <h2 id="import-result-heading">{t('reconcile.result', { kind: t(`reconcile.kinds.${r.kind}`) })}</h2>
      <p role="status">{t('reconcile.summary', { paid: r.paid, returned: r.returned, rejected: r.rejected, unknown: r.unknown })}</p>
      {r.messageId ? <p className="muted">{t('reconcile.messageId', { id: r.messageId })}</p> : null}
      {r.items.length === 0 ? <p className="muted">{t('reconcile.noItems')}</p> : (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="visually-hidden">{t('reconcile.caption', { count: r.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reconcile.endToEnd')}</th>
                <th scope="col" className="num">{t('reconcile.amount')}</th>
                <th scope="col">{t('reconcile.bookingDate')}</th>
                <th scope="col">{t('reconcile.outcome')}</th>
                <th scope="col">{t('reconcile.detail')}</th>
                <th scope="col">{t('reconcile.invoices')}</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((i, k) => (
                <tr key={`${i.endToEndId ?? ''}-${k}`} className={i.outcome === 'unknown' || i.outcome === 'rejected' ? 'row-overdue' : undefined}>
                  <td className="code">{i.endToEndId ?? i.reference ?? '–'}</td>
                  <td className="num">{i.amount ? <span className="nowrap">{formatAmount(i.amount, 'SEK', loc)}</span> : '–'}</td>
                  <td>{formatDate(i.bookingDate)}</td>
                  <td><Badge tone={OUTCOME_TONE[i.outcome] ?? 'neutral'}>{t(`reconcile.outcomes.${i.outcome}`, { defaultValue: i.outcome })}</Badge></td>
                  <td>{i.detail ?? ''}</td>
                  <td>
                    {i.invoiceIds.length === 0 ? '–' : i.invoiceIds.map((id, n) => (
                      <span key={id}>{n ? ', ' : ''}<Link to={`/fakturor/${encodeURIComponent(id)}`}>{t('reconcile.invoiceLink', { n: n + 1 })}</Link></span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
