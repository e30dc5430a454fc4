/**
 * Money is computed in fen (分, integer cents) so that comparisons such as
 * "above three times the average" are exact. Half a month of a wage can leave
 * half a fen; it is kept until the total, which alone is rounded (half up, 四舍五入).
 */
export const fen = (yuan: number): number => Math.round(yuan * 100);

/** The rounded amount in yuan, two decimals. */
export const roundedYuan = (exactFen: number): number => Math.round(exactFen) / 100;

/** Exact yuan for the basis text: 6172.835 keeps its half fen, 12000 reads 12000.00. */
export function yuanText(exactFen: number): string {
  const whole = Math.floor(exactFen / 100);
  const rest = exactFen - whole * 100;
  return `${whole}.${String(Math.floor(rest)).padStart(2, '0')}${rest % 1 ? '5' : ''}`;
}
