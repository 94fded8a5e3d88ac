import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import { errorTexts, type Translator } from '@fenxiao/shared/errors/texts'

export type Locale = 'zh-CN' | 'en'
const KEY = 'fx_admin_locale'

function initial(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null
  return saved === 'en' ? 'en' : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  localStorage.setItem(KEY, l)
  document.documentElement.lang = l
}

export const t = i18n.global.t

/** The API's errors as the admin reads them (translated by reason or code). */
export const { errorText, fieldErrors } = errorTexts(i18n.global as unknown as Translator)
