import { describe, expect, it } from 'vitest'
import { withdrawalFee } from './withdrawalFee'

describe('withdrawalFee', () => {
  it.each([
    [1050, 100, 10], // 10.5 fen floors to 10, as the server does
    [100, 0, 0],
    [999, 50, 4],
    [100_000_000_000, 5000, 50_000_000_000],
  ])('%d fen at %d bp is %d', (fen, bp, want) => {
    expect(withdrawalFee(fen, bp)).toBe(want)
  })
})
