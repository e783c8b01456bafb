import { Alert, Code, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ShopPlatformName } from '@careloop/contracts';
import { setupStepCount, webhookTopics } from './setupSteps.ts';

/** What to click in the shop's admin: where webhooks live, which topics, where the secret goes. */
export function SetupSteps({ platform }: { platform: ShopPlatformName }) {
  const { t } = useTranslation();
  const steps = Array.from({ length: setupStepCount[platform] }, (_, i) => t(`shop.setup.${platform}.step${i + 1}`));
  return (
    <div data-testid="connection-setup">
      <Text size="sm" fw={600} mb={4}>{t('shop.setup.title', { platform: t(`shop.platforms.${platform}`) })}</Text>
      <List type="ordered" size="sm" spacing={4}>
        {steps.map((step) => <List.Item key={step}>{step}</List.Item>)}
      </List>
      <Text size="xs" c="dimmed" mt="xs" mb={4}>{t('shop.setup.topics')}</Text>
      <Group gap={6} data-testid="connection-topics">
        {webhookTopics[platform].map((topic) => <Code key={topic}>{topic}</Code>)}
      </Group>
      {platform === 'woocommerce' && (
        <Alert color="yellow" mt="sm" p="xs" data-testid="woo-disable-hint">
          <Text size="xs">{t('shop.setup.wooDisabled')}</Text>
        </Alert>
      )}
    </div>
  );
}
