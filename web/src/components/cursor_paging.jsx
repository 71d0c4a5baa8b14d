// Cursor paging kept in the URL: "cursors" holds the cursor of every page before this one, so
// "Previous page" pops one and "Next page" pushes the server's next_cursor.
import { Pager } from './pager.jsx';

export function cursorPaging(params, go) {
  const passed = params.cursors ? params.cursors.split(',') : [];
  const page = passed.length + 1;
  return {
    cursor: passed[passed.length - 1] || '',
    page,
    // The pager for a page whose answer said `nextCursor` (null on the last page); `counts`
    // ({ pages, total }) when the answer also says how many there are.
    pager: (label, nextCursor, counts = {}) => (
      <Pager label={label} page={page} pages={counts.pages} total={counts.total} hasPrevious={page > 1} hasNext={!!nextCursor}
        onPage={(p) => go({ cursors: (p > page ? [...passed, nextCursor] : passed.slice(0, -1)).join(',') })} />
    ),
  };
}
