// Text widths in px for a font, from a 2D canvas (no layout, about a microsecond a string),
// cached per font and text; one canvas per font, so its font is set once (setting it is the
// slow part). Where no canvas exists (a DOM without one) widths are estimated from the number
// of characters, generously, so nothing is sized too small.
export interface FontSpec {
  family: string;
  sizePt: number;
  /** CSS weight: 400 cells, 600 titles (format pane: bold values 700). */
  weight: number;
  italic?: boolean;
}

/** A font size in pt as CSS px (96 px to 72 pt): a font's em. */
export function ptToPx(sizePt: number): number {
  return sizePt * (4 / 3);
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;

export class TextMeasurer {
  private readonly contexts = new Map<string, Context2D>();
  private readonly caches = new Map<string, Map<string, number>>();

  width(text: string, font: FontSpec): number {
    const css = `${font.italic ? 'italic ' : ''}${font.weight} ${font.sizePt}pt ${font.family}`;
    let cache = this.caches.get(css);
    if (!cache) this.caches.set(css, (cache = new Map()));
    let width = cache.get(text);
    if (width === undefined) {
      width = this.measure(text, css, font);
      cache.set(text, width);
    }
    return width;
  }

  clear(): void {
    this.caches.clear();
    this.contexts.clear();
  }

  private measure(text: string, css: string, font: FontSpec): number {
    const context = this.canvas(css, font);
    if (!context) return text.length * ptToPx(font.sizePt) * (font.weight >= 600 ? 0.64 : 0.6);
    return context.measureText(text).width;
  }

  private canvas(css: string, font: FontSpec): Context2D {
    let context = this.contexts.get(css);
    if (context === undefined) {
      try {
        context = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
      } catch {
        context = null;
      }
      if (context) {
        context.font = '1px serif';
        context.font = css;
        // An unparsable family list leaves the font unchanged: measure the generic family instead.
        if (/^1px/.test(context.font)) context.font = `${font.italic ? 'italic ' : ''}${font.weight} ${font.sizePt}pt sans-serif`;
      }
      this.contexts.set(css, context);
    }
    return context;
  }
}
