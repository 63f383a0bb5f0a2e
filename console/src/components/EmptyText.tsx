// A table's "nothing here" line in the secondary text colour: Ant Design's default grey fails WCAG AA contrast.
import { theme } from 'antd';

export function EmptyText({ children }: { children: string }) {
  const { token } = theme.useToken();
  return <span style={{ color: token.colorTextSecondary }}>{children}</span>;
}
