// Draws a share poster on a canvas by layoutPoster's plan and returns it as
// a PNG data URL. Images load with crossOrigin "anonymous"; one that fails
// (or would taint the canvas) is replaced by a placeholder, never an error.
import { layoutPoster, type Box, type PosterInput } from './posterLayout'

export interface PosterImages {
  product?: string
  qr?: string
  avatar?: string
}

function loadImage(src: string | undefined): Promise<HTMLImageElement | null> {
  if (!src) return Promise.resolve(null)
  return new Promise((resolve) => {
    const img = new Image()
    img.crossOrigin = 'anonymous'
    img.onload = () => resolve(img)
    img.onerror = () => resolve(null)
    img.src = src
  })
}

/** Draws img to cover box (centre crop), or a grey placeholder. */
function cover(ctx: CanvasRenderingContext2D, img: HTMLImageElement | null, b: Box): void {
  if (!img || !img.naturalWidth) {
    ctx.fillStyle = '#f2f3f5'
    ctx.fillRect(b.x, b.y, b.w, b.h)
    return
  }
  const scale = Math.max(b.w / img.naturalWidth, b.h / img.naturalHeight)
  const sw = b.w / scale
  const sh = b.h / scale
  ctx.drawImage(img, (img.naturalWidth - sw) / 2, (img.naturalHeight - sh) / 2, sw, sh, b.x, b.y, b.w, b.h)
}

function roundRect(ctx: CanvasRenderingContext2D, b: Box, r: number): void {
  ctx.beginPath()
  ctx.moveTo(b.x + r, b.y)
  ctx.arcTo(b.x + b.w, b.y, b.x + b.w, b.y + b.h, r)
  ctx.arcTo(b.x + b.w, b.y + b.h, b.x, b.y + b.h, r)
  ctx.arcTo(b.x, b.y + b.h, b.x, b.y, r)
  ctx.arcTo(b.x, b.y, b.x + b.w, b.y, r)
  ctx.closePath()
}

/** Renders the poster; resolves a PNG data URL. Throws only when the canvas is unavailable. */
export async function drawPoster(input: PosterInput, images: PosterImages): Promise<string> {
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas unavailable')
  const layout = layoutPoster(input, (text, font) => {
    ctx.font = font
    return ctx.measureText(text).width
  })
  canvas.width = layout.width
  canvas.height = layout.height
  const [product, qr, avatar] = await Promise.all([loadImage(images.product), loadImage(images.qr), loadImage(images.avatar)])

  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, layout.width, layout.height)

  ctx.save()
  roundRect(ctx, layout.image, 12)
  ctx.clip()
  cover(ctx, product, layout.image)
  ctx.restore()

  const a = layout.avatar
  ctx.save()
  ctx.beginPath()
  ctx.arc(a.x + a.w / 2, a.y + a.h / 2, a.w / 2, 0, Math.PI * 2)
  ctx.clip()
  if (avatar) cover(ctx, avatar, a)
  else {
    ctx.fillStyle = '#ee0a24'
    ctx.fillRect(a.x, a.y, a.w, a.h)
    ctx.fillStyle = '#ffffff'
    ctx.font = `bold ${Math.round(a.w / 2)}px sans-serif`
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(Array.from(input.nickname)[0] ?? '', a.x + a.w / 2, a.y + a.h / 2 + 2)
  }
  ctx.restore()

  if (qr) {
    ctx.imageSmoothingEnabled = false
    ctx.drawImage(qr, layout.qr.x, layout.qr.y, layout.qr.w, layout.qr.h)
    ctx.imageSmoothingEnabled = true
  }

  ctx.textBaseline = 'top'
  for (const t of layout.texts) {
    ctx.font = t.font
    ctx.fillStyle = t.color
    ctx.textAlign = t.align ?? 'left'
    ctx.fillText(t.text, t.x, t.y)
  }
  return canvas.toDataURL('image/png')
}
