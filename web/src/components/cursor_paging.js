// Cursor paging kept in the URL: "cursors" holds the cursor of every page before this one, so
// "Previous page" pops one and "Next page" pushes the server's next_cursor.
export function cursorPaging(params, go) {
  const passed = params.cursors ? params.cursors.split(',') : [];
  return {
    cursor: passed[passed.length - 1] || '',
    page: passed.length + 1,
    next: (nextCursor) => go({ cursors: [...passed, nextCursor].join(',') }),
    previous: () => go({ cursors: passed.slice(0, -1).join(',') }),
  };
}
