// The visual's words come from stringResources in the host's locale: the sentence (rules.md's
// text in en-GB), its compact form, status labels and the legend.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import powerbi from 'powerbi-visuals-api';
import { formatSentence } from '../../../core/src/index';
import { localeFormat } from '../../src/locale';
import { createStrings } from '../../src/strings';
import { sentenceWording } from '../../src/wording/sentence';
import { chooseLabelMode, legendEntries, statusLabels } from '../../src/wording/status-labels';

/** A host whose localization manager serves a stringResources file, as Power BI does. */
function stringsOf(locale: 'en-GB' | 'en-US') {
  const values = JSON.parse(readFileSync(`visual/stringResources/${locale}/resources.json`, 'utf8')).values as Record<string, string>;
  const host = { createLocalizationManager: () => ({ getDisplayName: (key: string) => values[key] ?? key }) };
  return createStrings(host as unknown as powerbi.extensibility.visual.IVisualHost);
}

describe('wording from stringResources', () => {
  it('en-GB: the sentence is exactly rules.md\'s (core formatSentence) for every count up to 999 and every window, 1 month included', () => {
    const strings = stringsOf('en-GB');
    const locale = localeFormat('en-GB');
    for (const windowMonths of [1, 2, 3, 6, 24]) {
      for (const counts of [{ onTime: 0, late: 0, yetToStart: 0, planned: 0 }, { onTime: 1, late: 1, yetToStart: 1, planned: 1 }, { onTime: 2, late: 0, yetToStart: 7, planned: 999 }]) {
        assert.equal(sentenceWording(counts, windowMonths, strings, locale).full, formatSentence(counts, windowMonths));
      }
    }
  });

  it('"1 month" is singular, and counts carry the locale\'s digit grouping', () => {
    const wording = sentenceWording({ onTime: 1, late: 6000, yetToStart: 1, planned: 12345 }, 1, stringsOf('en-GB'), localeFormat('en-GB'));
    assert.equal(wording.full, 'In the LAST 1 month 1 assessment started on time, 6,000 started late and 1 prediction is yet to start. In the NEXT 1 month 12,345 assessments are planned to start.');
  });

  it('the compact form: short phrases for small tiles', () => {
    const { phrases } = sentenceWording({ onTime: 2, late: 1, yetToStart: 1, planned: 5 }, 3, stringsOf('en-US'), localeFormat('en-US'));
    assert.equal(phrases.join(' '), 'Last 3 months: 2 on time · 1 late · 1 yet to start — Next 3 months: 5 planned');
  });

  it('status labels: the brief\'s full texts, or short ones; the legend keeps the full definitions', () => {
    const strings = stringsOf('en-GB');
    const locale = localeFormat('en-GB');
    assert.deepEqual(statusLabels('full', 3, strings, locale), {
      upcoming: 'Upcoming - Planned Start in Next 3 Months', notYetStarted: 'Not Yet Started', late: 'Started Late', onTime: 'Started on Time', plannedLater: 'Planned - Later',
    });
    assert.deepEqual(statusLabels('short', 3, strings, locale), {
      upcoming: 'Upcoming', notYetStarted: 'Not Yet Started', late: 'Started Late', onTime: 'Started on Time', plannedLater: 'Planned - Later',
    });
    const legend = legendEntries(3, strings, locale);
    assert.deepEqual(legend.map((e) => e.label), ['Upcoming', 'Not Yet Started', 'Started Late', 'Started On Time', 'Planned - Later']);
    assert.equal(legend[0].definition, '"Upcoming" means the assessment Predicted Start Date is in the upcoming 3 months.');
  });

  it('auto: short when the full status cell would take more than a fifth of the tile', () => {
    assert.equal(chooseLabelMode('auto', 300, 1100), 'short');
    assert.equal(chooseLabelMode('auto', 200, 1100), 'full');
    assert.equal(chooseLabelMode('full', 300, 300), 'full');
    assert.equal(chooseLabelMode('short', 10, 4000), 'short');
  });

  it('en-US and en-GB differ only where the languages do ("colours"/"colors")', () => {
    const gb = JSON.parse(readFileSync('visual/stringResources/en-GB/resources.json', 'utf8')).values as Record<string, string>;
    const us = JSON.parse(readFileSync('visual/stringResources/en-US/resources.json', 'utf8')).values as Record<string, string>;
    const different = Object.keys(gb).filter((key) => gb[key] !== us[key]);
    assert.ok(different.length > 0 && different.every((key) => /colou?r/i.test(gb[key])), different.join(', '));
  });
});
