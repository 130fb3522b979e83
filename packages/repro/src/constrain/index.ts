export {
  SchemaConstraint,
  type SchemaConstraintOptions,
  type SchemaConstraintStats,
} from './schema-constraint.js';
export { type TokenTexts, tokenTexts } from './token-texts.js';
export { recordSchemas } from './record-schemas.js';
export { describeConstraintStats } from './describe-constraint-stats.js';
