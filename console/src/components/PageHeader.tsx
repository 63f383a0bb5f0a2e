// A page's title row: the h1 every page has (screen readers navigate by it) and the page's main actions. Plain
// elements with the theme's tokens: Typography would pull its editable/copyable machinery into the first screen.
import { Flex, theme } from 'antd';
import type { ReactNode } from 'react';

export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <div>
        <h1 style={{ fontSize: 22, fontWeight: 600, margin: 0, color: token.colorTextHeading }}>{title}</h1>
        {sub && <div style={{ color: token.colorTextSecondary }}>{sub}</div>}
      </div>
      {extra}
    </Flex>
  );
}
