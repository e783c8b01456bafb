import { Avatar, Indicator, Tooltip, type MantineSize } from '@mantine/core';
import type { AgentDto } from '@careloop/contracts';
import { initials } from '../lib/format.ts';

const availabilityColor = { online: 'green', busy: 'orange', offline: 'gray' } as const;

/** An agent's avatar (or initials) with an availability dot; the name is the accessible label. */
export function AgentAvatar({ agent, size = 'sm', withStatus = false }: { agent: Pick<AgentDto, 'name' | 'avatarUrl' | 'availability'>; size?: MantineSize | number; withStatus?: boolean }) {
  const avatar = (
    <Avatar src={agent.avatarUrl} alt={agent.name} size={size} radius="xl" color="indigo">
      {initials(agent.name)}
    </Avatar>
  );
  return (
    <Tooltip label={agent.name} openDelay={400}>
      {withStatus ? (
        <Indicator color={availabilityColor[agent.availability]} size={9} offset={4} position="bottom-end" withBorder>
          {avatar}
        </Indicator>
      ) : (
        avatar
      )}
    </Tooltip>
  );
}
