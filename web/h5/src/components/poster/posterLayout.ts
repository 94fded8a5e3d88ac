// Where everything goes on a product share poster, as a pure function of
// the texts and a text-measuring callback (the canvas's measureText in the
// app, a fixed-width stub in tests). Units are canvas pixels at the
// poster's own resolution; the drawing code only follows this plan.
//
//   ┌──────────────────────────────┐
//   │ (avatar) nickname            │
//   │          tagline             │
//   │ ┌──────────────────────────┐ │
//   │ │      product image       │ │
//   │ └──────────────────────────┘ │
//   │ title line 1        ┌─────┐  │
//   │ title line 2…       │ QR  │  │
//   │ ¥price              └─────┘  │
//   │                   qr caption │
//   └──────────────────────────────┘

export type Measure = (text: string, font: string) => number

export interface PosterText {
  text: string
  x: number
  /** Baseline-independent: the top of the line box (textBaseline 'top'). */
  y: number
  font: string
  color: string
  align?: 'left' | 'center'
}

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface PosterLayout {
  width: number
  height: number
  avatar: Box
  texts: PosterText[]
  image: Box
  qr: Box
}

export interface PosterInput {
  nickname: string
  tagline: string
  title: string
  /** Already formatted, e.g. "¥12.34". */
  price: string
  qrCaption: string
}

const FONT_FAMILY = '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
export const POSTER_WIDTH = 600
const PAD = 32
const AVATAR = 72
const QR = 168
const GAP = 20
const TITLE_LINE = 40

export const fonts = {
  nickname: `bold 28px ${FONT_FAMILY}`,
  tagline: `22px ${FONT_FAMILY}`,
  title: `28px ${FONT_FAMILY}`,
  price: `bold 44px ${FONT_FAMILY}`,
  caption: `20px ${FONT_FAMILY}`,
}

/**
 * Breaks text into at most maxLines lines no wider than maxWidth, character
 * by character (titles are mostly Chinese, which breaks anywhere); the last
 * line ends in "…" when text is left over. Never returns an empty array for
 * non-empty text; a single character wider than maxWidth still gets a line.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: Measure, font: string): string[] {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  const lines: string[] = []
  let i = 0
  while (i < chars.length && lines.length < maxLines) {
    let line = ''
    while (i < chars.length && (line === '' || measure(line + chars[i], font) <= maxWidth)) {
      line += chars[i]
      i++
    }
    lines.push(line.trimStart())
  }
  if (i < chars.length && lines.length) {
    let last = lines[lines.length - 1]
    while (last.length > 0 && measure(last + '…', font) > maxWidth) last = Array.from(last).slice(0, -1).join('')
    lines[lines.length - 1] = last + '…'
  }
  return lines
}

/** The poster's plan: a 600px-wide card whose height follows the title's lines. */
export function layoutPoster(input: PosterInput, measure: Measure): PosterLayout {
  const width = POSTER_WIDTH
  const inner = width - 2 * PAD
  const texts: PosterText[] = []

  const avatar: Box = { x: PAD, y: PAD, w: AVATAR, h: AVATAR }
  const textX = PAD + AVATAR + 16
  const headWidth = width - PAD - textX
  const nick = wrapText(input.nickname, headWidth, 1, measure, fonts.nickname)[0] ?? ''
  texts.push({ text: nick, x: textX, y: PAD + 6, font: fonts.nickname, color: '#323233' })
  const tag = wrapText(input.tagline, headWidth, 1, measure, fonts.tagline)[0] ?? ''
  texts.push({ text: tag, x: textX, y: PAD + 44, font: fonts.tagline, color: '#969799' })

  const image: Box = { x: PAD, y: PAD + AVATAR + GAP, w: inner, h: inner }

  const bottomY = image.y + image.h + GAP + 4
  const qr: Box = { x: width - PAD - QR, y: bottomY, w: QR, h: QR }
  const titleWidth = qr.x - GAP - PAD
  const titleLines = wrapText(input.title, titleWidth, 2, measure, fonts.title)
  titleLines.forEach((text, i) => texts.push({ text, x: PAD, y: bottomY + i * TITLE_LINE, font: fonts.title, color: '#323233' }))
  const priceY = bottomY + Math.max(titleLines.length, 1) * TITLE_LINE + 16
  texts.push({ text: input.price, x: PAD, y: priceY, font: fonts.price, color: '#ee0a24' })

  const captionY = qr.y + qr.h + 10
  texts.push({ text: input.qrCaption, x: qr.x + qr.w / 2, y: captionY, font: fonts.caption, color: '#969799', align: 'center' })

  const height = Math.max(priceY + 56, captionY + 28) + PAD
  return { width, height, avatar, texts, image, qr }
}
