// The PPOC rules (docs/rules.md): pure TypeScript, no Node or DOM APIs, so the
// data-prep service and the Power BI visual run exactly the same code.
export * from './calendar-date';
export * from './status';
export * from './windows';
export * from './sentence';
export * from './ssda903-codes';
export * from './yes-no';
