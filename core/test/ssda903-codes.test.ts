import assert from 'node:assert/strict';
import { legalStatusLabel, placementProviderLabel, placementTypeLabel, ppocGroup, reasonGroup } from '../src/index';

describe('SSDA903 codes', () => {
  it('shows placement types as CODE: description, as in the brief', () => {
    assert.deepEqual(placementTypeLabel('U6'), { label: 'U6: Foster placement - not FFA', known: true });
    assert.equal(placementTypeLabel('k2').label, 'K2: Childrens Home');
    assert.equal(placementTypeLabel('U3').label, 'U3: Foster placement - relative - not FFA');
    assert.equal(placementTypeLabel('U4').label, 'U4: Foster placement - long term');
    assert.equal(placementTypeLabel('P1').label, 'P1: Placed with parents');
  });
  it('shows unknown and retired codes bare and flags them, never drops them', () => {
    for (const code of ['H5', 'P2', 'Z1', 'K3', 'Z11', 'Z14']) {
      assert.deepEqual(placementTypeLabel(code), { label: code, known: false }, code);
    }
    assert.deepEqual(placementProviderLabel('PR9'), { label: 'PR9', known: false });
  });
  it('treats empty codes as no value, not unknown', () => {
    assert.deepEqual(placementTypeLabel(''), { label: null, known: true });
    assert.deepEqual(placementProviderLabel(null), { label: null, known: true });
  });
  it('describes providers PR0–PR5', () => {
    const expected = ['Parents/Parental responsibility', 'Own provision', 'Other LA provision', 'Other public provision',
      'Private provision', 'Voluntary/third sector provision'];
    expected.forEach((text, i) => assert.equal(placementProviderLabel(`PR${i}`).label, text));
  });
  it('groups reasons episode ceased', () => {
    for (const code of ['E43', 'E44', 'E45', 'E46', 'E47', 'E48']) assert.equal(reasonGroup(code), 'SGO');
    assert.equal(reasonGroup('E4A'), 'Reunification');
    assert.equal(reasonGroup('e4b'), 'Reunification');
    assert.equal(reasonGroup('E11'), 'Adoption');
    assert.equal(reasonGroup('E12'), 'Adoption');
    assert.equal(reasonGroup('E41'), 'Child arrangements order');
    assert.equal(reasonGroup('E13'), 'Other');
    assert.equal(reasonGroup(null), 'Other');
  });
  it('groups PPOC candidates by placement', () => {
    assert.equal(ppocGroup('P1'), 'Placed with parents');
    for (const code of ['U1', 'U2', 'U3']) assert.equal(ppocGroup(code), 'Connected carers');
    assert.equal(ppocGroup('U4'), 'Other');
    assert.equal(ppocGroup(null), 'Other');
  });
  it('knows C2 as a full care order', () => {
    assert.equal(legalStatusLabel('C2').label, 'Full care order');
    assert.equal(legalStatusLabel('X9').known, false);
  });
});
