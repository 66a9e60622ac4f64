// "Specific column", as in Power BI's own table: pick a column under "Apply settings to", then
// its horizontal alignment and its cells' background and text colours, both with the fx button
// (a rule or a field's value per row). One property per column role and setting (`teamAlignment`,
// `teamBackground`, `teamFontColor`), so a rule's per-row value names its column whatever the
// host's layout of the row objects. Only bound columns are offered.
import powerbi from 'powerbi-visuals-api';
import { formattingSettings } from 'powerbi-visuals-utils-formattingmodel';
import { COLUMN_ROLES, ROLE_KIND, type ColumnRole } from '../roles';
import { ruleColor } from './slices';

export type Alignment = 'left' | 'center' | 'right';

/** Dates and IDs line up on the right (their digits align), text and statuses on the left. */
export function defaultAlignment(role: ColumnRole): Alignment {
  return ROLE_KIND[role] === 'date' || ROLE_KIND[role] === 'id' ? 'right' : 'left';
}

export const columnProperty = {
  alignment: (role: ColumnRole) => `${role}Alignment`,
  background: (role: ColumnRole) => `${role}Background`,
  fontColor: (role: ColumnRole) => `${role}FontColor`,
};

export interface ColumnSlices {
  alignment: formattingSettings.AlignmentGroup;
  /** Not for Status: its cells take the status colours (which have rules of their own). */
  background?: formattingSettings.ColorPicker;
  fontColor?: formattingSettings.ColorPicker;
}

function columnSlices(role: ColumnRole): ColumnSlices {
  const alignment = {
    alignment: new formattingSettings.AlignmentGroup({
      name: columnProperty.alignment(role),
      displayName: 'Horizontal alignment',
      displayNameKey: 'Format_Alignment',
      // AlignmentGroupMode.Horizonal (a const enum in ambient typings).
      mode: 'horizontalAlignment' as powerbi.visuals.AlignmentGroupMode,
      value: defaultAlignment(role),
    }),
  };
  if (role === 'status') return alignment;
  return {
    ...alignment,
    background: ruleColor(columnProperty.background(role), 'Background colour', 'Format_BackColor', ''),
    fontColor: ruleColor(columnProperty.fontColor(role), 'Text colour', 'Format_TextColor', ''),
  };
}

export class ColumnFormattingCard extends formattingSettings.SimpleCard {
  override name = 'columnFormatting';
  override displayName = 'Specific column';
  override displayNameKey = 'Format_SpecificColumn';
  readonly byRole = Object.fromEntries(COLUMN_ROLES.map((role) => [role, columnSlices(role)])) as Record<ColumnRole, ColumnSlices>;
  private readonly items = COLUMN_ROLES.map(
    (role) => Object.assign(new formattingSettings.ContainerItem(), { displayName: role as string, slices: Object.values(this.byRole[role]).filter((slice) => slice !== undefined) }),
  );
  override container = new formattingSettings.Container({ displayName: 'Column', displayNameKey: 'Format_Column', containerItems: this.items });

  /** Offers the bound columns only, under their titles (as the author named the fields). */
  showColumns(columns: readonly { role: ColumnRole; title: string }[]): void {
    COLUMN_ROLES.forEach((role, i) => {
      const bound = columns.find((column) => column.role === role);
      this.items[i].visible = bound !== undefined;
      this.items[i].displayName = bound?.title ?? role;
    });
    this.visible = columns.length > 0;
  }
}
