import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import vi from './vi.json';

export type Lang = 'vi' | 'en';
const STORE = 'console.lang';

function remembered(): Lang {
  try {
    return localStorage.getItem(STORE) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: remembered(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

const applyLang = (lng: string) => {
  document.documentElement.lang = lng;
  document.title = i18n.t('shell.app');
};
applyLang(i18n.language);
i18n.on('languageChanged', applyLang);

export function setLang(lng: Lang) {
  try {
    localStorage.setItem(STORE, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(lng);
}

export default i18n;
