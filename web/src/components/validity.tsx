import { useTranslation } from 'react-i18next';
import { formatDate, todayIso } from '../i18n/format.ts';
import { Badge } from './ui.tsx';

export type Validity = 'active' | 'future' | 'ended';

/** Validity on a calendar day; validTo is the last valid day (inclusive). */
export function validityOn(validFrom: string, validTo: string | null, day: string = todayIso()): Validity {
  if (validFrom > day) return 'future';
  if (validTo !== null && validTo < day) return 'ended';
  return 'active';
}

export function ValidityBadge({ validFrom, validTo, quietWhenActive }: { validFrom: string; validTo: string | null; quietWhenActive?: boolean }) {
  const { t } = useTranslation();
  const v = validityOn(validFrom, validTo);
  if (v === 'active' && quietWhenActive) return null;
  if (v === 'active') return <Badge tone="success">{t('common.active')}</Badge>;
  if (v === 'ended') return <Badge tone="muted">{validTo ? `${t('common.ended')} ${formatDate(validTo)}` : t('common.ended')}</Badge>;
  return <Badge tone="info">{`${t('common.validFrom')} ${formatDate(validFrom)}`}</Badge>;
}

export function Period({ from, to }: { from: string; to: string | null }) {
  return (
    <span className="nowrap">
      {formatDate(from)} – {to ? formatDate(to) : ''}
    </span>
  );
}
