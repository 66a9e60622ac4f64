import { strict as assert } from 'node:assert';
import type { IsoDate } from '../../../core/src/index';
import { convert } from '../../src/converter/convert';
import { knownListLine, localityTeamLine, oneOrAll } from '../../src/converter/header-lines';
import type { RoleName } from '../../src/roles';
import { ALL_ROLES, exampleRows, mount, tableDataView } from './helpers';

const options = { windowMonths: 3, today: '2022-05-31' as IsoDate };
const header = (roles: RoleName[], rows: unknown[][], extra: object = {}) => convert(tableDataView(roles, rows), { ...options, ...extra }).header;

describe('header lines', () => {
  it('the unfiltered example page reads as the brief does', () => {
    const v = mount();
    v.update(tableDataView(ALL_ROLES, exampleRows()));
    assert.equal(
      v.element.querySelector('.ppoc-filters')?.textContent,
      'Locality/Team: High Peak & North Dales / CS HPND Children In Care Team | Type of Assessment: All | Assessment Status: All | Placement Type: All',
    );
  });

  it('Locality/Team: one team → "locality / team"; several teams of one locality → the locality; more localities → All', () => {
    const roles: RoleName[] = ['personId', 'team', 'locality'];
    assert.equal(header(roles, [['A', 'CS Erewash CIC Team', 'Erewash'], ['B', 'CS Erewash CIC Team', 'Erewash']]).localityTeam, 'Erewash / CS Erewash CIC Team');
    assert.equal(header(roles, [['A', 'Team 1', 'Erewash'], ['B', 'Team 2', 'erewash ']]).localityTeam, 'Erewash');
    assert.equal(header(roles, [['A', 'Team 1', 'Erewash'], ['B', 'Team 2', 'Chesterfield']]).localityTeam, 'All');
    assert.equal(header(['personId', 'team'], [['A', 'Team 1'], ['B', 'Team 1']]).localityTeam, 'Team 1');
    assert.equal(header(['personId', 'team'], [['A', 'Team 1'], ['B', 'Team 2']]).localityTeam, 'All');
    assert.equal(header(['personId'], [['A']]).localityTeam, 'All');
    assert.equal(localityTeamLine(['Erewash'], [], 'All'), 'Erewash');
    assert.equal(localityTeamLine([], [], 'Tout'), 'Tout');
  });

  it('Type of Assessment and Assessment Status: every known value → All, otherwise the values present', () => {
    const roles: RoleName[] = ['personId', 'assessmentType', 'status'];
    const one = header(roles, [['A', 'SGO', 'Started Late'], ['B', 'SGO', 'Not Yet Started']]);
    assert.equal(one.assessmentType, 'SGO');
    assert.equal(one.status, 'Not Yet Started, Started Late');
    const statuses = ['Not Yet Started', 'Upcoming - Planned Start in Next 3 Months', 'Started Late', 'Started on Time'];
    const all = header(roles, statuses.map((status, i) => [`P${i}`, i % 2 ? 'SGO' : 'Reunification', status]));
    assert.equal(all.assessmentType, 'All');
    assert.equal(all.status, 'All');
    assert.equal(knownListLine(['Reunification', 'Other', 'sgo'], ['SGO', 'Reunification'], 'All'), 'All');
    assert.equal(knownListLine(['Other', 'Reunification'], ['SGO', 'Reunification'], 'All'), 'Reunification, Other');
    assert.equal(knownListLine([], ['SGO'], 'All'), 'All');
  });

  it('Placement Type: one value → the value, more → All (never a count)', () => {
    const roles: RoleName[] = ['personId', 'placementType'];
    assert.equal(header(roles, [['A', 'U6: Foster placement - not FFA'], ['B', 'U6: Foster placement - not FFA']]).placementType, 'U6: Foster placement - not FFA');
    const many = Array.from({ length: 40 }, (_, i) => [`P${i}`, `Placement ${i % 12}`]);
    assert.equal(header(roles, many).placementType, 'All');
    assert.equal(oneOrAll([], 'All'), 'All');
  });

  it('Full Care Order: the rows\' single value, All when both occur, the format-pane text only while the role is unbound', () => {
    const roles: RoleName[] = ['personId', 'fullCareOrder'];
    assert.equal(header(roles, [['A', 'Yes'], ['B', 'Yes']], { fullCareOrderText: 'typed' }).fullCareOrder, 'Yes');
    assert.equal(header(roles, [['A', 'Yes'], ['B', 'No']]).fullCareOrder, 'All');
    assert.equal(header(['personId'], [['A']], { fullCareOrderText: ' Yes ' }).fullCareOrder, 'Yes');
    assert.equal(header(['personId'], [['A']]).fullCareOrder, null);
  });

  it('uses the localised word for All', () => {
    const h = convert(tableDataView(['personId', 'locality'], [['A', 'X'], ['B', 'Y']]), { ...options, texts: { all: 'Tous', status: 'Statut' } }).header;
    assert.equal(h.localityTeam, 'Tous');
    assert.equal(h.placementType, 'Tous');
  });

  it('shows the Full Care Order line from the bound role', () => {
    const v = mount();
    const rows = exampleRows().map((row, i) => [...row, i === 0 ? 'No' : 'Yes']);
    v.update(tableDataView([...ALL_ROLES, 'fullCareOrder'], rows));
    assert.equal(v.element.querySelector('.ppoc-fco')?.textContent, 'Full Care Order: All');
    v.update(tableDataView([...ALL_ROLES, 'fullCareOrder'], rows.slice(1)));
    assert.equal(v.element.querySelector('.ppoc-fco')?.textContent, 'Full Care Order: Yes');
  });
});
