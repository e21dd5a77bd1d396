// Freezing for values shared between elements, so that one element's consumer cannot change another's.

/** Freezes an object and every array and object it holds (font families, sides, borders, lengths). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
