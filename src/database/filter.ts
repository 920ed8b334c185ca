/**
 * Builds `WHERE … ORDER BY … LIMIT … OFFSET …` from optional conditions, numbering the parameters.
 * Each condition is SQL with one `?` for its value; conditions whose value is undefined are left out.
 */
export function filtered(conditions: [string, unknown][], page: { limit: number; offset: number }, orderBy: string): { tail: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  for (const [clause, value] of conditions) {
    if (value === undefined || value === '') continue;
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  }
  params.push(page.limit, page.offset);
  const tail = `${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy} LIMIT $${params.length - 1} OFFSET $${params.length}`;
  return { tail, params };
}
