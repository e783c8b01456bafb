import { Outlet } from 'react-router-dom';
import { ConversationList } from './ConversationList.tsx';
import { InboxNav } from './InboxNav.tsx';
import { useInboxFilters } from './filters.ts';

/** Three panes: views and filters, the conversation list, and the open conversation (child route). */
export function InboxLayout() {
  const { filters, update, reset } = useInboxFilters();
  return (
    <div className="inbox">
      <InboxNav filters={filters} update={update} reset={reset} />
      <ConversationList filters={filters} update={update} />
      <section className="inbox-detail">
        <Outlet />
      </section>
    </div>
  );
}
