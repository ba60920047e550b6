/** Called in the `default` branch of an exhaustive switch: a compile error if a case is missing. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
