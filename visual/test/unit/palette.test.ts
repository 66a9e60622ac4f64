// The default status colours: the brief's hues, told apart by colour-blind viewers, readable.
import { strict as assert } from 'node:assert';
import { STATUS_KEYS, type StatusKey } from '../../../core/src/index';
import { contrastRatio, outlineFor, textColorFor } from '../../src/render/colors';
import { DEFAULT_STATUS_COLORS } from '../../src/settings/settings';
import { hueAndChroma, seenApart, simulate, type Vision } from './color-vision';

const VISIONS: Vision[] = ['normal', 'deuteranopia', 'protanopia', 'tritanopia'];
/** The brief's legend: Upcoming blue, Not Yet Started red, Started Late yellow, Started On Time green; Planned - Later grey. */
const HUES: Record<StatusKey, [number, number] | 'grey'> = {
  upcoming: [240, 300],
  notYetStarted: [20, 50],
  late: [75, 100],
  onTime: [125, 165],
  plannedLater: 'grey',
};

describe('default status palette', () => {
  it('keeps the brief\'s hues (CIELAB hue angle), grey for Planned - Later', () => {
    for (const key of STATUS_KEYS) {
      const { hue, chroma } = hueAndChroma(DEFAULT_STATUS_COLORS[key]);
      const range = HUES[key];
      if (range === 'grey') assert.ok(chroma < 3, `${key} is grey`);
      else assert.ok(hue >= range[0] && hue <= range[1] && chroma > 35, `${key}: hue ${hue.toFixed(0)}, chroma ${chroma.toFixed(0)}`);
    }
  });

  for (const vision of VISIONS) {
    it(`every pair of statuses is ΔE76 ≥ 30 apart for ${vision} (Machado 2009)`, () => {
      const pairs: string[] = [];
      for (let i = 0; i < STATUS_KEYS.length; i++) {
        for (let j = i + 1; j < STATUS_KEYS.length; j++) {
          const [a, b] = [STATUS_KEYS[i], STATUS_KEYS[j]];
          const apart = seenApart(DEFAULT_STATUS_COLORS[a], DEFAULT_STATUS_COLORS[b], vision);
          if (apart < 30) pairs.push(`${a}/${b} ${apart.toFixed(1)}`);
        }
      }
      assert.deepEqual(pairs, []);
    });
  }

  it('the old red and green (1.06:1 in luminance) were not apart for deuteranopia: the check can fail', () => {
    assert.ok(seenApart('#C0392B', '#2B7D3C', 'deuteranopia') < 30);
    assert.ok(contrastRatio('#C0392B', '#2B7D3C') < 1.1);
  });

  it('the simulation keeps greys grey and white white', () => {
    for (const vision of VISIONS) {
      const [r, g, b] = simulate('#FFFFFF', vision);
      assert.ok(Math.min(r, g, b) > 0.99, vision);
      assert.ok(seenApart('#808080', '#808080', vision) < 1e-9);
    }
  });

  it('black or white text reaches 4.5:1 on every status colour', () => {
    for (const fill of Object.values(DEFAULT_STATUS_COLORS)) assert.ok(contrastRatio(fill, textColorFor(fill)) >= 4.5, fill);
  });

  it("every swatch's edge reaches 3:1 against white, the light yellow, green and grey too", () => {
    for (const fill of Object.values(DEFAULT_STATUS_COLORS)) assert.ok(contrastRatio(outlineFor(fill, '#FFFFFF'), '#FFFFFF') >= 3, fill);
    assert.equal(outlineFor(DEFAULT_STATUS_COLORS.upcoming, '#FFFFFF'), DEFAULT_STATUS_COLORS.upcoming, 'a dark fill is its own outline');
    assert.notEqual(outlineFor(DEFAULT_STATUS_COLORS.late, '#FFFFFF'), DEFAULT_STATUS_COLORS.late);
  });
});
