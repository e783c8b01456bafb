/** Shared look of the analytics charts: Mantine palette colours (CSS variables) and small axis text. */
export const chartHeight = 260;
export const axisTick = { fontSize: 11, fill: 'var(--mantine-color-gray-7)' };
export const gridStroke = 'var(--mantine-color-gray-2)';
export const colors = {
  primary: 'var(--mantine-color-indigo-6)',
  secondary: 'var(--mantine-color-teal-6)',
  tertiary: 'var(--mantine-color-orange-6)',
  muted: 'var(--mantine-color-gray-5)',
  newRevenue: 'var(--mantine-color-cyan-5)',
  returningRevenue: 'var(--mantine-color-indigo-6)',
};
