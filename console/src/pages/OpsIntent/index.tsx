// One intent for an operator: what to buy and where to send it, the claim (claim, renew, release), and the outcome:
// completed with the platform order id and the unit price paid (refused above the app's tolerance: fail it with
// PRICE_CHANGED instead), failed with a code and a reason, or tracking added later.

import type { OpsIntent as OpsIntentView } from '@shared/console/ops-schemas';
import { priceChangedReason } from '@shared/domain/price-tolerance';
import { FAILURE_CODES } from '@shared/fulfilment/failure-codes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { withFeedback } from '../../components/WithFeedback';
import { ApiError } from '../../services/http';
import { opsKeys } from '../../services/keys';
import { addTracking, claimIntent, completeIntent, failIntent, getOpsIntent, releaseIntent } from '../../services/ops';
import { formatTime, formatYuan } from '../../utils/format';
import { showApiError } from '../../utils/forms';

interface CompleteValues {
  orderId: string;
  paidPrice: number;
  trackingNumber?: string;
  trackingCompany?: string;
}
interface FailValues {
  failureCode: string;
  failureReason: string;
}
interface TrackingValues {
  trackingNumber: string;
  trackingCompany: string;
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

function OpsIntent() {
  const { intentId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: opsKeys.intent(intentId), queryFn: () => getOpsIntent(intentId) });
  const [actionError, setActionError] = useState<string>();
  const [completeForm] = Form.useForm<CompleteValues>();
  const [failForm] = Form.useForm<FailValues>();
  const [trackingForm] = Form.useForm<TrackingValues>();
  const [completeError, setCompleteError] = useState<string>();
  const [failError, setFailError] = useState<string>();
  const [trackingError, setTrackingError] = useState<string>();

  const updated = (view: OpsIntentView) => {
    queryClient.setQueryData(opsKeys.intent(intentId), view);
    void queryClient.invalidateQueries({ queryKey: [...opsKeys.all, 'queue'] });
  };
  const claimAction = useMutation({
    mutationFn: (what: 'claim' | 'release') => (what === 'claim' ? claimIntent(intentId) : releaseIntent(intentId)),
    onSuccess: (view) => {
      setActionError(undefined);
      updated(view);
    },
    onError: (error) => {
      setActionError((error as Error).message);
      void detail.refetch();
    },
  });
  const complete = useMutation({
    mutationFn: (v: CompleteValues) =>
      completeIntent(intentId, {
        orderId: v.orderId.trim(),
        paidPrice: v.paidPrice,
        ...(blank(v.trackingNumber) ? { trackingNumber: blank(v.trackingNumber) } : {}),
        ...(blank(v.trackingCompany) ? { trackingCompany: blank(v.trackingCompany) } : {}),
      }),
    onSuccess: (view) => {
      updated(view);
      void message.success(t('ops.done'));
    },
    onError: (error, values) => {
      setCompleteError(
        showApiError(completeForm, error, ['orderId', 'paidPrice', 'trackingNumber', 'trackingCompany']),
      );
      // Above the tolerance: the way out is failing it with PRICE_CHANGED and the current price, so prepare that.
      if (error instanceof ApiError && error.fieldErrors.some((e) => e.field === 'paidPrice'))
        failForm.setFieldsValue({
          failureCode: 'PRICE_CHANGED',
          failureReason: priceChangedReason(Math.round(values.paidPrice * 100)),
        });
    },
  });
  const fail = useMutation({
    mutationFn: (v: FailValues) => failIntent(intentId, { failureCode: v.failureCode, failureReason: v.failureReason }),
    onSuccess: (view) => {
      updated(view);
      void message.success(t('ops.done'));
    },
    onError: (error) => setFailError(showApiError(failForm, error, ['failureCode', 'failureReason'])),
  });
  const tracking = useMutation({
    mutationFn: (v: TrackingValues) =>
      addTracking(intentId, { trackingNumber: v.trackingNumber.trim(), trackingCompany: v.trackingCompany.trim() }),
    onSuccess: (view) => {
      updated(view);
      void message.success(t('ops.done'));
    },
    onError: (error) => setTrackingError(showApiError(trackingForm, error, ['trackingNumber', 'trackingCompany'])),
  });

  const view = detail.data;
  const intent = view?.intent;
  const processing = intent?.status === 'PROCESSING';
  const mine = Boolean(view?.claim?.mine);
  const taken = Boolean(view?.claim && !view.claim.mine);
  const required = [{ required: true, message: t('ops.required') }];

