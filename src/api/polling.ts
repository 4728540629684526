// The one polling policy: poll fast while something is transitional, slowly while the page is visible
// otherwise never. Every query that polls uses it with its resource's list of transitional states.
export const fastPollMs = 2_000;

export function pollWhile<T>(
  isTransitional: (data: T) => boolean,
): (query: { state: { data: T | undefined; error: unknown } }) => number | false {
  return (query) => {
    const { data, error } = query.state;
    if (error || data === undefined) return false;
    return isTransitional(data) ? fastPollMs : false;
  };
}

export function inStates(states: readonly string[], value: string | null | undefined): boolean {
  return typeof value === 'string' && states.includes(value);
}
