// Sena betalningar: what paying late cost (dröjsmålsränta and förseningsersättning) per förvaltning
// and month, and the share of invoices paid on time.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { payments as paymentsApi } from '../api/endpoints.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatAmount, isIsoDate, todayIso } from '../i18n/format.ts';
import { Loading, PageHeader, QueryError, TextField } from '../components/ui.tsx';

function Kr({ value }: { value: string }) {
  return <span className="nowrap">{formatAmount(value, 'SEK', currentLocale())}</span>;
}

/** A share between 0 and 1 as a whole percent in the locale ("87 %" / "87%"). */
function percent(share: number): string {
  return new Intl.NumberFormat(currentLocale() === 'sv' ? 'sv-SE' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function LateCostPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const year = todayIso().slice(0, 4);
  const from = isIsoDate(params.get('fran') ?? '') ? params.get('fran')! : `${year}-01-01`;
  const to = isIsoDate(params.get('till') ?? '') ? params.get('till')! : `${year}-12-31`;
  const [fromText, setFromText] = useState(from);
  const [toText, setToText] = useState(to);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const report = useQuery({ queryKey: ['payments', 'late-cost', from, to], queryFn: () => paymentsApi.lateCost(from, to) });

  function submit(e: FormEvent) {
    e.preventDefault();
    const f = fromText.trim();
    const tt = toText.trim();
    const errs: { from?: string; to?: string } = {};
    if (!isIsoDate(f)) errs.from = t('lateCost.invalidDate');
    if (!isIsoDate(tt)) errs.to = t('lateCost.invalidDate');
    else if (!errs.from && tt < f) errs.to = t('lateCost.toBeforeFrom');
    setErrors(errs);
    if (errs.from || errs.to) return;
    setParams({ fran: f, till: tt });
  }

  const totals = report.data?.totals;
  return (
    <>
      <PageHeader title={t('lateCost.title')} intro={t('lateCost.intro')} />
      <section className="card" aria-labelledby="period-heading">
        <h2 id="period-heading">{t('lateCost.period')}</h2>
        <form noValidate onSubmit={submit}>
          <div className="field-row">
            <TextField label={t('lateCost.from')} type="date" value={fromText} onChange={setFromText} required error={errors.from} />
            <TextField label={t('lateCost.to')} type="date" value={toText} onChange={setToText} required error={errors.to} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary">{t('lateCost.show')}</button>
          </div>
        </form>
      </section>
      {report.isPending ? <Loading /> : report.isError ? <QueryError error={report.error} /> : (
        <>
          <section className="card at-risk" aria-labelledby="late-totals-heading">
            <h2 id="late-totals-heading">{t('lateCost.totals', { from: report.data.from, to: report.data.to })}</h2>
            <dl className="risk-facts">
              <div data-testid="share-on-time">
                <dt>{t('lateCost.shareOnTime')}</dt>
                <dd>{totals!.shareOnTime === null ? t('lateCost.noPayments') : percent(totals!.shareOnTime)}</dd>
              </div>
              <div>
                <dt>{t('lateCost.paid')}</dt>
                <dd>{t('lateCost.paidValue', { count: totals!.paid, onTime: totals!.onTime, late: totals!.late })}</dd>
              </div>
              <div className={totals!.total !== '0.00' ? 'risk-bad' : undefined}>
                <dt>{t('lateCost.cost')}</dt>
                <dd><Kr value={totals!.total} /></dd>
              </div>
              <div>
                <dt>{t('lateCost.split')}</dt>
                <dd>{t('lateCost.splitValue', { interest: formatAmount(totals!.interest, 'SEK', currentLocale()), fees: formatAmount(totals!.fees, 'SEK', currentLocale()) })}</dd>
              </div>
            </dl>
          </section>
          <section className="card" aria-labelledby="late-rows-heading">
            <h2 id="late-rows-heading">{t('lateCost.perMonth')}</h2>
            {report.data.rows.length === 0 ? <p className="muted">{t('lateCost.noRows')}</p> : (
              <div className="table-wrap">
                <table className="table table-compact">
                  <caption className="visually-hidden">{t('lateCost.perMonth')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('lateCost.forvaltning')}</th>
                      <th scope="col">{t('lateCost.month')}</th>
                      <th scope="col" className="num">{t('lateCost.paidCol')}</th>
                      <th scope="col" className="num">{t('lateCost.onTime')}</th>
                      <th scope="col" className="num">{t('lateCost.late')}</th>
                      <th scope="col" className="num">{t('lateCost.interest')}</th>
                      <th scope="col" className="num">{t('lateCost.fees')}</th>
                      <th scope="col" className="num">{t('lateCost.cost')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.data.rows.map((r) => (
                      <tr key={`${r.forvaltning}-${r.month}`} className={r.late ? 'row-overdue' : undefined}>
                        <th scope="row">{r.forvaltningName} <span className="sub code">{r.forvaltning}</span></th>
                        <td>{r.month}</td>
                        <td className="num">{r.paid}</td>
                        <td className="num">{r.onTime}</td>
                        <td className="num">{r.late}</td>
                        <td className="num"><Kr value={r.interest} /></td>
                        <td className="num"><Kr value={r.fees} /></td>
                        <td className="num strong"><Kr value={r.total} /></td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>{t('lateCost.sum')}</th>
                      <td className="num">{totals!.paid}</td>
                      <td className="num">{totals!.onTime}</td>
                      <td className="num">{totals!.late}</td>
                      <td className="num"><Kr value={totals!.interest} /></td>
                      <td className="num"><Kr value={totals!.fees} /></td>
                      <td className="num strong"><Kr value={totals!.total} /></td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
