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

export function toggle(name: string, displayName: string, displayNameKey: string, value = true): formattingSettings.ToggleSwitch {
  return new formattingSettings.ToggleSwitch({ name, displayName, displayNameKey, value });
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
  return new formattingSettings.NumUpDown({ name, displayName, displayNameKey, value, options: range(min, max) });
}

export function dropdown(name: string, displayName: string, displayNameKey: string, value: string): formattingSettings.AutoDropdown {
  // The choices are capabilities.json's enumeration for the property.
  return new formattingSettings.AutoDropdown({ name, displayName, displayNameKey, value });
}

/** Font family, size, bold, italic and underline as Power BI's own font control, one property each. */
export function fontControl(prefix: string, defaults: { family: string; size: number; bold: boolean }): formattingSettings.FontControl {
  return new formattingSettings.FontControl({
    name: `${prefix}Font`,
    displayName: 'Font',
    displayNameKey: 'Format_Font',
    fontFamily: new formattingSettings.FontPicker({ name: 'fontFamily', value: defaults.family }),
    fontSize: numberSlice('fontSize', 'Text size', 'Format_TextSize', defaults.size, 7, 24),
    bold: new formattingSettings.ToggleSwitch({ name: 'bold', value: defaults.bold }),
    italic: new formattingSettings.ToggleSwitch({ name: 'italic', value: false }),
    underline: new formattingSettings.ToggleSwitch({ name: 'underline', value: false }),
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
