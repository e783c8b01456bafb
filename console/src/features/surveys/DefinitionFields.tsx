import { ActionIcon, Alert, Button, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { followUpWhen, surveyLimits, surveyLocales, type FollowUp, type SurveyLocale, type SurveyReward, type SurveyTexts } from '@careloop/contracts';
import { useMe } from '../../app/session.ts';
import { canAddFollowUp, defaultReward, nextFollowUpId, switchVoucherType, withShop } from './definitionForm.ts';
import { num, shown } from './numbers.ts';

type Err = (path: string, below?: boolean) => string | undefined;
const textKeys = ['question', 'invitation', 'thanks'] as const;

/** Question, invitation (with `{link}`) and thank-you, in Vietnamese and English, with `{shop}` shown as customers read it. */
export function TextsFields({ texts, readOnly, err, onChange }: { texts: Record<SurveyLocale, SurveyTexts>; readOnly: boolean; err: Err; onChange: (t: Record<SurveyLocale, SurveyTexts>) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div>
      <Text size="sm" fw={500}>{t('surveys.texts.title')}</Text>
      <Text size="xs" c="dimmed" mb={4}>{t('surveys.texts.help')}</Text>
      <Tabs defaultValue="vi" keepMounted={false}>
        <Tabs.List>
          {surveyLocales.map((l) => (
            <Tabs.Tab key={l} value={l} color={err(`texts.${l}`, true) ? 'red' : undefined} data-testid={`survey-texts-tab-${l}`}>{t(`surveys.texts.${l}`)}</Tabs.Tab>
          ))}
        </Tabs.List>
        {surveyLocales.map((l) => (
          <Tabs.Panel key={l} value={l} pt="xs">
            <Stack gap="xs">
              {textKeys.map((key) => (
                <div key={key}>
                  <Textarea label={t(`surveys.texts.${key}`)} description={t(`surveys.texts.${key}Help`)} value={texts[l][key]} autosize minRows={1} maxRows={4}
                    maxLength={surveyLimits.textChars} readOnly={readOnly} error={err(`texts.${l}.${key}`)} data-testid={`survey-text-${l}-${key}`}
                    onChange={(e) => onChange({ ...texts, [l]: { ...texts[l], [key]: e.currentTarget.value } })} />
                  {texts[l][key].includes('{shop}') && (
                    <Text size="xs" c="dimmed" mt={2} data-testid={`survey-text-preview-${l}-${key}`}>{t('surveys.texts.preview', { text: withShop(texts[l][key], me.workspace.name) })}</Text>
                  )}
                </div>
              ))}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </div>
  );
}

/** Up to three free-text questions, each shown after a score of some sentiment ("What could we do better?" after a bad one). */
export function FollowUpsEditor({ list, readOnly, err, onChange }: { list: FollowUp[]; readOnly: boolean; err: Err; onChange: (l: FollowUp[]) => void }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<FollowUp>) => onChange(list.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div data-testid="survey-followups">
      <Group justify="space-between">
        <div>
          <Text size="sm" fw={500}>{t('surveys.followUps.title')}</Text>
          <Text size="xs" c="dimmed">{t('surveys.followUps.help', { count: surveyLimits.followUps })}</Text>
        </div>
        {!readOnly && canAddFollowUp(list) && (
          <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} aria-hidden />} data-testid="survey-followup-add"
            onClick={() => onChange([...list, { id: nextFollowUpId(list), when: 'any', vi: '', en: '' }])}>{t('surveys.followUps.add')}</Button>
        )}
      </Group>
      {err('followUps') && <Alert color="red" p="xs" mt={4} role="alert">{err('followUps')}</Alert>}
      {list.length === 0 && <Text size="xs" c="dimmed" mt={4}>{t('surveys.followUps.none')}</Text>}
      <Stack gap="xs" mt="xs">
        {list.map((f, i) => (
          <Paper key={i} withBorder p="xs" data-testid="survey-followup">
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Select size="xs" w={190} label={t('surveys.followUps.when')} value={f.when} allowDeselect={false} disabled={readOnly}
                data={followUpWhen.map((w) => ({ value: w, label: t(`surveys.followUps.whens.${w}`) }))} data-testid="survey-followup-when"
                onChange={(w) => w && update(i, { when: w as FollowUp['when'] })} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1 }}>
                {surveyLocales.map((l) => (
                  <TextInput key={l} size="xs" label={t(`surveys.texts.${l}`)} value={f[l]} maxLength={surveyLimits.textChars} readOnly={readOnly}
                    error={err(`followUps.${i}.${l}`)} onChange={(e) => update(i, { [l]: e.currentTarget.value })} data-testid={`survey-followup-${l}`} />
                ))}
              </SimpleGrid>
              {!readOnly && (
                <ActionIcon variant="subtle" color="red" mt={22} aria-label={t('surveys.followUps.remove')} data-testid="survey-followup-remove"
                  onClick={() => onChange(list.filter((_, j) => j !== i))}><IconTrash size={14} /></ActionIcon>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </div>
  );
}

/** The optional thank-you voucher for completing the survey (granted once per answer, through compensation). */
export function RewardFields({ reward, readOnly, err, onChange }: { reward: SurveyReward | null; readOnly: boolean; err: Err; onChange: (r: SurveyReward | null) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<SurveyReward>) => reward && onChange({ ...reward, ...patch });
  const money = { thousandSeparator: '.', decimalSeparator: ',', suffix: ' ₫', allowDecimal: false, allowNegative: false } as const;
  return (
    <div data-testid="survey-reward">
      <Switch checked={reward !== null} disabled={readOnly} label={t('surveys.reward.enabled')} description={t('surveys.reward.help')}
        onChange={(e) => onChange(e.currentTarget.checked ? { ...defaultReward } : null)} data-testid="survey-reward-enabled" />
      {reward && (
        <Stack gap="xs" mt="xs">
          <SegmentedControl size="xs" value={reward.voucherType} disabled={readOnly} data-testid="survey-reward-type" aria-label={t('surveys.reward.type')}
            onChange={(v) => onChange(switchVoucherType(reward, v as SurveyReward['voucherType']))}
            data={[{ value: 'fixed', label: t('surveys.reward.fixed') }, { value: 'percent', label: t('surveys.reward.percent') }]} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {reward.voucherType === 'fixed'
              ? <NumberInput label={t('surveys.reward.amount')} value={shown(reward.value)} min={1} {...money} readOnly={readOnly}
                  error={err('reward.value')} onChange={(v) => set({ value: num(v) })} data-testid="survey-reward-value" />
              : <NumberInput label={t('surveys.reward.percentValue')} value={shown(reward.value)} min={1} max={100} suffix=" %" allowDecimal={false} allowNegative={false}
                  readOnly={readOnly} error={err('reward.value')} onChange={(v) => set({ value: num(v) })} data-testid="survey-reward-value" />}
            {reward.voucherType === 'percent' && (
              <NumberInput label={t('surveys.reward.maxDiscount')} description={t('surveys.reward.maxDiscountHelp')} value={shown(reward.maxDiscount)} min={1} {...money}
                readOnly={readOnly} error={err('reward.maxDiscount')} onChange={(v) => set({ maxDiscount: num(v) })} data-testid="survey-reward-max" />
            )}
            <NumberInput label={t('surveys.reward.minOrder')} description={t('surveys.reward.minOrderHelp')} value={shown(reward.minOrder)} min={0} {...money}
              readOnly={readOnly} error={err('reward.minOrder')} onChange={(v) => set({ minOrder: num(v) })} data-testid="survey-reward-min-order" />
            <NumberInput label={t('surveys.reward.expiresInDays')} value={shown(reward.expiresInDays)} min={1} max={365} allowDecimal={false} allowNegative={false}
              readOnly={readOnly} error={err('reward.expiresInDays')} onChange={(v) => set({ expiresInDays: num(v) })} data-testid="survey-reward-expiry" />
          </SimpleGrid>
        </Stack>
      )}
    </div>
  );
}
