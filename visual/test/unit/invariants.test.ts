// Build and certification invariants (checked here so a change cannot quietly break them).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_NAMES, ROLE_TITLES } from '../../src/roles';
import { LEGEND_POSITIONS, VisualSettings } from '../../src/settings/settings';
import { DEFAULT_STRINGS } from '../../src/strings';
import { STATUS_LABEL_SETTINGS } from '../../src/wording/status-labels';

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const capabilities = json('visual/capabilities.json');
const pbiviz = json('pbiviz.json');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('build and certification invariants', () => {
  it('declares exactly the contract roles, in order: grouping, and tooltips also as measures', () => {
    const expected = [
      ['personId', 'Person ID'], ['child', 'Child'], ['socialWorker', 'Social Worker'], ['team', 'Team'],
      ['locality', 'Locality'], ['placementType', 'Placement Type'], ['provider', 'Provider'],
      ['assessmentType', 'Assessment Type'], ['predictedStartDate', 'Predicted Start Date'],
      ['actualStartDate', 'Actual Start Date'], ['status', 'Status'], ['asAtDate', 'As At Date'],
      ['fullCareOrder', 'Full Care Order'], ['tooltips', 'Tooltips'],
    ];
    assert.deepEqual(capabilities.dataRoles.map((r: { name: string; displayName: string }) => [r.name, r.displayName]), expected);
    const kinds = Object.fromEntries(capabilities.dataRoles.map((r: { name: string; kind: string }) => [r.name, r.kind]));
    assert.ok(Object.entries(kinds).every(([name, kind]) => kind === (name === 'tooltips' ? 'GroupingOrMeasure' : 'Grouping')), JSON.stringify(kinds));
    assert.deepEqual(capabilities.tooltips.roles, ['tooltips']);
    assert.deepEqual([...ROLE_NAMES], expected.map(([name]) => name));
    assert.deepEqual(Object.entries(ROLE_TITLES), expected);
  });

  it('maps a table over every role with the window reduction (fetchMoreData)', () => {
    const mapping = capabilities.dataViewMappings[0];
    assert.deepEqual(mapping.table.rows.select.map((s: { for: { in: string } }) => s.for.in), [...ROLE_NAMES]);
    assert.ok(mapping.table.rows.dataReductionAlgorithm.window);
    // One field per well, except Tooltips (several).
    assert.deepEqual(Object.keys(mapping.conditions[0]), ROLE_NAMES.filter((role) => role !== 'tooltips'));
    assert.ok(Object.values(mapping.conditions[0]).every((c) => (c as { max: number }).max === 1));
  });

  it('supports the features certification and pbiviz recommend, and asks for no privileges', () => {
    for (const flag of ['supportsKeyboardFocus', 'supportsLandingPage', 'supportsEmptyDataView', 'supportsMultiVisualSelection']) {
      assert.equal(capabilities[flag], true, flag);
    }
    // "Table data view mapping doesn't support the highlights feature" (Microsoft's highlight
    // article): with a table mapping, declaring it would promise what Power BI never sends.
    assert.equal(capabilities.supportsHighlight, undefined);
    assert.ok(capabilities.dataViewMappings.every((m: object) => 'table' in m && !('categorical' in m)));
    assert.ok(capabilities.tooltips);
    assert.deepEqual(capabilities.privileges, []);
  });

  it('pbiviz.json: apiVersion matches the installed API, four-part version; the publisher lives in visual/publisher.json only', () => {
    const installed = json('node_modules/powerbi-visuals-api/package.json').version as string;
    assert.equal(pbiviz.apiVersion.split('.').slice(0, 2).join('.'), installed.split('.').slice(0, 2).join('.'));
    assert.match(pbiviz.visual.version, /^\d+\.\d+\.\d+\.\d+$/);
    assert.match(pbiviz.visual.guid, /^[A-Za-z0-9]+$/);
    assert.equal(pbiviz.author, undefined);
    assert.equal(pbiviz.visual.supportUrl, undefined);
    assert.equal(pbiviz.visual.gitHubUrl, undefined);
    const publisher = json('visual/publisher.json');
    assert.ok(publisher.author.name && publisher.author.email && publisher.supportUrl);
  });

  it('declares Power BI\'s custom sorting (applyCustomSort) and fx colours with a dataViewWildcard selector', () => {
    assert.deepEqual(capabilities.sorting, { custom: {} });
    const fills = (object: string) => Object.entries(capabilities.objects[object].properties as Record<string, { type: object }>)
      .filter(([, p]) => JSON.stringify(p.type) === '{"fill":{"solid":{"color":true}}}').map(([name]) => name);
    assert.deepEqual(fills('statusColors'), ['upcoming', 'notYetStarted', 'late', 'onTime', 'plannedLater']);
    assert.equal(fills('columnFormatting').length, 2 * 10, 'a background and a text colour for every column but Status');
  });

  it('has en-US and en-GB string resources with every UI string and capabilities key', () => {
    const keys = [
      ...Object.keys(DEFAULT_STRINGS),
      ...capabilities.dataRoles.flatMap((r: { displayNameKey: string; descriptionKey: string }) => [r.displayNameKey, r.descriptionKey]),
    ];
    for (const path of pbiviz.stringResources as string[]) {
      const resource = json(path);
      assert.ok(['en-US', 'en-GB'].includes(resource.locale));
      for (const key of keys) assert.equal(typeof resource.values[key], 'string', `${resource.locale} ${key}`);
    }
    assert.deepEqual((pbiviz.stringResources as string[]).map((p) => json(p).locale).sort(), ['en-GB', 'en-US']);
  });

  it('every format-pane name key (cards, slices, enumerations) has its text in en-GB and en-US', () => {
    const keys = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const key = (node as { displayNameKey?: unknown }).displayNameKey;
      if (typeof key === 'string') keys.add(key);
      for (const value of Object.values(node)) walk(value);
    };
    walk(new VisualSettings());
    walk(capabilities.objects);
    assert.ok(keys.size > 40, `${keys.size} keys`);
    for (const path of pbiviz.stringResources as string[]) {
      const values = json(path).values as Record<string, string>;
      for (const key of keys) assert.equal(typeof values[key], 'string', `${path}: ${key}`);
    }
  });

  it('the format pane\'s dropdowns offer capabilities.json\'s enumerations, the default first', () => {
    const enumeration = (object: string, property: string) =>
      (capabilities.objects[object].properties[property].type.enumeration as { value: string }[]).map((item) => item.value);
    assert.deepEqual(enumeration('statusColumn', 'statusLabel'), [...STATUS_LABEL_SETTINGS]);
    assert.deepEqual(enumeration('legend', 'position'), [...LEGEND_POSITIONS]);
    const settings = new VisualSettings();
    assert.equal(settings.statusColumn.statusLabel.value, 'auto');
    assert.equal(settings.legend.position.value, 'top');
  });

  it('no innerHTML, eval, network calls or http strings in the visual or the rules module', () => {
    const forbidden = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /\beval\s*\(/, /new Function\s*\(/, /\bfetch\s*\(/, /XMLHttpRequest/, /WebSocket/, /['"`]http:\/\//, /\.html\s*\(/];
    for (const file of [...sources('visual/src'), ...sources('core/src')]) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of forbidden) assert.doesNotMatch(text, pattern, `${file} ${pattern}`);
    }
  });

  it('never imports the data-prep code into the visual', () => {
    for (const file of sources('visual/src')) assert.doesNotMatch(readFileSync(file, 'utf8'), /dataprep\//, file);
  });
});
