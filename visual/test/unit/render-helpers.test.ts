import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { contrastRatio, normaliseHex, textColorFor } from '../../src/render/colors';
import { dateFormatter, localeFormat } from '../../src/locale';
import { rowGeometry, visibleWindow } from '../../src/render/table-layout';
import { createStrings } from '../../src/strings';
import { DEFAULT_STATUS_COLORS } from '../../src/settings/settings';
import { bodyTexts, mount, tableDataView } from './helpers';
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
    assert.deepEqual(visibleWindow(300, 0, 500, 27), { first: 0, last: 300, virtual: false });
    const window = visibleWindow(30000, 27 * 1000, 540, 27);
    assert.equal(window.virtual, true);
    assert.equal(window.first, 992);
    assert.equal(window.last - window.first, 20 + 16);
    assert.equal(visibleWindow(30000, 1e9, 540, 27).last, 30000);
  });

  it('row height follows the font size and the wrap setting', () => {
    assert.ok(rowGeometry(14, false).rowHeight > rowGeometry(10, false).rowHeight);
    assert.ok(rowGeometry(10, true).rowHeight > rowGeometry(10, false).rowHeight);
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
