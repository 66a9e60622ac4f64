import { WORKFLOW_TYPES, type AssessmentRecord } from '../../model/source-records';
import { describeValue, shapeOf } from '../../model/value-shape';
import { date, flag, mapped, rowReaders, text } from '../fields';
import type { FileDefinition, RowFault } from '../file-definition';
import { PERSON_ID, WORKFLOW_TYPE } from './limits';

const KNOWN = new Map(WORKFLOW_TYPES.map((t) => [t.toLowerCase(), t] as const));
/** One word or code, as a Mosaic workflow type is (`Adoption`, `CIN`, `CP-Review`). */
const TYPE_WORD = /^[A-Za-z0-9][A-Za-z0-9_\-/]{0,24}$/;

/**
 * `SGO`/`SINGLE` in any case → canonical. Another type is kept (assessment_workflow says why it
 * never counts): as written when it is one word or code, otherwise by its shape, since text with
 * spaces or a formula there is more likely a name from a swapped column than a workflow type.
 */
const storedType = (value: string): string => KNOWN.get(value.toLowerCase()) ?? (TYPE_WORD.test(value) ? value : `[${shapeOf(value)}]`);

/** Another Mosaic workflow type is a known-but-unusual value: kept, with a warning. */
function unknownType(record: AssessmentRecord): RowFault | null {
  if (KNOWN.has(record.workflowType.toLowerCase())) return null;
  return {
    column: 'workflow_type',
    rule: 'unknown_workflow_type',
    message: 'workflow_type is not SGO or SINGLE: the workflow is kept but never counts as an assessment start',
  };
}

/** `assessments.csv`: Mosaic workflows; a workflow ID appears once. */
export const assessmentsFile = (): FileDefinition<AssessmentRecord> => ({
  columns: ['person_id', 'workflow_id', 'workflow_type', 'start_date', 'for_reunification'].map((name) => ({
    name,
    required: true,
  })),
  personIdColumn: 'person_id',
  ...rowReaders(
    {
      person_id: text('person_id', { max: PERSON_ID, requiredRule: 'missing_person_id' }),
      workflow_id: text('workflow_id', { max: PERSON_ID, requiredRule: 'missing_required_value' }),
      workflow_type: mapped(text('workflow_type', { max: WORKFLOW_TYPE, repetitive: true, requiredRule: 'missing_required_value' }), storedType),
      start_date: date('start_date', { required: false }),
      for_reunification: flag('for_reunification'),
    },
    (row, sourceFile, line) => ({
      personId: row.person_id,
      workflowId: row.workflow_id,
      workflowType: row.workflow_type,
      startDate: row.start_date,
      forReunification: row.for_reunification,
      sourceFile,
      line,
    }),
  ),
  warn: unknownType,
  unique: {
    // Case-insensitive, as SQL Server compares the assessment_workflow key.
    key: (record) => record.workflowId.toLowerCase(),
    duplicate: (record, firstLine) => ({
      column: 'workflow_id',
      rule: 'duplicate_workflow_id',
      message: `workflow_id ${describeValue(record.workflowId)} already appears on line ${firstLine}; only the first row is kept`,
    }),
  },
});
