/** Yes/No flags are the text a Power BI slicer shows. */
export type YesNo = 'Yes' | 'No';

export function yesNo(value: boolean): YesNo {
  return value ? 'Yes' : 'No';
}
