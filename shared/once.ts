// Remembers the first call's value: for what a function instance builds or reads once, on first use rather than
// at import (a process sets its environment before it calls anything, not before it imports).
export function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: make() };
    return value.v;
  };
}
