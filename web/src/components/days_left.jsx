// Days until a deadline or an expiry as people say it: "12 days", "due today", "3 days late".
export function DaysLeft({ days, late = 'late' }) {
  if (days < 0) return <strong class="late">{-days} {-days === 1 ? 'day' : 'days'} {late}</strong>;
  if (days === 0) return <strong>due today</strong>;
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
