import { client, call } from './index'

/** uploadImage stores an image (JPEG/PNG/GIF/WebP, max 5 MiB) and returns
 * its /uploads/ URL. */
export async function uploadImage(file: File): Promise<string> {
  const fd = new FormData()
  fd.append('file', file)
  const res = await call(
    client.POST('/api/admin/uploads', {
      body: { file: '' },
      bodySerializer: () => fd,
    }),
  )
  return res.url ?? ''
}
