import { Outlet, useMatch } from 'react-router-dom';
import { CallbacksPane } from '../calls/CallbacksPane.tsx';
import { ConversationList } from './ConversationList.tsx';
import { InboxNav } from './InboxNav.tsx';
import { useInboxFilters } from './filters.ts';

/** Three panes: views and filters, the conversation list (or the calls to return), and the open conversation (child route). */
export function InboxLayout() {
  const { filters, update, reset } = useInboxFilters();
  const calls = useMatch('/calls/*') !== null;
  return (
    <div className="inbox">
      <InboxNav filters={filters} update={update} reset={reset} calls={calls} />
      {calls ? <CallbacksPane /> : <ConversationList filters={filters} update={update} />}
      <section className="inbox-detail">
        <Outlet />
      </section>
    </div>
  );
}
