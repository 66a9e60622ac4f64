// Colour science for the palette test: simulated colour-vision deficiency and colour
// difference. Test code only (nothing of it ships in the .pbiviz).
// - Simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
//   Simulation of Color Vision Deficiency", the severity 1.0 matrices (full dichromacy), applied
//   to linear sRGB and clamped to the gamut.
// - Difference: CIE76 ΔE*ab (Euclidean distance in CIELAB, D65 white).

export type Vision = 'normal' | 'deuteranopia' | 'protanopia' | 'tritanopia';
type Matrix = readonly (readonly [number, number, number])[];

const MACHADO_2009: Readonly<Record<Exclude<Vision, 'normal'>, Matrix>> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

type Triple = [number, number, number];

function linearRgb(hex: string): Triple {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return [channel(1), channel(3), channel(5)];
}

export function simulate(hex: string, vision: Vision): Triple {
  const rgb = linearRgb(hex);
  if (vision === 'normal') return rgb;
  return MACHADO_2009[vision].map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]))) as Triple;
}

/** CIELAB (D65) of a linear sRGB colour. */
export function lab([r, g, b]: Triple): Triple {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

export function deltaE76(a: Triple, b: Triple): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** ΔE76 between two colours as a viewer with `vision` sees them. */
export function seenApart(a: string, b: string, vision: Vision): number {
  return deltaE76(lab(simulate(a, vision)), lab(simulate(b, vision)));
}

/** CIELAB hue angle in degrees (0–360) and chroma, as normal vision sees the colour. */
export function hueAndChroma(hex: string): { hue: number; chroma: number; lightness: number } {
  const [l, a, b] = lab(linearRgb(hex));
  const hue = (Math.atan2(b, a) * 180) / Math.PI;
  return { hue: hue < 0 ? hue + 360 : hue, chroma: Math.hypot(a, b), lightness: l };
}
