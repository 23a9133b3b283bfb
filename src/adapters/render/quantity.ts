/** A count with its noun, singular for one: "1 ticket", "3 tickets", "2 credit lines" (`many` where "s" is not the plural). */
export function quantity(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
