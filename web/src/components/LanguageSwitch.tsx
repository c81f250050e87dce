import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import { changeLocale, currentLocale, isLocale, LOCALE_NAMES, LOCALES } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const id = useId();
  const locale = currentLocale();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        value={locale}
        onChange={(e) => {
          const next = e.target.value;
          if (isLocale(next)) {
            setApiLanguage(next);
            void changeLocale(next);
          }
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>
        ))}
      </select>
    </div>
  );
}
