/**
 * Every page of a marker-paginated describe or list call (ElastiCache's `Marker`, Secrets Manager's `NextToken`).
 * Hand-written rather than the SDK's `paginate*` helpers: those are one per command and client class, while this
 * one works through the budgeted clients the drivers receive.
 */
export async function allPages<T>(page: (marker: string | undefined) => Promise<{ items: T[] | undefined; marker: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const result = await page(marker);
    out.push(...(result.items ?? []));
    marker = result.marker;
  } while (marker);
  return out;
}
