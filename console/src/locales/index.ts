// i18next with both languages bundled (a few KB each): zh-CN by default, en-US on request, remembered per browser.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from './en-US';
import zhCN from './zh-CN';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'procure.console.locale';

export function initialLocale(fallback: Locale | undefined): Locale {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : (fallback ?? 'zh-CN');
}

export function initI18n(locale: Locale) {
  document.documentElement.lang = locale;
  return i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: locale,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
}

export async function switchLocale(locale: Locale) {
  window.localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  await i18n.changeLanguage(locale);
}

export default i18n;
