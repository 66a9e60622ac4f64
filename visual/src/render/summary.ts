// The summary sentence block: the full sentence when it fits, else its compact form of short
// phrases (a line breaks between phrases, never inside one). Never cut and never in a scroll
// box of its own: the page layout gives it the height it needs. In the compact form the full
// sentence stays the accessible text (and the tooltip); the phrases are hidden from readers.
import type { SentenceWording } from '../wording/sentence';
import { clear, el, setHidden } from './dom';

export class SummaryView {
  readonly element = el('p', 'ppoc-summary');
  private readonly full = el('span', 'ppoc-summary-full');
  private readonly compact = el('span', 'ppoc-summary-compact');
  private readonly spoken = el('span', 'ppoc-sr-only');
  private text = '';

  constructor() {
    this.element.setAttribute('aria-live', 'polite');
    this.compact.setAttribute('aria-hidden', 'true');
    this.element.append(this.full, this.spoken, this.compact);
  }

  render(wording: SentenceWording | null, fontSizePt: number): void {
    this.element.style.fontSize = `${fontSizePt}pt`;
    const text = wording?.full ?? '';
    if (text === this.text) return;
    this.text = text;
    this.full.textContent = text;
    this.spoken.textContent = text;
    clear(this.compact);
    for (const phrase of wording?.phrases ?? []) this.compact.append(el('span', 'ppoc-phrase', phrase), ' ');
  }

  /** Both forms shown (one above the other), so one layout pass measures both. */
  expand(): void {
    setHidden(this.full, false);
    setHidden(this.compact, false);
    setHidden(this.spoken, true);
    this.element.removeAttribute('title');
  }

  /** Heights of the full and the compact form (after expand()). */
  measure(): { full: number; compact: number } {
    return { full: this.full.offsetHeight, compact: this.compact.offsetHeight };
  }

  apply(compact: boolean): void {
    setHidden(this.full, compact);
    setHidden(this.compact, !compact);
    setHidden(this.spoken, !compact);
    if (compact) this.element.title = this.text;
  }
}
