import { invalidInput } from '../errors.js';

/** Database ids inside global IDs are positive integers; anything else is a client mistake. */
export function numericId(id: string | number, typename: string): number {
  const value = typeof id === 'number' ? id : Number(id);
  if (!Number.isSafeInteger(value) || value <= 0) throw invalidInput(`"${id}" is not a valid ${typename} id`);
  return value;
}

/** Global ID list arguments arrive decoded (`for:` a node type parses each id); only the ids matter here. */
export function idsOf(globalIds: readonly { id: number }[] | null | undefined): number[] | undefined {
  return globalIds?.map((globalId) => globalId.id);
}

/** Parses the database id inside a global ID; a malformed one is a client error, not a missing node. */
export function nodeId(id: string): number {
  return numericId(id, 'node');
}
