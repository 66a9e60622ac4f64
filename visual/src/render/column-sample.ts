// What a column's width is measured from: the texts of a bounded, evenly spread sample of rows
// (never every row: the cost stays O(rows sampled) at 30,000 rows), ranked by length, and the
// words a line may break between.
import { readText } from '../converter/values';
import type { RowModel } from '../converter/view-model';

/** Rows a column's texts are sampled from. */
export const SAMPLE_ROWS = 400;

/**
 * The texts of up to SAMPLE_ROWS rows ('' for a blank), one from each of SAMPLE_ROWS equal
 * blocks at a position that varies from block to block (a fixed stride would see only some
 * values of data that repeats with a period, such as teams in turn). Deterministic.
 */
export function sampleTexts(rows: readonly RowModel[], source: number): string[] {
  if (source < 0) return [];
  const step = Math.max(1, Math.ceil(rows.length / SAMPLE_ROWS));
  const texts: string[] = [];
  for (let block = 0; block * step < rows.length; block++) {
    const at = Math.min(rows.length - 1, block * step + (step > 1 ? scatter(block) % step : 0));
    texts.push(readText(rows[at].raw[source]) ?? '');
  }
  return texts;
}

/** A well-mixed whole number from a block number (a 32-bit integer hash). */
function scatter(block: number): number {
  let x = Math.imul(block ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The distinct texts, longest first (blank left out). */
export function byLength(texts: readonly string[]): string[] {
  return [...new Set(texts)].filter((text) => text !== '').sort((a, b) => b.length - a.length);
}

const BREAKS = /\s+|(?<=-)(?=[^\s\d-])/;

/**
 * The pieces a line may break between, as a browser breaks them: at spaces, and after a hyphen
 * inside a word ("Ashbourne-" "Whitworth"). Never inside a piece.
 */
export function breakablePieces(text: string): string[] {
  return text.split(BREAKS).filter((piece) => piece !== '');
}

/** Texts (longest first) searched for a column's longest words: its longest word is in one of them. */
const WORD_SOURCES = 48;

/**
 * The longest few distinct pieces (by length) of the longest texts (`texts` longest first):
 * the candidates for the widest word.
 */
export function longestPieces(texts: readonly string[], keep = 4): string[] {
  const seen = new Set<string>();
  const longest: string[] = [];
  for (const text of texts.slice(0, WORD_SOURCES)) {
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    for (const piece of breakablePieces(text)) {
      if (longest.length === keep && piece.length <= longest[keep - 1].length) continue;
      if (longest.includes(piece)) continue;
      longest.push(piece);
      longest.sort((a, b) => b.length - a.length);
      if (longest.length > keep) longest.length = keep;
    }
  }
  return longest;
}
