import { useMe } from '../../app/session.ts';
import { MergeSuggestions } from './MergeSuggestions.tsx';
import { canDecideMerges } from './mergeSuggestions.ts';
import { useDecideMergeSuggestion, useMergeSuggestions } from './queries.ts';

/** The sidebar's "Possibly the same customer" card over the API (nothing when there is no suggestion). */
export function MergeSuggestionsCard({ contactId }: { contactId: string }) {
  const me = useMe();
  const suggestions = useMergeSuggestions(contactId);
  const decide = useDecideMergeSuggestion(contactId);
  return (
    <MergeSuggestions contactId={contactId} suggestions={suggestions.data ?? []} canDecide={canDecideMerges(me.agent.role)}
      pending={decide.isPending && decide.variables ? decide.variables : null} error={decide.error}
      onDecide={(id, decision) => decide.mutate({ id, decision })} />
  );
}
