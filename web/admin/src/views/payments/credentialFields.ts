import type { AlipayInput, PaymentSettings, WechatPayInput } from '@/api/types'

export type Provider = 'wechatpay' | 'alipay'
/** text: shown and sent as is; secret: never shown, empty keeps the stored
 * one; pem: public PEM material shown in full; pems: several certificates. */
export type FieldKind = 'text' | 'secret' | 'pem' | 'pems'
export interface Field {
  key: string
  kind: FieldKind
}

export const FIELDS: Record<Provider, Field[]> = {
  wechatpay: [
    { key: 'mch_id', kind: 'text' },
    { key: 'app_id', kind: 'text' },
    { key: 'cert_serial', kind: 'text' },
    { key: 'merchant_cert', kind: 'pem' },
    { key: 'private_key', kind: 'secret' },
    { key: 'apiv3_key', kind: 'secret' },
    { key: 'public_key_id', kind: 'text' },
    { key: 'public_key', kind: 'pem' },
    { key: 'platform_certs', kind: 'pems' },
  ],
  alipay: [
    { key: 'app_id', kind: 'text' },
    { key: 'private_key', kind: 'secret' },
    { key: 'public_key', kind: 'pem' },
    { key: 'app_cert', kind: 'pem' },
    { key: 'alipay_root_cert', kind: 'pem' },
    { key: 'alipay_cert', kind: 'pem' },
  ],
}

export type ProviderView = NonNullable<PaymentSettings['wechatpay']> & NonNullable<PaymentSettings['alipay']>
type KeyState = { set?: boolean; fingerprint?: string; value?: string }

/** splitPems cuts pasted certificates apart at each END line. */
export function splitPems(text: string): string[] {
  return text
    .split(/(?<=-----END [A-Z ]+-----)/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** formFrom fills the edit form from the current view: ids and public
 * material as they are, secrets empty (left empty, they are kept). */
export function formFrom(provider: Provider, view: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of FIELDS[provider]) {
    const v = view?.[f.key]
    if (f.kind === 'text') out[f.key] = typeof v === 'string' ? v : ''
    else if (f.kind === 'pem') out[f.key] = (v as KeyState | undefined)?.value ?? ''
    else if (f.kind === 'pems') out[f.key] = ((v as KeyState[] | undefined) ?? []).map((c) => c.value ?? '').join('\n')
    else out[f.key] = ''
  }
  return out
}

export function bodyFrom(provider: Provider, form: Record<string, string>, password: string): WechatPayInput | AlipayInput {
  const body: Record<string, string | string[]> = { password }
  for (const f of FIELDS[provider]) body[f.key] = f.kind === 'pems' ? splitPems(form[f.key] ?? '') : (form[f.key] ?? '').trim()
  return body as unknown as WechatPayInput | AlipayInput
}
