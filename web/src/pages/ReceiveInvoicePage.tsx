import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { invoices as invoicesApi, invoiceUrls, suppliers as suppliersApi } from '../api/endpoints.ts';
import { fieldErrors } from '../api/errors.ts';
import type { InboundResult, PdfConfirmInput, PdfDraft } from '../api/types.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatDecimal, isIsoDate, parseAmountInput } from '../i18n/format.ts';
import { FileField, FormActions, FormError, PageHeader, SelectField, TextField } from '../components/ui.tsx';
import { FindingsTable } from '../components/invoice.tsx';

export function ReceiveTabs() {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('receive.tabsLabel')}>
      <ul>
        <li><NavLink to="/ta-emot-faktura" end>{t('receive.tabs.xml')}</NavLink></li>
        <li><NavLink to="/ta-emot-faktura/pdf">{t('receive.tabs.pdf')}</NavLink></li>
      </ul>
    </nav>
  );
}

export function ReceiveInvoicePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const run = useMutation({
    mutationFn: (f: File) => invoicesApi.receive(f, f.name),
    onSuccess: async () => {
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
    run.mutate(file);
  }

  return (
    <>
      <PageHeader title={t('receive.title')} intro={t('receive.intro')} />
      <ReceiveTabs />
      <section className="card narrow-card" aria-labelledby="xml-heading">
        <h2 id="xml-heading">{t('receive.xmlHeading')}</h2>
        <p className="muted">{t('receive.xmlIntro')}</p>
        <form onSubmit={submit} noValidate>
          <FileField
            label={t('receive.xmlFile')}
            accept=".xml,application/xml,text/xml"
            hint={t('receive.xmlFileHint')}
            missing={missing}
            onFile={(f) => {
              setFile(f);
              run.reset();
            }}
          />
          <FormActions>
            <button type="submit" className="button button-primary" disabled={run.isPending}>{run.isPending ? t('receive.receiving') : t('receive.submit')}</button>
          </FormActions>
        </form>
      </section>
      <div aria-live="polite">
        {run.data ? <Outcome result={run.data} /> : null}
      </div>
      {run.error ? <FormError error={run.error} /> : null}
    </>
  );
}

const OUTCOME_KEY: Record<InboundResult['outcome'], string> = {
  registered: 'registered',
  duplicate: 'duplicate',
  'suspected-duplicate': 'suspectedDuplicate',
  rejected: 'rejected',
  'unknown-recipient': 'unknownRecipient',
};

function Outcome({ result }: { result: InboundResult }) {
  const { t } = useTranslation();
  const key = OUTCOME_KEY[result.outcome] ?? 'registered';
  const tone = result.outcome === 'registered' || result.outcome === 'duplicate' ? 'alert-success' : result.outcome === 'suspected-duplicate' ? 'alert-warning' : 'alert-error';
  return (
    <section className="card narrow-card" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">{t('receive.outcomeHeading')}</h2>
      <div className={`alert ${tone}`}>
        <p>{t(`receive.outcomes.${key}.title`)}</p>
        <p className="alert-body">{t(`receive.outcomes.${key}.text`)}</p>
      </div>
      {result.invoiceId ? (
        <p><Link className="button button-primary" to={`/fakturor/${encodeURIComponent(result.invoiceId)}`}>{t('receive.openInvoice')}</Link></p>
      ) : null}
      {result.findings.length ? (
        <>
          <h3>{t('invoice.findings')}</h3>
          <FindingsTable findings={result.findings} caption={t('invoice.findings')} />
        </>
      ) : <p className="ok-text">{t('invoice.noFindingsText')}</p>}
    </section>
  );
}

// ---------- PDF ----------

export function PdfInvoicePage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const upload = useMutation({ mutationFn: (f: File) => invoicesApi.uploadPdf(f, f.name) });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    upload.mutate(file);
  }

  return (
    <>
      <PageHeader title={t('receive.title')} intro={t('receive.intro')} />
      <ReceiveTabs />
      {upload.data ? (
        <PdfProposalForm key={upload.data.draftId} draft={upload.data} onRestart={() => { upload.reset(); setFile(null); }} />
      ) : (
        <section className="card narrow-card" aria-labelledby="pdf-heading">
          <h2 id="pdf-heading">{t('receive.pdfHeading')}</h2>
          <p className="muted">{t('receive.pdfIntro')}</p>
          <form onSubmit={submit} noValidate>
            <FileField
              label={t('receive.pdfFile')}
              accept=".pdf,application/pdf"
              hint={t('receive.pdfFileHint')}
              missing={missing}
              onFile={(f) => {
                setFile(f);
                upload.reset();
              }}
            />
            <FormActions>
              <button type="submit" className="button button-primary" disabled={upload.isPending}>{upload.isPending ? t('receive.reading') : t('receive.pdfSubmit')}</button>
            </FormActions>
          </form>
          {upload.error ? <FormError error={upload.error} /> : null}
        </section>
      )}
    </>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** Decimal string → öre as BigInt (null if not an amount). */
function ore(amount: string): bigint | null {
  const m = /^(\d+)\.(\d{2})$/.exec(amount);
  return m ? BigInt(m[1]! + m[2]!) : null;
}

// plain spaces in an input field (formatDecimal groups with no-break spaces)
const showAmount = (v: string | null) => (v ? formatDecimal(v, currentLocale()).replace(/[\u00a0\u202f]/g, ' ') : '');

type Fields = { invoiceNumber: string; issueDate: string; dueDate: string; currency: string; netAmount: string; vatAmount: string; grossAmount: string; ocr: string; buyerReference: string };

function PdfProposalForm({ draft, onRestart }: { draft: PdfDraft; onRestart: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const p = draft.proposal;
  const [q, setQ] = useState(p.orgNumber ?? p.supplierName ?? '');
  const query = useDebounced(q.trim(), 250);
  const [supplierId, setSupplierId] = useState(p.supplierId ?? '');
  const [f, setF] = useState<Fields>({
    invoiceNumber: p.invoiceNumber ?? '',
    issueDate: p.issueDate ?? '',
    dueDate: p.dueDate ?? '',
    currency: p.currency || 'SEK',
    netAmount: showAmount(p.netAmount),
    vatAmount: showAmount(p.vatAmount),
    grossAmount: showAmount(p.grossAmount),
    ocr: p.ocr ?? '',
    buyerReference: p.buyerReference ?? '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['suppliers', 'pick', query],
    queryFn: async () => (await suppliersApi.list(query || undefined, undefined, 20)).suppliers,
    placeholderData: (prev) => prev,
  });
  const chosen = useQuery({
    queryKey: ['suppliers', 'one', supplierId],
    queryFn: () => suppliersApi.get(supplierId),
    enabled: supplierId !== '',
  });
  const options = [...(found.data ?? [])];
  if (chosen.data && !options.some((s) => s.id === chosen.data.id)) options.unshift(chosen.data);

  const confirm = useMutation({
    mutationFn: (input: PdfConfirmInput) => invoicesApi.confirmPdf(draft.draftId, input),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['invoices'] });
      navigate(`/fakturor/${encodeURIComponent(r.invoiceId)}`);
    },
  });

  const set = (k: keyof Fields) => (v: string) => {
    setF((d) => ({ ...d, [k]: v }));
    // a corrected field loses its message (the three amounts are checked together)
    const cleared = k === 'netAmount' || k === 'vatAmount' || k === 'grossAmount' ? ['netAmount', 'vatAmount', 'grossAmount'] : [k];
    setLocal((l) => Object.fromEntries(Object.entries(l).filter(([key]) => !cleared.includes(key))));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!supplierId) errs.supplierId = t('receive.supplierRequired');
    if (!f.invoiceNumber.trim()) errs.invoiceNumber = t('errors.requiredField');
    for (const k of ['issueDate', 'dueDate'] as const) if (!isIsoDate(f[k].trim())) errs[k] = t('errors.invalidDate');
    if (!errs.dueDate && !errs.issueDate && f.dueDate.trim() < f.issueDate.trim()) errs.dueDate = t('receive.dueBeforeIssue');
    if (!/^[A-Za-z]{3}$/.test(f.currency.trim())) errs.currency = t('receive.invalidCurrency');
    const amounts: Record<'netAmount' | 'vatAmount' | 'grossAmount', string> = { netAmount: '', vatAmount: '', grossAmount: '' };
    for (const k of ['netAmount', 'vatAmount', 'grossAmount'] as const) {
      const v = parseAmountInput(f[k]);
      if (v === null) errs[k] = t('errors.invalidAmount');
      else amounts[k] = v;
    }
    if (!errs.netAmount && !errs.vatAmount && !errs.grossAmount) {
      const [n, v, g] = [ore(amounts.netAmount), ore(amounts.vatAmount), ore(amounts.grossAmount)];
      if (n !== null && v !== null && g !== null && n + v !== g) errs.grossAmount = t('receive.sumMismatch');
    }
    setLocal(errs);
    if (Object.keys(errs).length) return;
    const input: PdfConfirmInput = {
      supplierId,
      invoiceNumber: f.invoiceNumber.trim(),
      issueDate: f.issueDate.trim(),
      dueDate: f.dueDate.trim(),
      currency: f.currency.trim().toUpperCase(),
      ...amounts,
    };
    if (f.ocr.trim()) input.ocr = f.ocr.trim();
    if (f.buyerReference.trim()) input.buyerReference = f.buyerReference.trim();
    confirm.mutate(input);
  }

  const server = fieldErrors(confirm.error);
  const fromPdf = [p.supplierName, p.orgNumber, p.bankgiro ? `${t('supplier.accountTypes.bankgiro')} ${p.bankgiro}` : null, p.plusgiro ? `${t('supplier.accountTypes.plusgiro')} ${p.plusgiro}` : null]
    .filter(Boolean).join(', ');

  return (
    <div className="pdf-layout">
      <section className="card" aria-labelledby="proposal-heading">
        <h2 id="proposal-heading">{t('receive.proposalHeading')}</h2>
        <p className="muted">{t('receive.proposalIntro')}</p>
        <form onSubmit={submit} noValidate>
          <FormError error={confirm.error} placedFields={['supplierId', ...Object.keys(f)]} />
          <fieldset className="choice-group">
            <legend>{t('receive.supplier')}</legend>
            <p className="field-hint">{fromPdf ? t('receive.supplierInPdf', { text: fromPdf }) : t('receive.supplierNotInPdf')}</p>
            <TextField label={t('receive.supplierSearch')} type="search" value={q} onChange={setQ} hint={t('receive.supplierSearchHint')} />
            <SelectField
              label={t('receive.supplierChoice')}
              value={supplierId}
              onChange={setSupplierId}
              placeholder={t('receive.chooseSupplier')}
              options={options.map((s) => ({ value: s.id, label: `${s.name}${s.orgNumber ? ` (${s.orgNumber})` : ''}${s.blocked ? ` – ${t('suppliers.blocked')}` : ''}` }))}
              required
              error={local.supplierId ?? server.supplierId}
              hint={found.data && found.data.length === 0 ? t('receive.noSupplierFound') : undefined}
            />
            {chosen.data?.blocked ? <p className="alert alert-warning">{t('receive.supplierBlocked', { reason: chosen.data.blockedReason ?? '' })}</p> : null}
          </fieldset>
          <div className="field-row">
            <TextField label={t('invoice.invoiceNumber')} value={f.invoiceNumber} onChange={set('invoiceNumber')} required error={local.invoiceNumber ?? server.invoiceNumber} />
            <TextField label={t('invoice.currency')} value={f.currency} onChange={set('currency')} required maxLength={3} error={local.currency ?? server.currency} />
          </div>
          <div className="field-row">
            <TextField label={t('invoice.issueDate')} type="date" value={f.issueDate} onChange={set('issueDate')} required error={local.issueDate ?? server.issueDate} />
            <TextField label={t('invoice.dueDate')} type="date" value={f.dueDate} onChange={set('dueDate')} required error={local.dueDate ?? server.dueDate} />
          </div>
          <div className="field-row field-row-3">
            <TextField label={t('invoice.net')} value={f.netAmount} onChange={set('netAmount')} inputMode="decimal" required error={local.netAmount ?? server.netAmount} />
            <TextField label={t('invoice.vat')} value={f.vatAmount} onChange={set('vatAmount')} inputMode="decimal" required error={local.vatAmount ?? server.vatAmount} />
            <TextField label={t('invoice.gross')} value={f.grossAmount} onChange={set('grossAmount')} inputMode="decimal" required error={local.grossAmount ?? server.grossAmount} />
          </div>
          <div className="field-row">
            <TextField label={t('invoice.paymentReference')} value={f.ocr} onChange={set('ocr')} optional inputMode="numeric" error={server.ocr} />
            <TextField label={t('invoice.buyerReference')} value={f.buyerReference} onChange={set('buyerReference')} optional error={server.buyerReference} />
          </div>
          <FormActions>
            <button type="submit" className="button button-primary" disabled={confirm.isPending}>{confirm.isPending ? t('common.working') : t('receive.confirm')}</button>
            <button type="button" className="button" onClick={onRestart}>{t('receive.startOver')}</button>
          </FormActions>
        </form>
      </section>
      <div className="stack">
        <section className="card" aria-labelledby="pdf-file-heading">
          <h2 id="pdf-file-heading">{t('receive.pdfDocument')}</h2>
          <iframe className="pdf-frame" src={invoiceUrls.pdfDraftFile(draft.draftId)} title={t('receive.pdfFrameTitle')} />
          <p><a href={invoiceUrls.pdfDraftFile(draft.draftId)} target="_blank" rel="noopener noreferrer">{t('receive.openPdf')}</a></p>
        </section>
        <section className="card" aria-labelledby="pdf-text-heading">
          <h2 id="pdf-text-heading">{t('receive.extractedText')}</h2>
          {draft.text.trim() ? <pre className="extracted-text" tabIndex={0} aria-labelledby="pdf-text-heading">{draft.text}</pre> : <p className="muted">{t('receive.noText')}</p>}
        </section>
      </div>
    </div>
  );
}
