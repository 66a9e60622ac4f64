export { createSqliteWarehouse, SqliteWarehouse } from './sqlite-warehouse';
