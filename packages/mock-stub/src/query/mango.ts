/**
 * Checks a Mango selector's operators before matching, so an unknown operator fails with CouchDB's reason
 * ("Invalid operator: $foo", `mango_selector.erl` norm_ops) rather than the matcher's own message.
 */
const FIELD_OPERATORS = new Set([
  '$lt',
  '$lte',
  '$eq',
  '$ne',
  '$gte',
  '$gt',
  '$exists',
  '$type',
  '$in',
  '$nin',
  '$size',
  '$mod',
  '$regex',
  '$all',
  '$elemMatch',
  '$allMatch',
  '$keyMapMatch',
  '$not',
]);
const COMBINATION_OPERATORS = new Set(['$and', '$or', '$nor']);

export function validateSelector(selector: unknown, fail: (error: string, reason: string) => Error): void {
  if (Array.isArray(selector)) {
    for (const item of selector) validateSelector(item, fail);
    return;
  }
  if (typeof selector !== 'object' || selector === null) return;
  for (const [name, value] of Object.entries(selector)) {
    if (name.startsWith('$')) {
      if (!FIELD_OPERATORS.has(name) && !COMBINATION_OPERATORS.has(name))
        throw fail('invalid_operator', `Invalid operator: ${name}`);
      if (COMBINATION_OPERATORS.has(name) && !Array.isArray(value)) {
        throw fail('bad_arg', `Bad argument for operator ${name}: ${JSON.stringify(value)}`);
      }
    }
    validateSelector(value, fail);
  }
}
