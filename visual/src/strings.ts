// UI text, localised through the host's localization manager (stringResources), with the
// en-GB text as the fallback when the host has no manager or no string for a key. Data texts
// (status values, field names) are never translated.
import powerbi from 'powerbi-visuals-api';
import type { LocaleFormat } from './locale';

export const DEFAULT_STRINGS = {
  Visual_Label: 'Planned assessment starts',
  Landing_Title: 'Planned Assessment Starts',
  Landing_Body:
    'Add the ppoc.vw_planned_assessment columns to the fields of this visual: Person ID, Child, Social Worker, Team, Locality, Placement Type, Provider, Assessment Type, Predicted Start Date, Actual Start Date, Status and As At Date; optionally Full Care Order, and extra fields under Tooltips.',
  Empty_Filtered: 'No plans match these filters',
  Loading_More: 'Loading more rows…',
  Legend_Label: 'Status colours',
  Legend_Definitions: 'What the statuses mean',
  Legend_Total_One: '{0} plan',
  Legend_Total_Other: '{0} plans',
  Status_Upcoming: 'Upcoming',
  Status_NotYetStarted: 'Not Yet Started',
  Status_Late: 'Started Late',
  Status_OnTime: 'Started On Time',
  Status_PlannedLater: 'Planned - Later',
  StatusShort_Upcoming: 'Upcoming',
  StatusShort_NotYetStarted: 'Not Yet Started',
  StatusShort_Late: 'Started Late',
  StatusShort_OnTime: 'Started on Time',
  StatusShort_PlannedLater: 'Planned - Later',
  StatusFull_Upcoming_One: 'Upcoming - Planned Start in Next {0} Month',
  StatusFull_Upcoming_Other: 'Upcoming - Planned Start in Next {0} Months',
  Legend_Def_Upcoming_One: '"Upcoming" means the assessment Predicted Start Date is in the upcoming {0} month.',
  Legend_Def_Upcoming_Other: '"Upcoming" means the assessment Predicted Start Date is in the upcoming {0} months.',
  Legend_Def_NotYetStarted: '"Not Yet Started" indicates that the Predicted Start Date has passed, and the assessment hasn\'t been started on Mosaic.',
  Legend_Def_Late: '"Started Late" indicates that the assessment started after the Predicted Start Date had passed.',
  Legend_Def_OnTime: '"Started On Time" indicates that the assessment started on or before the Predicted Start Date.',
  Legend_Def_PlannedLater_One: '"Planned - Later" means the assessment Predicted Start Date is more than {0} month away.',
  Legend_Def_PlannedLater_Other: '"Planned - Later" means the assessment Predicted Start Date is more than {0} months away.',
  Sentence: 'In the LAST {0} {1} started on time, {2} started late and {3} yet to start. In the NEXT {0} {4} planned to start.',
  Sentence_Months_One: '{0} month',
  Sentence_Months_Other: '{0} months',
  Sentence_Assessments_One: '{0} assessment',
  Sentence_Assessments_Other: '{0} assessments',
  Sentence_PredictionsAre_One: '{0} prediction is',
  Sentence_PredictionsAre_Other: '{0} predictions are',
  Sentence_AssessmentsAre_One: '{0} assessment is',
  Sentence_AssessmentsAre_Other: '{0} assessments are',
  Compact_Last: 'Last {0}:',
  Compact_OnTime: '{0} on time ·',
  Compact_Late: '{0} late ·',
  Compact_YetToStart: '{0} yet to start',
  Compact_Next: '— Next {0}:',
  Compact_Planned: '{0} planned',
  Sentence_CannotCount_One: 'The sentence cannot be counted: {0} does not hold dates.',
  Sentence_CannotCount_Other: 'The sentence cannot be counted: {0} do not hold dates.',
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
  Header_All: 'All',
  Header_Info_Label: 'Report filters',
  Column_Status: 'Status',
  Table_Label: 'Planned assessments',
  Sort_Hint: 'Click or press Enter to sort; Shift+click adds a further sort column',
  Resize_Hint: 'Drag to resize the column (or Alt+Left/Right arrow on its title); double-click to fit its content',
  Tooltip_DaysLate: 'Days late',
  Warning_Truncated_Title: 'Not all rows are shown',
  Warning_Truncated_Detail:
    'Power BI sent the most rows it allows for one visual. The table and the sentence cover only the rows received: filter the page to see the rest.',
  Warning_Dates_Title: 'Some dates could not be read',
  Warning_Dates_Role: '{0} received {1}.',
  Warning_Dates_Numbers: 'numbers (such as a date hierarchy\'s Year)',
  Warning_Dates_Text: 'text that is not a date',
  Warning_Dates_Advice:
    'Those cells show what arrived, their rows get no status, and the summary sentence is not counted. Bind the date field itself (not its Date Hierarchy), or set its data type to Date. The visual reads date values, YYYY-MM-DD and DD/MM/YYYY.',
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
  const cache = new Map<StringKey, string>();
  return (key) => {
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = lookUp(manager, key)));
    return text;
  };
}

function lookUp(manager: powerbi.extensibility.ILocalizationManager | undefined, key: StringKey): string {
  let text: unknown;
  try {
    text = manager?.getDisplayName(key);
  } catch {
    text = undefined;
  }
  return typeof text === 'string' && text !== '' && text !== key ? text : DEFAULT_STRINGS[key];
}

/** Fills `{0}`, `{1}`… in a localised string. */
export function fill(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d)\}/g, (whole, index: string) => (values[Number(index)] === undefined ? whole : String(values[Number(index)])));
}

/** The keys that come in a `_One` / `_Other` pair. */
export type PluralKey = { [K in StringKey]: K extends `${infer Base}_One` ? Base : never }[StringKey];

/** A count in its plural form and the locale's digit grouping ("1 month", "6,000 assessments"). */
export function countText(strings: Strings, locale: Pick<LocaleFormat, 'plural' | 'formatCount'>, key: PluralKey, count: number): string {
  return fill(strings(`${key}_${locale.plural(count)}` as StringKey), locale.formatCount(count));
}
