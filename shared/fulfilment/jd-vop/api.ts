// VOP's calls this project makes, with their answers checked: a result of the wrong shape is VopMalformed, never
// read as something it is not. Field names follow the public client libraries (docs/jd-vop.md).
import type { VopClient } from './client';
import { VopMalformed, VopRefusal } from './errors';
import { METHODS, POLLED_MESSAGE_TYPES, RESULT_CODES } from './protocol';
import type { VopSettings } from './settings';

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const idOf = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' && /^\d+$/.test(v) ? v : undefined;

function need<T>(method: string, value: T | undefined, what: string): T {
  if (value === undefined) throw new VopMalformed(method, what);
  return value;
}

export interface JdArea {
  province: string;
  city: string;
  county: string;
  town: string;
}

export interface JdOrder {
  jdOrderId: string;
  /** 0 = cancelled, 1 = valid (orderState). */
  valid: boolean;
  /** submitState 1: the reservation was confirmed. */
  confirmed: boolean;
  /** pOrder: the parent's id for a child order of a split, undefined for a parent. */
  parentId?: string;
}

export interface Waybill {
  carrier: string;
  deliveryOrderId: string;
}

export interface VopMessage {
  id: string;
  type: number;
  /** `yyyy-MM-dd HH:mm:ss`, China time. */
  time?: string;
  orderId?: string;
  state?: number;
}

export interface SubmitRequest {
  thirdOrder: string;
  skuId: string;
  quantity: number;
  priceYuan: string;
  name: string;
  mobile: string;
  address: string;
  area: JdArea;
}

const NOT_FOUND = new Set<string>([RESULT_CODES.ORDER_NOT_FOUND, RESULT_CODES.ORDER_ID_NOT_FOUND]);

export interface Submitted {
  jdOrderId: string;
  /** VOP answered 重复提交: the order under this thirdOrder existed already (it may be confirmed or cancelled). */
  existing: boolean;
}

