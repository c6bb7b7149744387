/** Non-null loadable fields need an Error, not null, for a key the batch did not find. */
export function requireAll<T>(typename: string) {
  return (values: (T | null)[]): (T | Error)[] => values.map((value) => value ?? new Error(`${typename} not found`));
}
