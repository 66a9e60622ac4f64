// Values of a date field that are not dates, counted while the rows are read: a number (a date
// hierarchy's Year bound instead of the date) or a text the visual cannot read. A blank, or a
// value Power BI never sends for a field (an object), is not a problem.
import { ROLE_TITLES } from '../roles';
import type { DateProblem, DateProblems, DateRole } from './view-model';

export class DateProblemTracker {
  readonly problems: DateProblems = {};

  constructor(private readonly fieldOf: (role: DateRole) => string) {}

  /** Called for a value that did not read as a date. */
  check(role: DateRole, value: unknown): void {
    const number = typeof value === 'number' && Number.isFinite(value);
    if (!number && (typeof value !== 'string' || value.trim() === '')) return;
    let problem = this.problems[role];
    if (!problem) this.problems[role] = problem = { role: ROLE_TITLES[role], field: this.fieldOf(role), numbers: 0, texts: 0, longest: '' };
    if (number) problem.numbers += 1;
    else problem.texts += 1;
    const text = String(value);
    if (text.length > problem.longest.length) problem.longest = text;
  }

  get any(): boolean {
    return Object.keys(this.problems).length > 0;
  }
}

/** How a warning names the field: its well, and the field in it when its name differs ("Predicted Start Date (Year)"). */
export function problemName(problem: DateProblem): string {
  return problem.field === problem.role ? problem.role : `${problem.role} (${problem.field})`;
}
