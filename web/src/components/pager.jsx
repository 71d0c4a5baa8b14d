// Previous/next paging for server-side pages: either offset paging (page numbers, a total) or
// cursor paging (a next cursor and the cursors already passed).
export function Pager({ label, page, pages, total, onPage, hasNext, hasPrevious }) {
  const canBack = hasPrevious ?? page > 1;
  const canOn = hasNext ?? page < pages;
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={!canBack} onClick={() => onPage(page - 1)}>Previous page</button>
      <span aria-live="polite">Page {page}{pages ? ` of ${pages}` : ''}{total !== undefined ? ` (${total.toLocaleString('en-US')} in all)` : ''}</span>
      <button type="button" disabled={!canOn} onClick={() => onPage(page + 1)}>Next page</button>
    </nav>
  );
}
