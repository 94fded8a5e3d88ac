// Just enough of the ZIP format to check that a download is a real .xlsx:
// the central directory lists the workbook parts and they inflate to XML.
import { inflateRawSync } from 'node:zlib'

/** Returns {name: Buffer} for every entry of a ZIP archive. */
export function unzip(buf) {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break }
  }
  if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)')
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const out = {}
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('broken ZIP central directory')
    const method = buf.readUInt16LE(p + 10)
    const size = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const raw = buf.subarray(dataAt, dataAt + size)
    out[name] = method === 8 ? inflateRawSync(raw) : Buffer.from(raw)
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

/** Checks an .xlsx and returns all its text (shared strings and sheets). */
export function readXlsx(buf) {
  if (buf.readUInt32LE(0) !== 0x04034b50) throw new Error('the file does not start like a ZIP archive')
  const files = unzip(buf)
  for (const part of ['[Content_Types].xml', 'xl/workbook.xml']) {
    if (!files[part]) throw new Error(`not an .xlsx: ${part} is missing (has ${Object.keys(files).join(', ')})`)
  }
  const ct = files['[Content_Types].xml'].toString('utf8')
  if (!ct.includes('spreadsheetml')) throw new Error('content types do not declare a spreadsheet')
  const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
  if (!sheets.length) throw new Error('the workbook has no worksheet')
  const texts = [files['xl/sharedStrings.xml'], ...sheets.map((s) => files[s])].filter(Boolean).map((b) => b.toString('utf8'))
  return { parts: Object.keys(files), sheets: sheets.length, text: texts.join('\n') }
}
