import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { sv } from './sv.ts';
import { en } from './en.ts';
import type { Locale } from './format.ts';

export const LOCALES: readonly Locale[] = ['sv', 'en'];
export const LOCALE_NAMES: Record<Locale, string> = { sv: 'Svenska', en: 'English' };
const STORAGE_KEY = 'avrop.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

export function storedLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : 'sv';
  } catch {
    return 'sv';
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode or storage disabled: the choice lasts for this page only
  }
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'sv';
}

export async function initI18n(): Promise<typeof i18next> {
  const lng = storedLocale();
  await i18next.use(initReactI18next).init({
    resources: { sv: { translation: sv }, en: { translation: en } },
    lng,
    fallbackLng: 'sv',
    supportedLngs: ['sv', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
}

export async function changeLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  await i18next.changeLanguage(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
