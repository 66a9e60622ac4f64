// Status cell colours: the fill from settings, the text black or white by WCAG contrast.
const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function normaliseHex(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const match = HEX.exec(value.trim());
  if (!match) return fallback;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return `#${hex.toUpperCase()}`;
}

/**
 * Luminances by colour: the cells on screen ask for the same few colours (a status's, a
 * column's) again and again as rows are filled and scrolled, so each is computed once. A
 * gradient rule can give every row its own colour: the cache then starts again when full.
 */
const luminances = new Map<string, number>();
const MAX_CACHED = 1024;

/** WCAG 2 relative luminance of a #RRGGBB colour. */
export function luminance(hex: string): number {
  let value = luminances.get(hex);
  if (value === undefined) {
    const channel = (offset: number) => {
      const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    value = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    if (luminances.size >= MAX_CACHED) luminances.clear();
    luminances.set(hex, value);
  }
  return value;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever contrasts more with the fill. */
export function textColorFor(fill: string): string {
  return contrastRatio(fill, '#000000') >= contrastRatio(fill, '#FFFFFF') ? '#000000' : '#FFFFFF';
}

/**
 * An outline for a swatch of `fill` on `background`: the fill itself when it already contrasts
 * 3:1 with the background, else the fill darkened (same hue) until it does.
 */
export function outlineFor(fill: string, background: string): string {
  let colour = fill;
  for (let step = 0; step < 40 && contrastRatio(colour, background) < 3; step++) colour = scale(colour, 0.9);
  return colour;
}

function scale(hex: string, factor: number): string {
  const channel = (offset: number) =>
    Math.round(parseInt(hex.slice(offset, offset + 2), 16) * factor)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`.toUpperCase();
}
