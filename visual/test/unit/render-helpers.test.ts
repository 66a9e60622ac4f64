import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { contrastRatio, normaliseHex, textColorFor } from '../../src/render/colors';
import { dateFormatter, localeFormat } from '../../src/locale';
import { MeasuredHeights, UniformHeights, visibleWindow } from '../../src/render/row-heights';
import { OVERSCAN_ROWS, rowGeometry } from '../../src/render/table-layout';
import { createStrings } from '../../src/strings';
import { DEFAULT_STATUS_COLORS } from '../../src/settings/settings';
import { bodyTexts, mount, settingsFrom, tableDataView } from './helpers';
import powerbi from 'powerbi-visuals-api';

describe('colours', () => {
  it('normalises hex colours and falls back on anything else', () => {
    assert.equal(normaliseHex('#abc', '#000000'), '#AABBCC');
    assert.equal(normaliseHex('red', '#000000'), '#000000');
    assert.equal(normaliseHex(undefined, '#111111'), '#111111');
  });

  it('chooses black or white text by contrast, at least 4.5:1 on every default status colour', () => {
    assert.equal(textColorFor('#F2C200'), '#000000');
    assert.equal(textColorFor('#1F6FB2'), '#FFFFFF');
    for (const fill of Object.values(DEFAULT_STATUS_COLORS)) {
      assert.ok(contrastRatio(fill, textColorFor(fill)) >= 4.5, fill);
    }
  });
});

describe('dates in the host locale', () => {
  it('en-GB (and no locale) as DD/MM/YYYY; en-US as MM/DD/YYYY; no shift by time zone', () => {
    assert.equal(dateFormatter('en-GB')('2022-03-27' as IsoDate), '27/03/2022');
    assert.equal(dateFormatter(undefined)('2022-10-30' as IsoDate), '30/10/2022');
    assert.equal(dateFormatter('en-US')('2022-03-27' as IsoDate), '03/27/2022');
    assert.equal(dateFormatter('not a locale!')('2022-03-27' as IsoDate), '27/03/2022');
  });

  it('counts with the locale\'s digit grouping, and its plural forms', () => {
    const gb = localeFormat('en-GB');
    assert.equal(gb.formatCount(6000), '6,000');
    assert.deepEqual([gb.plural(1), gb.plural(0), gb.plural(3)], ['One', 'Other', 'Other']);
    assert.equal(localeFormat('de-DE').formatCount(6000), '6.000');
    assert.equal(localeFormat('not a locale!').locale, 'en-GB');
    assert.equal(localeFormat(undefined).formatDate('2022-05-31' as IsoDate), '31/05/2022');
  });

  it('the visual uses the host locale for cells', () => {
    const v = mount({ locale: 'en-US' });
    v.update(tableDataView(['personId', 'predictedStartDate'], [['A', '2022-05-04']]));
    assert.equal(bodyTexts(v.element)[0][1], '05/04/2022');
  });
});

describe('virtual window geometry', () => {
  it('renders everything up to 300 rows and a padded screenful beyond', () => {
    assert.deepEqual(visibleWindow(new UniformHeights(300, 27), 0, 500, OVERSCAN_ROWS), { first: 0, last: 300, virtual: false });
    const window = visibleWindow(new UniformHeights(30000, 27), 27 * 1000, 540, OVERSCAN_ROWS);
    assert.equal(window.virtual, true);
    assert.equal(window.first, 992);
    assert.equal(window.last - window.first, 20 + 16);
    assert.equal(visibleWindow(new UniformHeights(30000, 27), 1e9, 540, OVERSCAN_ROWS).last, 30000);
  });

  it('row height follows the font size, the row padding and the horizontal gridline', () => {
    const base = rowGeometry(settingsFrom({}));
    assert.equal(base.rowHeight, 27, 'the default row: 18px line, 4px padding each side, a 1px line');
    assert.ok(rowGeometry(settingsFrom({ table: { fontSize: 14 } })).rowHeight > base.rowHeight);
    assert.equal(rowGeometry(settingsFrom({ grid: { rowPadding: 10 } })).rowHeight, base.rowHeight + 12);
    assert.equal(rowGeometry(settingsFrom({ grid: { horizontal: false } })).rowHeight, base.rowHeight - 1);
    assert.equal(rowGeometry(settingsFrom({ grid: { horizontalWidth: 3 } })).rowHeight, base.rowHeight + 2);
  });

  it('measured heights: offsets, the row at an offset, and a changed height, in O(log rows)', () => {
    const heights = new MeasuredHeights(1000, (i) => 20 + (i % 3) * 10);
    let offset = 0;
    for (let i = 0; i < 1000; i++) {
      assert.equal(heights.offsetOf(i), offset);
      assert.equal(heights.indexAt(offset), i);
      assert.equal(heights.indexAt(offset + heights.heightOf(i) - 0.5), i);
      offset += heights.heightOf(i);
    }
    assert.equal(heights.total(), offset);
    const before = heights.heightOf(10);
    assert.equal(heights.set(10, 100), 100 - before);
    assert.equal(heights.offsetOf(11), heights.offsetOf(10) + 100);
    assert.equal(heights.total(), offset + 100 - before);
    assert.equal(heights.indexAt(-5), 0);
    assert.equal(heights.indexAt(1e9), 999);
  });

  it('a window over measured heights covers the rows area with overscan on both sides', () => {
    const heights = new MeasuredHeights(30000, (i) => (i % 2 ? 27 : 45));
    const window = visibleWindow(heights, heights.offsetOf(5000), 600, OVERSCAN_ROWS);
    assert.equal(window.first, 5000 - OVERSCAN_ROWS);
    assert.ok(heights.offsetOf(window.last) - heights.offsetOf(5000) >= 600, 'the area is covered');
    assert.ok(window.last - window.first < 100, `${window.last - window.first} rows`);
  });
});

describe('localised strings', () => {
  it('uses the host localization manager and falls back to en-GB text when it has no string', () => {
    const host = { createLocalizationManager: () => ({ getDisplayName: (key: string) => (key === 'Notes_Show' ? 'Afficher les notes' : key) }) };
    const strings = createStrings(host as unknown as powerbi.extensibility.visual.IVisualHost);
    assert.equal(strings('Notes_Show'), 'Afficher les notes');
    assert.equal(strings('Empty_Filtered'), 'No plans match these filters');
    assert.equal(createStrings(undefined)('AsAt_Prefix'), 'Data as at');
    const throwing = { createLocalizationManager: () => { throw new Error('no'); } };
    assert.equal(createStrings(throwing as unknown as powerbi.extensibility.visual.IVisualHost)('AsAt_Prefix'), 'Data as at');
  });
});
