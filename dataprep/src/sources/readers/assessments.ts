import { z } from 'zod';
import type { AssessmentRecord, WorkflowType } from '../../model/source-records';
import { describeValue } from '../../model/value-shape';
import { choice, date, flag, text } from '../fields';
import type { FileDefinition } from '../table-reader';
import { PERSON_ID } from './limits';

const WORKFLOW_TYPES: readonly WorkflowType[] = ['SGO', 'SINGLE'];

/** `assessments.csv`: Mosaic workflows; a workflow ID appears once. */
export const assessmentsFile = (): FileDefinition<AssessmentRecord> => ({
  columns: ['person_id', 'workflow_id', 'workflow_type', 'start_date', 'for_reunification'].map((name) => ({
    name,
    required: true,
  })),
  personIdColumn: 'person_id',
  schema: z
    .object({
      person_id: text('person_id', { max: PERSON_ID, requiredRule: 'missing_person_id' }),
      workflow_id: text('workflow_id', { max: PERSON_ID, requiredRule: 'missing_required_value' }),
      workflow_type: choice('workflow_type', WORKFLOW_TYPES, 'unknown_workflow_type'),
      start_date: date('start_date', { required: false }),
      for_reunification: flag('for_reunification'),
    })
    .transform((row) => ({
      personId: row.person_id,
      workflowId: row.workflow_id,
      workflowType: row.workflow_type,
      startDate: row.start_date,
      forReunification: row.for_reunification,
    })),
  unique: {
    key: (record) => record.workflowId,
    duplicate: (record, firstLine) => ({
      column: 'workflow_id',
      rule: 'duplicate_workflow_id',
      message: `workflow_id ${describeValue(record.workflowId)} already appears on line ${firstLine}; only the first row is kept`,
    }),
  },
});
