// Conditional formatting (the fx button): the format pane offers rules on the status colours and
// on any column's background and text colour; Power BI evaluates them per row and hands the
// results back in the row's objects, which the visual reads for the rows on screen.
import { strict as assert } from 'node:assert';
import powerbi from 'powerbi-visuals-api';
import { ALL_ROLES, exampleRows, mount, tableDataView } from './helpers';

const fill = (color: string) => ({ solid: { color } });

/** Every slice descriptor in a formatting model (cards, groups, containers, composite slices). */
function descriptors(node: unknown): powerbi.visuals.FormattingDescriptor[] {
  if (!node || typeof node !== 'object') return [];
  const own = 'descriptor' in node ? [(node as { descriptor: powerbi.visuals.FormattingDescriptor }).descriptor] : [];
  return [...own, ...Object.values(node).flatMap(descriptors)];
}
const statusCell = (element: HTMLElement, id: string) =>
  Array.from(element.querySelectorAll('tbody tr')).find((tr) => tr.querySelector('td')?.textContent === id)?.querySelectorAll('td')[10] as HTMLElement;

describe('conditional formatting (fx)', () => {
  it('every status colour and every column colour has the fx button: a constant or a rule, by a wildcard selector', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const fx = descriptors(v.visual.getFormattingModel()).filter((d) => d.instanceKind === 3);
    const named = fx.map((d) => `${d.objectName}.${d.propertyName}`);
    for (const status of ['upcoming', 'notYetStarted', 'late', 'onTime', 'plannedLater']) assert.ok(named.includes(`statusColors.${status}`), status);
    assert.ok(named.includes('columnFormatting.teamBackground') && named.includes('columnFormatting.teamFontColor'), named.join());
    for (const d of fx) assert.deepEqual(d.selector, { data: [{ dataViewWildcard: { matchingOption: 0 } }] });
    // A constant stays at the visual's own (static) scope, where saved reports keep it.
    for (const d of fx) assert.equal(d.altConstantValueSelector, null);
  });

  it('a rule\'s colour for a row wins over the status palette; other rows keep the palette', () => {
    const v = mount();
    // A rule on "Not Yet Started" by days late: this row is very late.
    const rows = exampleRows();
    v.update(tableDataView(ALL_ROLES, rows, { rowObjects: (row) => (row[0] === 'E4' ? [{ statusColors: { notYetStarted: fill('#5A0A05') } }] : undefined) }));
    const e4 = statusCell(v.element, 'E4');
    assert.equal(e4.style.backgroundColor, 'rgb(90, 10, 5)');
    assert.equal(e4.style.color, 'rgb(255, 255, 255)', 'text stays readable on the rule\'s colour');
    assert.equal(statusCell(v.element, 'E1').style.backgroundColor, 'rgb(242, 194, 0)', 'Started Late keeps the palette');
  });

  it('a rule only colours its own status: an "Upcoming" rule on a Started Late row changes nothing', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows(), { rowObjects: (row) => (row[0] === 'E1' ? [{ statusColors: { upcoming: fill('#000000') } }] : undefined) }));
    assert.equal(statusCell(v.element, 'E1').style.backgroundColor, 'rgb(242, 194, 0)');
  });

  it('a column\'s background and text colour by rule, read wherever the host places them among the row\'s objects', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows(), {
      rowObjects: (row) => (row[0] === 'E2' ? [{} as powerbi.DataViewObjects, { columnFormatting: { childBackground: fill('#FDE7E9'), childFontColor: fill('#A4262C') } }] : undefined),
    }));
    const child = (id: string) => Array.from(v.element.querySelectorAll('tbody tr')).find((tr) => tr.querySelector('td')?.textContent === id)?.querySelectorAll('td')[1] as HTMLElement;
    assert.deepEqual([child('E2').style.backgroundColor, child('E2').style.color], ['rgb(253, 231, 233)', 'rgb(164, 38, 44)']);
    assert.deepEqual([child('E3').style.backgroundColor, child('E3').style.color], ['', '']);
  });

  it('a rule\'s text colour that would not reach 4.5:1 on the row turns black or white', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows(), { rowObjects: () => [{ columnFormatting: { teamFontColor: fill('#FFFF66') } }] }));
    const team = v.element.querySelector('tbody tr')?.querySelectorAll('td')[3] as HTMLElement;
    assert.equal(team.style.color, 'rgb(0, 0, 0)');
  });

  it('high contrast ignores rules: the host\'s colours only', () => {
    const v = mount({ highContrast: true });
    v.update(tableDataView(ALL_ROLES, exampleRows(), { rowObjects: () => [{ statusColors: { notYetStarted: fill('#5A0A05') }, columnFormatting: { childBackground: fill('#FDE7E9') } }] }));
    const e4 = statusCell(v.element, 'E4');
    assert.deepEqual([e4.style.backgroundColor, e4.style.color], ['rgb(0, 0, 0)', 'rgb(255, 255, 0)']);
    assert.equal((v.element.querySelector('tbody tr')?.querySelectorAll('td')[1] as HTMLElement).style.backgroundColor, '');
  });
});