  return (
    <>
      <PageHeader title={intentId} sub={intent && <Tag>{intent.status}</Tag>} />
      <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      {view && intent && (
        <Flex vertical gap={16}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{intent.title}</h2>}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('ops.app')}>{`${view.appName} (${view.appId})`}</Descriptions.Item>
              <Descriptions.Item label={t('ops.platform')}>{intent.platform}</Descriptions.Item>
              <Descriptions.Item label={t('ops.title')}>
                <a href={intent.productUrl} target="_blank" rel="noopener noreferrer">
                  {t('ops.productLink')}
                </a>
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.price')}>{formatYuan(intent.price)}</Descriptions.Item>
              <Descriptions.Item label={t('ops.quantity')}>{intent.quantity}</Descriptions.Item>
              <Descriptions.Item label={t('ops.tolerance')}>
                {t('ops.percent', { value: view.priceTolerancePercent })}
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.maxPaid')}>{formatYuan(view.maxPaidPrice)}</Descriptions.Item>
              <Descriptions.Item label={t('ops.recipient')}>{intent.recipientName}</Descriptions.Item>
              <Descriptions.Item label={t('ops.phone')}>{intent.phone}</Descriptions.Item>
              <Descriptions.Item label={t('ops.address')}>{intent.address}</Descriptions.Item>
              {intent.orderId && <Descriptions.Item label={t('ops.orderId')}>{intent.orderId}</Descriptions.Item>}
              {view.paidPrice !== undefined && (
                <Descriptions.Item label={t('ops.paidPrice')}>{formatYuan(view.paidPrice)}</Descriptions.Item>
              )}
              {intent.trackingNumber && (
                <Descriptions.Item label={t('ops.trackingNumber')}>
                  {`${intent.trackingCompany ?? ''} ${intent.trackingNumber}`}
                </Descriptions.Item>
              )}
              {intent.failureCode && (
                <Descriptions.Item label={t('ops.failureCode')}>
                  {`${intent.failureCode} · ${intent.failureReason ?? ''}`}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('common.updatedAt')}>{formatTime(intent.updatedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>

          {processing && (
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ops.claim')}</h2>}>
              <Space direction="vertical">
                <span role="status">
                  {!view.claim
                    ? t('ops.claimFirst')
                    : mine
                      ? t('ops.mine', { time: formatTime(view.claim.expiresAt) })
                      : t('ops.claimedBy', { email: view.claim.holderEmail, time: formatTime(view.claim.expiresAt) })}
                </span>
                <Space>
                  <Button
                    type="primary"
                    disabled={taken}
                    loading={claimAction.isPending && claimAction.variables === 'claim'}
                    onClick={() => claimAction.mutate('claim')}
                  >
                    {mine ? t('ops.renew') : t('ops.claim')}
                  </Button>
                  {mine && (
                    <Button
                      loading={claimAction.isPending && claimAction.variables === 'release'}
                      onClick={() => claimAction.mutate('release')}
                    >
                      {t('ops.release')}
                    </Button>
                  )}
                </Space>
                {actionError && <Alert type="error" showIcon title={actionError} />}
              </Space>
            </Card>
          )}

          {processing && mine && (
            <Flex gap={16} wrap>
              <Card
                style={{ flex: '1 1 360px' }}
                title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ops.complete')}</h2>}
              >
                <Form<CompleteValues>
                  form={completeForm}
                  layout="vertical"
                  onFinish={(v) => {
                    setCompleteError(undefined);
                    complete.mutate(v);
                  }}
                >
                  <Form.Item name="orderId" label={t('ops.orderId')} rules={required}>
                    <Input autoComplete="off" />
                  </Form.Item>
                  <Form.Item name="paidPrice" label={t('ops.paidPrice')} rules={required}>
                    <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="trackingCompany" label={t('ops.trackingCompany')}>
                    <Input autoComplete="off" />
                  </Form.Item>
                  <Form.Item name="trackingNumber" label={t('ops.trackingNumber')}>
                    <Input autoComplete="off" />
                  </Form.Item>
                  {completeError && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={completeError} />}
                  <Button type="primary" htmlType="submit" loading={complete.isPending}>
                    {t('ops.complete')}
                  </Button>
                </Form>
              </Card>
              <Card style={{ flex: '1 1 360px' }} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ops.fail')}</h2>}>
                <Form<FailValues>
                  form={failForm}
                  layout="vertical"
                  onFinish={(v) => {
                    setFailError(undefined);
                    fail.mutate(v);
                  }}
                >
                  <Form.Item name="failureCode" label={t('ops.failureCode')} rules={required}>
                    <Select options={FAILURE_CODES.map((c) => ({ value: c, label: c }))} />
                  </Form.Item>
                  <Form.Item name="failureReason" label={t('ops.failureReason')} rules={required}>
                    <Input.TextArea rows={2} maxLength={200} />
                  </Form.Item>
                  {failError && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={failError} />}
                  <Button danger htmlType="submit" loading={fail.isPending}>
                    {t('ops.fail')}
                  </Button>
                </Form>
              </Card>
            </Flex>
          )}

          {!processing && intent.status !== 'COMPLETED' && (
            <Alert type="info" showIcon title={t('ops.notProcessing')} />
          )}

          {intent.status === 'COMPLETED' && (
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ops.addTracking')}</h2>}>
              <Form<TrackingValues>
                form={trackingForm}
                layout="inline"
                style={{ rowGap: 8 }}
                onFinish={(v) => {
                  setTrackingError(undefined);
                  tracking.mutate(v);
                }}
              >
                <Form.Item name="trackingCompany" label={t('ops.trackingCompany')} rules={required}>
                  <Input autoComplete="off" />
                </Form.Item>
                <Form.Item name="trackingNumber" label={t('ops.trackingNumber')} rules={required}>
                  <Input autoComplete="off" />
                </Form.Item>
                <Button htmlType="submit" loading={tracking.isPending}>
                  {t('ops.addTracking')}
                </Button>
              </Form>
              {trackingError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={trackingError} />}
            </Card>
          )}
        </Flex>
      )}
    </>
  );
}

export default withFeedback(OpsIntent);
