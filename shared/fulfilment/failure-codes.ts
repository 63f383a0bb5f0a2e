// The `failureCode` values an intent can end with, and the Chinese `failureReason` a partner can show. The first
// three are the published documents' (API reference: Lifecycle); the rest tell apart refusals a real platform reports
// (JD VOP, docs/jd-vop.md) that a partner handles differently: fix the address, pick another product, re-order.
export const FAILURE_REASONS = {
  PRODUCT_UNAVAILABLE: '商品已下架',
  OUT_OF_STOCK: '库存不足',
  PRICE_CHANGED: '商品价格变动',
  AREA_NOT_DELIVERABLE: '收货地址不在配送范围内',
  ADDRESS_UNRESOLVED: '收货地址无法识别,请填写省市区及详细地址',
  PRODUCT_NOT_PURCHASABLE: '该商品不在可采购范围内',
  DELIVERY_REFUSED: '收货人拒收',
  ORDER_CANCELLED_BY_PLATFORM: '平台已取消订单',
} as const;

export type FailureCode = keyof typeof FAILURE_REASONS;
export const FAILURE_CODES = Object.keys(FAILURE_REASONS) as FailureCode[];

export function failureOf(code: FailureCode) {
  return { failureCode: code, failureReason: FAILURE_REASONS[code] };
}
