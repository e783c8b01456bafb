import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Modal, NumberInput, SimpleGrid, Stack, TagsInput, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agentRoutingInput, channelTypes, type AgentDto, type AgentRouting } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

/** Limits are typed as numbers; an empty field means "no limit" (null overall, no entry per channel). */
export interface RoutingForm { maxOpen: number | ''; channelLimits: Partial<Record<string, number | ''>>; skills: string[]; languages: string[] }

export function routingFormOf(r: AgentRouting): RoutingForm {
  return { maxOpen: r.maxOpen ?? '', channelLimits: { ...r.channelLimits }, skills: [...r.skills], languages: [...r.languages] };
}

/** The PATCH body's `routing`, or null when the contract refuses it. Skills are lower-cased and deduplicated. */
export function routingOfForm(f: RoutingForm): AgentRouting | null {
  const channelLimits = Object.fromEntries(Object.entries(f.channelLimits).filter((e): e is [string, number] => typeof e[1] === 'number'));
  const body = {
    maxOpen: f.maxOpen === '' ? null : f.maxOpen, channelLimits,
    skills: [...new Set(f.skills.map((s) => s.trim().toLowerCase()).filter(Boolean))], languages: f.languages,
  };
  const parsed = agentRoutingInput.safeParse(body);
  return parsed.success ? parsed.data : null;
}

const num = (v: number | string): number | '' => (typeof v === 'number' && Number.isFinite(v) ? v : '');

/** How many conversations reach an agent, on which channels, and which customers they suit (skills, languages). */
export function AgentRoutingModal({ agent, onClose }: { agent: AgentDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={agent !== null} onClose={onClose} title={agent ? t('routing.agent.title', { name: agent.name }) : ''} size="lg">
      {agent && <AgentRoutingForm key={agent.id} agent={agent} onDone={onClose} />}
    </Modal>
  );
}

export function AgentRoutingForm({ agent, onDone }: { agent: AgentDto; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState(() => routingFormOf(agent.routing));
  const set = (patch: Partial<RoutingForm>) => setForm((f) => ({ ...f, ...patch }));
  const routing = routingOfForm(form);
  const save = useMutation({
    meta: { handlesError: true },
    mutationFn: (body: AgentRouting) => api.patch<AgentDto>(`/agents/${agent.id}`, { routing: body }),
    onSuccess: (saved) => {
      qc.setQueryData<AgentDto[]>(keys.agents, (list) => list?.map((a) => (a.id === saved.id ? saved : a)));
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (routing) save.mutate(routing);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="agent-routing-form">
      <Stack gap="sm">
        {save.error && <ErrorAlert error={save.error} />}
        <NumberInput label={t('routing.agent.maxOpen')} description={t('routing.agent.maxOpenHelp')} placeholder={t('routing.agent.noLimit')} w={260}
          min={1} max={500} allowDecimal={false} allowNegative={false} value={form.maxOpen} onChange={(v) => set({ maxOpen: num(v) })} data-testid="agent-max-open" />
        <div>
          <Text size="sm" fw={500}>{t('routing.agent.channelLimits')}</Text>
          <Text size="xs" c="dimmed" mb={4}>{t('routing.agent.channelLimitsHelp')}</Text>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
            {channelTypes.map((c) => (
              <NumberInput key={c} size="xs" label={t(`channels.${c}`)} placeholder={t('routing.agent.noLimit')} min={0} max={500} allowDecimal={false} allowNegative={false}
                value={form.channelLimits[c] ?? ''} onChange={(v) => set({ channelLimits: { ...form.channelLimits, [c]: num(v) } })} data-testid={`agent-limit-${c}`} />
            ))}
          </SimpleGrid>
        </div>
        <TagsInput label={t('routing.agent.skills')} description={t('routing.agent.skillsHelp')} value={form.skills} maxTags={30} splitChars={[',']}
          onChange={(skills) => set({ skills })} clearable data-testid="agent-skills" />
        <Checkbox.Group label={t('routing.agent.languages')} value={form.languages} onChange={(languages) => set({ languages })} data-testid="agent-languages">
          <Group gap="md" mt={4}>
            {(['vi', 'en'] as const).map((l) => <Checkbox key={l} value={l} label={t(`languages.${l}`)} data-testid={`agent-language-${l}`} />)}
          </Group>
        </Checkbox.Group>
        {!routing && <Text size="xs" c="red" role="alert">{t('routing.agent.invalid')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="submit" loading={save.isPending} disabled={!routing} data-testid="agent-routing-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
