import type { Issue } from '../../core/issues.js';
import { isObject } from './json-records.js';

// An API response is often one page of a longer list, and says so in its own keys. A page read as the whole
// list leaves out tickets or events without a word: where the response says there is more, the reader says it.

/** What a response says of the records it does not hold. */
export interface PageStatement {
  /** The keys that say so, as written ("end_of_stream: false", "total_count: 120, offset: 0"). */
  statement: string;
  /** Records the page holds. */
  given: number;
  /** Records the whole list holds, where the response says. */
  total?: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const link = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/**
 * Whether a JSON response says it is one page of more, `given` the length of its list. Read from the keys
 * each API pages with (their documentation; the Zendesk and Jira ones also seen in recorded responses):
 * - Zendesk incremental exports: `end_of_stream: false`. Their `next_page` is there on the last page too
 *   (to poll from), so where `end_of_stream` is, it alone decides;
 * - Zendesk cursor pages `meta.has_more: true`; offset pages a `next_page` or `previous_page` link, or a
 *   `count` (of the whole list) beyond the page;
 * - Jira's search: `startAt` past 0, or `startAt` + the issues short of `total`; the newer /search/jql:
 *   `isLast: false` or a `nextPageToken`;
 * - Redmine: `offset` past 0, or `offset` + the issues short of `total_count`.
 * Null where the response says nothing of pages, or that it is the whole list.
 */
export function pageStatement(doc: unknown, given: number): PageStatement | null {
  if (!isObject(doc)) return null;
  const page = (statement: string, total?: number): PageStatement => ({
    statement,
    given,
    ...(total !== undefined ? { total } : {}),
  });
  if (typeof doc['end_of_stream'] === 'boolean') return doc['end_of_stream'] ? null : page('end_of_stream: false');
  const meta = doc['meta'];
  if (isObject(meta) && meta['has_more'] === true) return page('meta.has_more: true');
  if (doc['isLast'] === false) return page('isLast: false');
  if (link(doc['nextPageToken'])) return page('nextPageToken');
  const startAt = num(doc['startAt']);
  const total = num(doc['total']);
  if (startAt !== undefined && total !== undefined && (startAt > 0 || startAt + given < total))
    return page(`startAt: ${startAt}, total: ${total}`, total);
  const totalCount = num(doc['total_count']);
  const offset = num(doc['offset']) ?? 0;
  if (totalCount !== undefined && (offset > 0 || offset + given < totalCount))
    return page(`total_count: ${totalCount}, offset: ${offset}`, totalCount);
  if ('next_page' in doc || 'previous_page' in doc) {
    if (link(doc['next_page'])) return page('next_page', num(doc['count']));
    if (link(doc['previous_page'])) return page('previous_page', num(doc['count']));
    const count = num(doc['count']);
    if (count !== undefined && count > given) return page(`count: ${count}`, count);
  }
  return null;
}

/** A list inside a record that says it is cut (Jira's `fields.comment`: `total` beyond its `comments`), from the count at `path`. */
export function cutShort(stated: readonly unknown[] | undefined, given: number): boolean {
  const total = stated?.length === 1 ? num(stated[0]) : undefined;
  return total !== undefined && total > given;
}

/** The warning for a file that says it is one page of more: what is missing, and how to export the rest. */
export function onePage(file: string, noun: 'ticket' | 'event', page: PageStatement): Issue {
  return {
    code: 'EXPORT_PAGE_PARTIAL',
    file,
    args: {
      noun,
      statement: page.statement,
      records: page.given,
      ...(page.total !== undefined ? { total: page.total } : {}),
    },
    hint:
      'export every page (Zendesk: follow next_page until end_of_stream is true; Jira: startAt up to total, or nextPageToken until isLast; ' +
      'Redmine: offset up to total_count) and pass them all (a pattern such as "export-*.json" reads every file)',
  };
}
