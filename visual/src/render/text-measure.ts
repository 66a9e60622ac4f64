// Text widths in px for a font, from a 2D canvas (no layout, about a microsecond a string) and
// cached per text. Where no canvas exists (a DOM without one) widths are estimated from the
// number of characters, generously, so nothing is sized too small.
export interface FontSpec {
  family: string;
  sizePt: number;
  /** CSS weight: 400 cells, 600 titles and selected rows. */
  weight: number;
}

type Context2D = OffscreenCanvasRenderingContext2D | null;

export class TextMeasurer {
  private context: Context2D | undefined;
  private font = '';
  private estimatePx = 0;
  private readonly cache = new Map<string, number>();

  use(font: FontSpec): void {
    const css = `${font.weight} ${font.sizePt}pt ${font.family}`;
    if (css === this.font) return;
    this.font = css;
    this.cache.clear();
    const sizePx = (font.sizePt * 4) / 3;
    this.estimatePx = sizePx * (font.weight >= 600 ? 0.64 : 0.6);
    const context = this.canvas();
    if (!context) return;
    context.font = '1px serif';
    context.font = css;
    // An unparsable family list leaves the font unchanged: measure the generic family instead.
    if (/^1px/.test(context.font)) context.font = `${font.weight} ${font.sizePt}pt sans-serif`;
  }

  width(text: string): number {
    let width = this.cache.get(text);
    if (width === undefined) {
      const context = this.canvas();
      width = context ? context.measureText(text).width : text.length * this.estimatePx;
      this.cache.set(text, width);
    }
    return width;
  }

  private canvas(): Context2D {
    if (this.context === undefined) {
      try {
        this.context = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
      } catch {
        this.context = null;
      }
    }
    return this.context;
  }
}
