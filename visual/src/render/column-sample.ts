// What a column's width is measured from: the texts of a bounded, spread sample of rows (never
// every row: the cost stays O(rows sampled) at 30,000 rows), ranked by length (counted, not
// sorted), and the words a line may break between.
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

/** How many texts have each length (index: length). */
function lengthCounts(texts: readonly string[]): Int32Array {
  let longest = 0;
  for (const text of texts) if (text.length > longest) longest = text.length;
  const counts = new Int32Array(longest + 1);
  for (const text of texts) counts[text.length] += 1;
  return counts;
}

/** The distinct non-blank texts, longest first: at least the `count` longest (ties kept), no sort of the whole sample. */
export function longestTexts(texts: readonly string[], count: number): string[] {
  const counts = lengthCounts(texts);
  let floor = counts.length - 1;
  for (let seen = counts[floor]; floor > 1 && seen < count; ) seen += counts[--floor];
  const kept = new Set<string>();
  for (const text of texts) if (text.length >= Math.max(1, floor)) kept.add(text);
  return [...kept].sort((a, b) => b.length - a.length);
}

/**
 * Up to `count` distinct texts whose length is the rows' `fraction` percentile by length (blank
 * rows count, as nothing): texts ranked by length stand in for widths, so only these are measured.
 */
export function atLengthPercentile(texts: readonly string[], fraction: number, count = 3): string[] {
  if (texts.length === 0) return [];
  const counts = lengthCounts(texts);
  const rank = Math.max(1, Math.ceil(fraction * texts.length));
  let length = 0;
  for (let seen = counts[0]; seen < rank && length < counts.length - 1; ) seen += counts[++length];
  const picked = new Set<string>();
  for (const text of texts) if (text.length === length && text !== '' && picked.size < count) picked.add(text);
  return [...picked];
}

const BREAKS = /\s+|(?<=-)(?=[^\s\d-])/;

/**
 * The pieces a line may break between, as a browser breaks them: at spaces, and after a hyphen
 * inside a word ("Ashbourne-" "Whitworth"). Never inside a piece.
 */
export function breakablePieces(text: string): string[] {
  return text.split(BREAKS).filter((piece) => piece !== '');
}

/**
 * The longest few distinct pieces (by length) of `texts` (a column's longest texts): the
 * candidates for its widest word.
 */
export function longestPieces(texts: readonly string[], keep = 4): string[] {
  const longest: string[] = [];
  for (const text of texts) {
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
