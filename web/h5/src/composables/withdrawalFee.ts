/**
 * The withdrawal fee the server charges: floor(fen * bp / 10000), so a
 * distributor is never charged a fraction of a fen more than the rate.
 * Exact for any amount the server accepts (fen * 5000 stays far below 2^53).
 */
export function withdrawalFee(fen: number, bp: number): number {
  return Math.floor((fen * bp) / 10000)
}
