// vue-i18n setup: zh-CN is the default and the source of truth for keys;
// English must have the same shape (checked by the type below and a test).
import { createI18n } from 'vue-i18n'
import { Locale as VantLocale } from 'vant'
import vantZh from 'vant/es/locale/lang/zh-CN'
import vantEn from 'vant/es/locale/lang/en-US'
import zhCN from './zh-CN'
import en from './en'
import { errorTexts, type Translator } from '@fenxiao/shared/errors/texts'

export type MessageSchema = typeof zhCN
export type AppLocale = 'zh-CN' | 'en'
export const LOCALES: AppLocale[] = ['zh-CN', 'en']
const STORAGE_KEY = 'fx_locale'

function initialLocale(): AppLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'zh-CN' || saved === 'en') return saved
  } catch {
    /* storage blocked */
  }
  return 'zh-CN'
}

export const i18n = createI18n<[MessageSchema], AppLocale>({
  legacy: false,
  globalInjection: true,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

function applyVant(l: AppLocale): void {
  if (l === 'en') VantLocale.use('en-US', vantEn)
  else VantLocale.use('zh-CN', vantZh)
  document.documentElement.lang = l
}
applyVant(initialLocale())

export function setLocale(l: AppLocale): void {
  (i18n.global.locale as unknown as { value: AppLocale }).value = l
  applyVant(l)
  try {
    localStorage.setItem(STORAGE_KEY, l)
  } catch {
    /* ignore */
  }
}

export const t = i18n.global.t

/** The API's errors as the shopper reads them (translated by reason or code). */
export const { errorText, fieldErrors } = errorTexts(i18n.global as unknown as Translator)