export function vopApi(client: VopClient, settings: VopSettings) {
  /** The call's result, or `true` when VOP refuses with `done`: the code that says it happened already. */
  async function callUnless(method: string, params: Record<string, string>, done: string): Promise<unknown> {
    try {
      return await client.call(method, params);
    } catch (error) {
      if (error instanceof VopRefusal && error.resultCode === done) return true;
      throw error;
    }
  }

  /** The JD order placed under our order number, or undefined when VOP has none. */
  async function jdOrderIdByThirdOrder(thirdOrder: string): Promise<string | undefined> {
    try {
      const result = await client.call(METHODS.byThirdOrder, { thirdOrder });
      return need(METHODS.byThirdOrder, idOf(result), 'result is not an order id');
    } catch (error) {
      // An unknown thirdOrder is a refusal (OYMLCN.JdVop test 7.4); which code is not public: 订单不存在 (3401) or
      // jdOrderId不存在 (3102) are read as "none", any other code is not guessed at.
      if (error instanceof VopRefusal && NOT_FOUND.has(error.resultCode)) return undefined;
      throw error;
    }
  }

  return {
    /** The JD order placed under our order number, or undefined when VOP has none. */
    jdOrderIdByThirdOrder,

    async order(jdOrderId: string): Promise<JdOrder> {
      const r = await client.call(METHODS.order, { jdOrderId });
      if (!isRecord(r)) throw new VopMalformed(METHODS.order, 'result is not an object');
      // A parent order answers with pOrder as an object (its detail); a child carries its parent's id there.
      const parentId = idOf(r.pOrder);
      return {
        jdOrderId: need(
          METHODS.order,
          idOf(r.jdOrderId) ?? (isRecord(r.pOrder) ? idOf(r.pOrder.jdOrderId) : undefined),
          'no jdOrderId',
        ),
        valid: r.orderState !== 0,
        confirmed: r.submitState === 1,
        parentId: parentId && parentId !== '0' ? parentId : undefined,
      };
    },

    async area(address: string): Promise<JdArea> {
      const r = await client.call(METHODS.address, { address });
      if (!isRecord(r)) throw new VopMalformed(METHODS.address, 'result is not an object');
      const level = (name: string) => need(METHODS.address, idOf(r[name]), `no ${name}`);
      return {
        province: level('provinceId'),
        city: level('cityId'),
        county: level('countyId'),
        town: idOf(r.townId) ?? '0',
      };
    },

    /** Places the order with stock reserved (submitState 0) and the price snapshot checked by JD (doOrderPriceMode 1). */
    async submit(req: SubmitRequest): Promise<Submitted> {
      const params: Record<string, string> = {
        thirdOrder: req.thirdOrder,
        sku: JSON.stringify([{ skuId: Number(req.skuId), num: req.quantity, bNeedAnnex: true, bNeedGift: false }]),
        name: req.name,
        province: req.area.province,
        city: req.area.city,
        county: req.area.county,
        town: req.area.town,
        address: req.address,
        mobile: req.mobile,
        email: settings.email,
        invoiceState: settings.invoiceState,
        invoiceType: settings.invoiceType,
        selectedInvoiceTitle: settings.selectedInvoiceTitle,
        invoiceContent: settings.invoiceContent,
        invoicePhone: settings.invoicePhone || req.mobile,
        paymentType: settings.paymentType,
        isUseBalance: settings.paymentType === '4' ? '1' : '0',
        submitState: '0',
        doOrderPriceMode: '1',
        orderPriceSnap: JSON.stringify([{ skuId: Number(req.skuId), price: Number(req.priceYuan) }]),
      };
      if (settings.companyName)
        Object.assign(params, { companyName: settings.companyName, regCompanyName: settings.companyName });
      if (settings.regCode) params.regCode = settings.regCode;
      // Not repeated here: a submit whose answer was lost is retried only after looking the order up.
      let r: unknown;
      try {
        r = await client.call(METHODS.submit, params, { repeatable: false });
      } catch (error) {
        // 重复提交 as a refusal: the existing order, from the answer or (without one) from the lookup.
        if (!(error instanceof VopRefusal) || error.resultCode !== RESULT_CODES.DUPLICATE_SUBMIT) throw error;
        const id = isRecord(error.result) ? idOf(error.result.jdOrderId) : undefined;
        const jdOrderId = id ?? (await jdOrderIdByThirdOrder(req.thirdOrder));
        return { jdOrderId: need(METHODS.submit, jdOrderId, '重复提交 without an order'), existing: true };
      }
      if (!isRecord(r)) throw new VopMalformed(METHODS.submit, 'result is not an object');
      return { jdOrderId: need(METHODS.submit, idOf(r.jdOrderId), 'no jdOrderId'), existing: false };
    },

    /** Confirming an order confirmed before (该订单已确认下单) counts as done: a redelivered attempt repeats it. */
    async confirm(jdOrderId: string): Promise<void> {
      const r = await callUnless(METHODS.confirm, { jdOrderId }, RESULT_CODES.ALREADY_CONFIRMED);
      if (r !== true) throw new VopMalformed(METHODS.confirm, 'result is not true');
    },

    /** Cancelling an order cancelled before (该订单已经被取消) counts as done. */
    async cancel(jdOrderId: string): Promise<void> {
      const r = await callUnless(METHODS.cancel, { jdOrderId }, RESULT_CODES.ALREADY_CANCELLED);
      if (r !== true) throw new VopMalformed(METHODS.cancel, 'result is not true');
    },

    /** The parcel's carrier and waybill number, once JD has one (orderTrack with waybillCode=1). */
    async waybill(jdOrderId: string): Promise<Waybill | undefined> {
      const r = await client.call(METHODS.track, { jdOrderId, waybillCode: '1' });
      if (!isRecord(r)) throw new VopMalformed(METHODS.track, 'result is not an object');
      const codes = r.waybillCode;
      if (codes === undefined || codes === null) return undefined;
      if (!Array.isArray(codes)) throw new VopMalformed(METHODS.track, 'waybillCode is not a list');
      const first = codes.find((c) => isRecord(c) && typeof c.deliveryOrderId === 'string' && c.deliveryOrderId);
      return first
        ? { carrier: String(first.carrier ?? '京东快递'), deliveryOrderId: String(first.deliveryOrderId) }
        : undefined;
    },

    async messages(): Promise<VopMessage[]> {
      const r = await client.call(METHODS.messages, { type: POLLED_MESSAGE_TYPES });
      if (r === null || r === undefined) return [];
      if (!Array.isArray(r)) throw new VopMalformed(METHODS.messages, 'result is not a list');
      return r.map((m) => {
        if (!isRecord(m)) throw new VopMalformed(METHODS.messages, 'a message is not an object');
        const body = isRecord(m.result) ? m.result : {};
        return {
          id: need(METHODS.messages, idOf(m.id), 'a message without id'),
          type: need(METHODS.messages, typeof m.type === 'number' ? m.type : undefined, 'a message without type'),
          time: typeof m.time === 'string' ? m.time : undefined,
          orderId: idOf(body.orderId),
          state: typeof body.state === 'number' ? body.state : undefined,
        };
      });
    },

    async deleteMessage(id: string): Promise<void> {
      await client.call(METHODS.deleteMessage, { id });
    },

    /** The account balance in yuan (getUnionBalance type 1: remainLimit). */
    async balance(): Promise<number> {
      const r = await client.call(METHODS.balance, { pin: settings.pin ?? settings.username, type: '1' });
      const remain = isRecord(r) && isRecord(r.balance) ? r.balance.remainLimit : undefined;
      if (typeof remain !== 'number') throw new VopMalformed(METHODS.balance, 'no balance.remainLimit');
      return remain;
    },
  };
}

export type VopApi = ReturnType<typeof vopApi>;
