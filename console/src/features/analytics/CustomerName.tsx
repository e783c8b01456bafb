import { Anchor } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** The customer's name linking to their contact page (`/contacts/:id`). */
export function CustomerName({ contactId, name }: { contactId: string; name: string | null }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={`/contacts/${contactId}`} size="sm" data-testid="customer-link">
      {name?.trim() || t('analytics.customers.unnamed')}
    </Anchor>
  );
}
