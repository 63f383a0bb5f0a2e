// A failed load: the API's own message and a retry button, in place of the content that could not load.
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

export function QueryError({ error, onRetry }: { error: Error | null; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={error.message}
      action={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
