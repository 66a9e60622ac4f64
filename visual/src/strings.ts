// UI text, localised through the host's localization manager (stringResources), with the
// en-GB text as the fallback when the host has no manager or no string for a key.
import powerbi from 'powerbi-visuals-api';

export const DEFAULT_STRINGS = {
  Visual_Label: 'Planned assessment starts',
  Landing_Title: 'Planned Assessment Starts',
  Landing_Body:
    'Add the ppoc.vw_planned_assessment columns to the fields of this visual: Person ID, Child, Social Worker, Team, Locality, Placement Type, Provider, Assessment Type, Predicted Start Date, Actual Start Date, Status and As At Date.',
  Empty_Filtered: 'No planned assessments match the current filters',
  Loading_More: 'Loading more rows…',
  Legend_Label: 'Status colours',
  Notes_Show: 'Show Manager Notes',
  Notes_Hide: 'Hide Manager Notes',
  Notes_Empty: 'No manager notes have been written for this report yet.',
  Notes_Link: 'Open the guidance',
  AsAt_Prefix: 'Data as at',
  Header_FullCareOrder: 'Full Care Order',
  Header_LocalityTeam: 'Locality/Team',
  Header_AssessmentType: 'Type of Assessment',
  Header_Status: 'Assessment Status',
  Header_PlacementType: 'Placement Type',
  Table_Label: 'Planned assessments',
  Sort_Hint: 'Press Enter to sort',
  Tooltip_DaysLate: 'Days late',
  Warning_Truncated_Title: 'Not all rows are shown',
  Warning_Truncated_Detail:
    'Power BI sent the most rows it allows for one visual. The table and the sentence cover only the rows received: filter the page to see the rest.',
} as const;

export type StringKey = keyof typeof DEFAULT_STRINGS;
export type Strings = (key: StringKey) => string;

export function createStrings(host: powerbi.extensibility.visual.IVisualHost | undefined): Strings {
  let manager: powerbi.extensibility.ILocalizationManager | undefined;
  try {
    manager = typeof host?.createLocalizationManager === 'function' ? host.createLocalizationManager() : undefined;
  } catch {
    manager = undefined;
  }
  return (key) => {
    let text: unknown;
    try {
      text = manager?.getDisplayName(key);
    } catch {
      text = undefined;
    }
    return typeof text === 'string' && text !== '' && text !== key ? text : DEFAULT_STRINGS[key];
  };
}
