// Per-row values of the format pane's rules (the fx button): Power BI evaluates a rule or a
// field value for every row and delivers it among the row's objects (DataViewTableRow.objects,
// "the data repetition objects"). Read only for the rows on screen, by object and property
// name: each property names its own column or status, so where the host places it among the
// row's objects does not matter.
import powerbi from 'powerbi-visuals-api';
import { normaliseHex } from '../render/colors';

export type RowObjects = readonly (powerbi.DataViewObjects | undefined)[] | undefined;

/** The row's objects (undefined for a row no rule touched: most rows, most reports). */
export function rowObjects(raw: readonly unknown[]): RowObjects {
  const objects = (raw as powerbi.DataViewTableRow).objects;
  return Array.isArray(objects) ? objects : undefined;
}

/** The colour a rule gave this row for `objectName.property`, or null. */
export function ruleColor(objects: RowObjects, objectName: string, property: string): string | null {
  if (!objects) return null;
  for (const entry of objects) {
    const colour = fillColor(entry?.[objectName]?.[property]);
    if (colour) return colour;
  }
  return null;
}

/** A fill property's colour (`{ solid: { color } }`) as #RRGGBB, or null when unset or not a colour. */
export function fillColor(value: unknown): string | null {
  const colour = (value as powerbi.Fill | undefined)?.solid?.color;
  const hex = normaliseHex(colour, '');
  return hex === '' ? null : hex;
}
