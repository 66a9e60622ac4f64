/** A SQL Server setting is missing or malformed: one line naming the setting, never a secret. */
export class SqlServerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlServerConfigError';
  }
}
