import { useEffect, useId, useRef, type ReactNode, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldErrors } from '../api/errors.ts';

type Described = { hint?: ReactNode; error?: string | undefined };

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldMessages({ id, hint, error }: Described & { id: string }) {
  return (
    <>
      {hint ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="field-error" id={`${id}-error`}>{error}</p> : null}
    </>
  );
}

type TextFieldProps = Described & {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'email' | 'date' | 'search';
  required?: boolean;
  optional?: boolean;
  autoComplete?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  name?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  className?: string;
  pattern?: string;
  maxLength?: number;
  placeholder?: string;
};

export function TextField(props: TextFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const { label, value, onChange, type = 'text', hint: hintProp, error, required, optional, className, ...rest } = props;
  // Dates are typed as ISO 8601 text: a native date picker shows the browser's locale format
  // (mm/dd/yyyy in an English browser), and the interface promises YYYY-MM-DD everywhere.
  const isDate = type === 'date';
  const hint = isDate ? (
    <>
      {hintProp ? <>{hintProp} </> : null}
      <span className="date-format">{t('common.dateFormat')}</span>
    </>
  ) : hintProp;
  const dateProps = isDate ? { inputMode: 'numeric' as const, maxLength: 10, autoComplete: 'off', spellCheck: false } : {};
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="field-optional"> {t('common.optional')}</span> : null}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        id={id}
        type={isDate ? 'text' : type}
        className={isDate ? 'input-date' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...dateProps}
        {...rest}
      />
    </div>
  );
}

export type Option = { value: string; label: string };

type SelectFieldProps = Described & {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  required?: boolean;
  placeholder?: string;
  name?: string;
  className?: string;
};

export function SelectField({ label, value, onChange, options, hint, error, required, placeholder, name, className }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox({ label, checked, onChange, hint }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
    </div>
  );
}

/** The error of a failed request as an alert, with field issues the form could not place. */
export function FormError({ error, placedFields = [] }: { error: unknown; placedFields?: readonly string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues = Object.entries(fieldErrors(error)).filter(([path]) => !placedFields.includes(path));
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorText(t, error)}</p>
      {issues.length ? (
        <ul>
          {issues.map(([path, message]) => (
            <li key={path}>{path ? `${path}: ` : ''}{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      <p>{children}</p>
    </div>
  );
}

/** A polite live region that is always in the DOM, so screen readers announce changes. */
export function LiveStatus({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite" className={message ? 'alert alert-success' : 'visually-hidden'}>
      {message ? <p>{message}</p> : null}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <p className="loading" role="status">{t('app.loading')}</p>;
}

export function QueryError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorText(t, error)}</p>
    </div>
  );
}

export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => {
      if (el?.open) el.close();
      previous?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button-icon" onClick={onClose} aria-label={t('common.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

export function PageHeader({ title, intro, actions }: { title: string; intro?: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} – Avrop`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 tabIndex={-1} id="page-title">{title}</h1>
        {intro ? <p className="lead">{intro}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'muted' | 'info' | 'error';

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: BadgeTone }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

/** A file input with its label, optional hint and the "choose a file" error. */
export function FileField({ label, accept, hint, missing, onFile }: { label: string; accept: string; hint?: string; missing: boolean; onFile: (f: File | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', missing ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${missing ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      {missing ? <p className="field-error" id={`${id}-error`}>{t('receive.chooseFile')}</p> : null}
      <input id={id} type="file" accept={accept} aria-invalid={missing ? true : undefined} aria-describedby={describedBy} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
    </div>
  );
}

/** The row-by-row report of a file import that was refused (row, column, message). */
export function RowErrorTable({ rows }: { rows: readonly { row: number; column?: string | null; message: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption>{t('dims.importRowsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dims.row')}</th>
            <th scope="col">{t('dims.column')}</th>
            <th scope="col">{t('dims.message')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.row}-${r.column ?? ''}-${i}`}>
              <td>{Number.isFinite(r.row) ? r.row : t('common.none')}</td>
              <td className="code">{r.column || t('common.none')}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
