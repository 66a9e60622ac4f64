// Format-pane slices the cards share. A colour an author can set by rule (the fx button) is a
// ColorPicker with instanceKind ConstantOrRule and a dataViewWildcard selector: Power BI then
// evaluates the rule for every row and hands the result back in that row's objects
// (converter/row-objects.ts); a constant stays at the visual's own (static) scope, where the
// DataView's metadata objects carry it as before. Learn: "Add conditional formatting"
// (power-bi/developer/visuals/conditional-format).
import powerbi from 'powerbi-visuals-api';
import { dataViewWildcard } from 'powerbi-visuals-utils-dataviewutils';
import { formattingSettings } from 'powerbi-visuals-utils-formattingmodel';

/**
 * VisualEnumerationInstanceKinds and DataViewWildcardMatchingOption are const enums in ambient
 * typings, which isolated transpilers cannot inline: their values are written here
 * (ConstantOrRule = Constant | Rule = 3; InstancesAndTotals = 0).
 */
const CONSTANT_OR_RULE = 3 as powerbi.VisualEnumerationInstanceKinds;
const INSTANCES_AND_TOTALS = 0 as dataViewWildcard.DataViewWildcardMatchingOption;
/**
 * The util's namespace, held as a value: the bundler then keeps its export names, so the
 * packaged code calls `.createDataViewWildcardSelector` by name, which is how pbiviz's feature
 * report recognises conditional formatting (a mangled name would hide it).
 */
const wildcard: typeof dataViewWildcard = dataViewWildcard;

/**
 * Each toggle's and number's value as built: the card is the one place a default is written, and
 * a saved value of the wrong type (a host never sends one, a hand-edited report might) falls
 * back to it (flag, numberValue).
 */
const defaults = new WeakMap<formattingSettings.SimpleSlice, unknown>();

function withDefault<T extends formattingSettings.SimpleSlice>(slice: T): T {
  defaults.set(slice, slice.value);
  return slice;
}

export function toggle(name: string, displayName: string, displayNameKey: string, value = true): formattingSettings.ToggleSwitch {
  return withDefault(new formattingSettings.ToggleSwitch({ name, displayName, displayNameKey, value }));
}

/** A toggle's value (its default unless a boolean was saved). */
export function flag(slice: formattingSettings.ToggleSwitch): boolean {
  return typeof slice.value === 'boolean' ? slice.value : defaults.get(slice) === true;
}

export function color(name: string, displayName: string, displayNameKey: string, value: string): formattingSettings.ColorPicker {
  return new formattingSettings.ColorPicker({ name, displayName, displayNameKey, value: { value } });
}

/** A colour with the fx button: a constant, or a rule or field value evaluated per row. */
export function ruleColor(name: string, displayName: string, displayNameKey: string, value: string): formattingSettings.ColorPicker {
  return new formattingSettings.ColorPicker({
    name,
    displayName,
    displayNameKey,
    value: { value },
    // "No fill" (an empty value) means: not set, the column keeps the table's colours.
    isNoFillItemSupported: value === '',
    selector: wildcard.createDataViewWildcardSelector(INSTANCES_AND_TOTALS),
    // A constant is the visual's own setting: the static scope (null), where saved reports keep it.
    altConstantSelector: null as unknown as powerbi.data.Selector,
    instanceKind: CONSTANT_OR_RULE,
  });
}

export function numberSlice(name: string, displayName: string, displayNameKey: string, value: number, min: number, max: number): formattingSettings.NumUpDown {
  return withDefault(new formattingSettings.NumUpDown({ name, displayName, displayNameKey, value, options: range(min, max) }));
}

/** A number's value within the range its slice offers (its default unless a number was saved). */
export function numberValue(slice: formattingSettings.NumUpDown): number {
  const value = slice.value as unknown;
  if (typeof value !== 'number' || !Number.isFinite(value)) return defaults.get(slice) as number;
  return Math.min(slice.options?.maxValue?.value ?? value, Math.max(slice.options?.minValue?.value ?? value, value));
}

/** `choices`: capabilities.json's enumeration for the property (a unit test compares them), the default first. */
export function dropdown(name: string, displayName: string, displayNameKey: string, choices: readonly string[]): formattingSettings.AutoDropdown {
  return new formattingSettings.AutoDropdown({ name, displayName, displayNameKey, value: choices[0] });
}

/** A dropdown's value among `choices` (the default, the first, unless one of them was saved). */
export function choice<T extends string>(slice: formattingSettings.AutoDropdown, choices: readonly T[]): T {
  return choices.find((value) => value === slice.value) ?? choices[0];
}

/** Font family, size, bold, italic and underline as Power BI's own font control, one property each. */
export function fontControl(prefix: string, defaults: { family: string; size: number; bold: boolean }): formattingSettings.FontControl {
  return new formattingSettings.FontControl({
    name: `${prefix}Font`,
    displayName: 'Font',
    displayNameKey: 'Format_Font',
    fontFamily: new formattingSettings.FontPicker({ name: 'fontFamily', value: defaults.family }),
    fontSize: numberSlice('fontSize', 'Text size', 'Format_TextSize', defaults.size, 7, 24),
    bold: withDefault(new formattingSettings.ToggleSwitch({ name: 'bold', value: defaults.bold })),
    italic: withDefault(new formattingSettings.ToggleSwitch({ name: 'italic', value: false })),
    underline: withDefault(new formattingSettings.ToggleSwitch({ name: 'underline', value: false })),
  });
}

/**
 * Min/max validators. ValidatorType is a const enum in ambient typings, so its values (Min = 0,
 * Max = 1) are written here.
 */
export function range(min: number, max: number): powerbi.visuals.NumUpDownFormat {
  return {
    minValue: { type: 0 as powerbi.visuals.ValidatorType.Min, value: min },
    maxValue: { type: 1 as powerbi.visuals.ValidatorType.Max, value: max },
  };
}
