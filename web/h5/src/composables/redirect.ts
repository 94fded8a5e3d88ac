/** Where to go after login: only same-site paths, never another origin. */
export function safeRedirect(v: unknown): string {
  const s = typeof v === 'string' ? v : ''
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\') && !s.startsWith('/login') ? s : '/'
}
