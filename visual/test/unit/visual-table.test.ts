import { strict as assert } from 'node:assert';
import { OVERSCAN_ROWS } from '../../src/render/table-layout';
import { ALL_ROLES, bodyTexts, FULL_LABELS, EXAMPLE_SENTENCE, exampleRows, headTexts, mount, sentenceText, tableDataView } from './helpers';

describe('visual: table, sentence and header', () => {
  it('renders a real table with the bound titles, formatted cells and the exact sentence', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const table = v.element.querySelector('table');
    assert.ok(table?.querySelector('thead') && table.querySelector('tbody'));
    assert.deepEqual(headTexts(v.element), [
      'Person ID', 'Child', 'Social Worker', 'Team', 'Locality', 'Placement Type', 'Provider',
      'Assessment Type', 'Predicted Start Date', 'Actual Start Date', 'Status',
    ]);
    assert.equal(sentenceText(v.element), EXAMPLE_SENTENCE);
    const rows = bodyTexts(v.element);
    assert.equal(rows.length, 9);
    // Default order: Not Yet Started first, then Upcoming by predicted date.
    assert.deepEqual(rows[0], ['E4', 'Child E4', 'Worker A', 'CS HPND Children In Care Team', 'High Peak & North Dales',
      'U6: Foster placement - not FFA', 'Private provision', 'SGO', '05/05/2022', '', 'Not Yet Started']);
    assert.equal(rows[1][0], 'E5');
    assert.equal(rows[6][10], 'Started Late');
    assert.deepEqual(rows.map((r) => r[0]), ['E4', 'E5', 'E7', 'E8', 'E6', 'E10', 'E1', 'E3', 'E2']);
  });

  it('shows columns in the order they are bound, any subset', () => {
    const v = mount();
    v.update(tableDataView(['status', 'predictedStartDate', 'child'], [['Started Late', new Date(2022, 4, 4), 'Ann']]));
    assert.deepEqual(headTexts(v.element), ['Status', 'Predicted Start Date', 'Child']);
    assert.deepEqual(bodyTexts(v.element)[0], ['Started Late', '04/05/2022', 'Ann']);
  });

  it('shows blanks for null, undefined, invalid dates and objects: never "null", "undefined" or "Invalid Date"', () => {
    const v = mount();
    v.update(tableDataView(['personId', 'child', 'predictedStartDate', 'actualStartDate'], [['A', null, null, undefined], ['B', {}, new Date('x'), {}]]));
    const text = v.element.querySelector('tbody')?.textContent ?? '';
    assert.doesNotMatch(text, /null|undefined|Invalid Date|NaN|object/);
    assert.deepEqual(bodyTexts(v.element).map((r) => r.slice(1)), [['', '', '', ''], ['', '', '', '']]);
    assert.deepEqual(v.recorded.warnings, [], 'nothing unreadable was a number or text');
  });

  it('a date field holding numbers (a date hierarchy\'s Year): the numbers show, the warning icon names the field, the sentence cannot count', () => {
    const v = mount();
    const dv = tableDataView(['personId', 'predictedStartDate', 'status'], [['A', 2022, 'Started Late'], ['B', 2021, 'Not Yet Started']], { titles: { predictedStartDate: 'Year' } });
    v.update(dv);
    assert.deepEqual(bodyTexts(v.element).map((r) => r[1]).sort(), ['2021', '2022']);
    assert.equal(v.recorded.warnings.length, 1);
    assert.equal(v.recorded.warnings[0][0], 'Some dates could not be read');
    assert.match(v.recorded.warnings[0][1], /^Predicted Start Date \(Year\) received numbers \(such as a date hierarchy's Year\)\. .*Date Hierarchy/);
    assert.equal(sentenceText(v.element), 'The sentence cannot be counted: Predicted Start Date (Year) does not hold dates.');
  });

  it('shows a date text in an unknown format as it arrived, and raises one warning icon for the update', () => {
    const v = mount();
    const rows = [['A', '2022-13-45', 'sometime in May'], ['B', 'June 2022', null], ['C', '2022-05-01', '01/05/2022']];
    v.update(tableDataView(['personId', 'predictedStartDate', 'actualStartDate'], rows));
    const byId = Object.fromEntries(bodyTexts(v.element).map((r) => [r[0], r.slice(1, 3)]));
    assert.deepEqual(byId, { A: ['2022-13-45', 'sometime in May'], B: ['June 2022', ''], C: ['01/05/2022', '01/05/2022'] });
    assert.equal(v.recorded.warnings.length, 1);
    assert.match(v.recorded.warnings[0][0], /dates could not be read/);
    v.update(tableDataView(['personId', 'predictedStartDate'], [['C', '2022-05-01']]));
    assert.equal(v.recorded.warnings.length, 1, 'readable dates: no further warning');
  });

  it('shows data that looks like HTML as text, and runs no script', () => {
    const v = mount();
    const evil = '<img src=x onerror=alert(1)>';
    v.update(tableDataView(['personId', 'child', 'team'], [['A', evil, '<script>window.pwned=1</script>']]));
    assert.equal(v.element.querySelectorAll('img, script').length, 0);
    assert.equal(bodyTexts(v.element)[0][1], evil);
    assert.equal((globalThis as { pwned?: number }).pwned, undefined);
  });

  it('shows HTML in field names, header values and the as-at line as text too', () => {
    const v = mount();
    const evil = '<img src=x onerror=alert(1)>';
    v.update(tableDataView(['personId', 'locality', 'assessmentType'], [['A', evil, evil]], { titles: { personId: evil } }));
    assert.equal(v.element.querySelectorAll('img').length, 0);
    assert.equal(v.element.querySelector('th')?.textContent, evil);
    assert.match(v.element.querySelector('.ppoc-filters')?.textContent ?? '', /Locality\/Team: <img src=x onerror=alert\(1\)>/);
  });

  it('colours status cells with readable text and shows a legend', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const cell = v.element.querySelector('td.ppoc-status--notYetStarted') as HTMLElement;
    assert.equal(cell.style.backgroundColor, 'rgb(148, 26, 18)');
    assert.equal(cell.style.color, 'rgb(255, 255, 255)');
    const late = v.element.querySelector('td.ppoc-status--late') as HTMLElement;
    assert.equal(late.style.color, 'rgb(0, 0, 0)');
    const legend = Array.from(v.element.querySelectorAll('.ppoc-legend-item')).map((li) => li.textContent);
    assert.deepEqual(legend, ['Upcoming 5', 'Not Yet Started 1', 'Started Late 1', 'Started On Time 2', 'Planned - Later 0']);
    const glyphs = Array.from(v.element.querySelectorAll('.ppoc-legend-item .ppoc-glyph')).map((g) => (g as HTMLElement).dataset.status);
    assert.deepEqual(glyphs, ['upcoming', 'notYetStarted', 'late', 'onTime', 'plannedLater'], 'a shape beside each colour');
  });

  it('the legend\'s definitions open from a button (keyboard, touch), and each item is described by its definition', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const button = v.element.querySelector('.ppoc-definitions-toggle') as HTMLButtonElement;
    const panel = document.getElementById(button.getAttribute('aria-controls') ?? '') as HTMLElement;
    assert.equal(button.getAttribute('aria-expanded'), 'false');
    assert.equal(panel.hidden, true);
    button.click();
    assert.equal(button.getAttribute('aria-expanded'), 'true');
    assert.equal(panel.hidden, false);
    assert.match(panel.textContent ?? '', /"Started Late" indicates that the assessment started after the Predicted Start Date had passed\./);
    const item = v.element.querySelector('.ppoc-legend-item') as HTMLElement;
    assert.equal(document.getElementById(item.getAttribute('aria-describedby') ?? '')?.textContent, item.title);
  });

  it('in high contrast the legend and the status cells show distinct shapes in the host\'s colours, no fills', () => {
    const v = mount({ highContrast: true });
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const swatches = Array.from(v.element.querySelectorAll('.ppoc-swatch')) as HTMLElement[];
    assert.ok(swatches.every((s) => s.style.backgroundColor === 'rgb(0, 0, 0)'));
    const shapes = swatches.map((s) => (s.firstChild as HTMLElement).dataset.status);
    assert.equal(new Set(shapes).size, 5);
    const cell = v.element.querySelector('td.ppoc-status--late') as HTMLElement;
    assert.equal(cell.style.backgroundColor, 'rgb(0, 0, 0)');
    assert.equal((cell.querySelector('.ppoc-glyph') as HTMLElement).dataset.status, 'late');
  });

  it('derives header lines from the rows received', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    const filters = v.element.querySelector('.ppoc-filters')?.textContent;
    assert.equal(filters, 'Locality/Team: High Peak & North Dales / CS HPND Children In Care Team | Type of Assessment: All | Assessment Status: All | Placement Type: All');
    const phrases = Array.from(v.element.querySelectorAll('.ppoc-filters .ppoc-phrase')).map((p) => p.textContent);
    assert.equal(phrases.length, 4, 'one phrase per filter: a narrow tile breaks between them');
    assert.equal(v.element.querySelector('.ppoc-asat')?.textContent, 'Data as at 31/05/2022');
    assert.equal((v.element.querySelector('.ppoc-fco') as HTMLElement).hidden, true);
  });

  it('with no rows after filtering: the titles, "No plans match these filters", a zero sentence, the data\'s as-at date or none', () => {
    const v = mount();
    v.update(tableDataView(['personId', 'child', 'status', 'asAtDate', 'fullCareOrder'], [['A', 'Ann', 'Started Late', '2022-05-31', 'Yes']]));
    v.update(tableDataView(['personId', 'child', 'status', 'asAtDate', 'fullCareOrder'], []));
    assert.deepEqual(headTexts(v.element), ['Person ID', 'Child', 'Status']);
    assert.equal(v.element.querySelector('.ppoc-asat')?.textContent, 'Data as at 31/05/2022', 'the as-at date the data gave');
    assert.equal((v.element.querySelector('.ppoc-filters') as HTMLElement).hidden, true, 'no "All" for filters nothing tells');
    assert.equal((v.element.querySelector('.ppoc-fco') as HTMLElement).hidden, true, 'no "Full Care Order: All"');
    const fresh = mount();
    fresh.update(tableDataView(['personId', 'status', 'asAtDate'], []));
    assert.equal((fresh.element.querySelector('.ppoc-asat') as HTMLElement).hidden, true, 'no row ever gave it: no invented date');
    const rows = v.element.querySelectorAll('tbody tr');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].textContent, 'No plans match these filters');
    assert.equal((rows[0].firstChild as HTMLTableCellElement).colSpan, 3);
    assert.match(sentenceText(v.element), /^In the LAST 3 months 0 assessments started on time, 0 started late and 0 predictions are yet to start\. In the NEXT 3 months 0 assessments are planned to start\.$/);
  });

  it('shows the landing page, with the list of fields, when none of the eleven columns is bound', () => {
    const v = mount();
    v.update(undefined);
    const landing = v.element.querySelector('.ppoc-landing') as HTMLElement;
    assert.equal(landing.hidden, false);
    assert.match(landing.textContent ?? '', /Planned Assessment Starts/);
    assert.match(landing.textContent ?? '', /Person ID, Child, Social Worker, Team, Locality, Placement Type, Provider, Assessment Type, Predicted Start Date, Actual Start Date, Status and As At Date/);
    assert.equal((v.element.querySelector('.ppoc-main') as HTMLElement).hidden, true);
    v.update(tableDataView(['asAtDate', 'fullCareOrder', 'tooltips'], [['2022-05-31', 'Yes', 3], ['2022-05-31', 'Yes', 4]]));
    assert.equal(landing.hidden, false, 'only hidden roles bound: still the landing page, no blank rows');
    assert.equal(v.element.querySelectorAll('tbody tr').length, 0);
    v.update(tableDataView(['personId'], [['A']]));
    assert.equal(landing.hidden, true);
  });

  it('with Status unbound shows a Status column with the derived texts and colours, as if bound', () => {
    const v = mount();
    const roles = ALL_ROLES.filter((role) => role !== 'status');
    v.update(tableDataView(roles, exampleRows().map((row) => row.filter((_, c) => c !== 10)), { objects: FULL_LABELS }));
    assert.equal(headTexts(v.element).at(-1), 'Status');
    const byId = Object.fromEntries(bodyTexts(v.element).map((r) => [r[0], r.at(-1)]));
    assert.equal(byId.E1, 'Started Late');
    assert.equal(byId.E4, 'Not Yet Started');
    assert.equal(byId.E5, 'Upcoming - Planned Start in Next 3 Months');
    const late = v.element.querySelector('td.ppoc-status--late') as HTMLElement;
    assert.equal(late.style.backgroundColor, 'rgb(242, 194, 0)');
    assert.equal((v.element.querySelector('.ppoc-legend-block') as HTMLElement).hidden, false);
  });

  it('without Status or a predicted date there is nothing to colour: no Status column, no legend', () => {
    const v = mount();
    v.update(tableDataView(['personId', 'child'], [['A', 'Ann']]));
    assert.deepEqual(headTexts(v.element), ['Person ID', 'Child']);
    assert.equal((v.element.querySelector('.ppoc-legend-block') as HTMLElement).hidden, true);
  });

  it('renders at most a screenful of rows for 30,000 rows', () => {
    const v = mount();
    const rows = Array.from({ length: 30000 }, (_, i) => [`P${i}`, `Child ${i}`, '2022-05-01', null, '2022-05-31']);
    v.update(tableDataView(['personId', 'child', 'predictedStartDate', 'actualStartDate', 'asAtDate'], rows), 62, 600);
    const count = v.element.querySelectorAll('tbody tr').length;
    assert.ok(count > 10 && count <= 60, `rendered ${count} rows`);
    assert.equal(v.element.querySelector('table')?.getAttribute('aria-rowcount'), '30001');
    assert.match(sentenceText(v.element), /30,000 predictions are yet to start/);
  });

  it('paints an update with the rows in view only, and adds the rows just outside it after that frame', async () => {
    const v = mount();
    const rows = Array.from({ length: 30000 }, (_, i) => [`P${i}`, `Child ${i}`]);
    v.update(tableDataView(['personId', 'child'], rows), 62, 400);
    const painted = v.element.querySelectorAll('tbody tr').length;
    await new Promise((done) => setTimeout(done, 100));
    const settled = v.element.querySelectorAll('tbody tr').length;
    // At the top of the table: 2 × OVERSCAN_ROWS more rows below, less the part-row allowance.
    assert.equal(settled - painted, 2 * OVERSCAN_ROWS - 1, `${painted} rows, then ${settled}`);
    assert.deepEqual(bodyTexts(v.element).slice(0, 2).map((r) => r[0]), ['P0', 'P1']);
  });

  it('renders every row (no virtualization) for a few hundred rows', () => {
    const v = mount();
    const rows = Array.from({ length: 250 }, (_, i) => [`P${i}`]);
    v.update(tableDataView(['personId'], rows));
    assert.equal(v.element.querySelectorAll('tbody tr').length, 250);
  });
});
