// The simulator's account: tokens, a catalog decided by the SKU's last digits (like the sandbox), orders with stock
// reservations and price snapshots, the message queue and the balance. Pure state; server.ts puts HTTP around it.
import { randomBytes } from 'node:crypto';
import { accessTokenSign, MESSAGE_TYPES, RESULT_CODES } from '../../shared/fulfilment/jd-vop/protocol';

export interface SimCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  /** md5 of the password, as the token call sends it. */
  passwordMd5: string;
}

export interface SimOrder {
  jdOrderId: number;
  thirdOrder: string;
  skuId: number;
  num: number;
  priceFen: number;
  confirmed: boolean;
  valid: boolean;
  state: 'new' | 'shipped' | 'delivered' | 'refused';
  waybill?: { carrier: string; deliveryOrderId: string };
  track: { content: string; msgTime: string; operator: string }[];
}

export interface SimMessage {
  id: number;
  type: number;
  time: string;
  result: Record<string, unknown>;
}

export class Refusal extends Error {
  constructor(
    readonly resultCode: string,
    message: string,
    /** Sent along as `result` (VOP's 重复提交 carries the existing order). */
    readonly result?: unknown,
  ) {
    super(message);
  }
}

/** Province-level names VOP's address lookup recognises at the start of an address (ids are the simulator's). */
const PROVINCES =
  '北京 上海 天津 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门'.split(
    ' ',
  );

const STOCK_PER_SKU = 100;

export class SimAccount {
  readonly orders = new Map<number, SimOrder>();
  readonly byThirdOrder = new Map<string, number>();
  messages: SimMessage[] = [];
  /** Catalog prices set by tests; a SKU without one accepts the first snapshot it sees. */
  readonly prices = new Map<number, number>();
  readonly stock = new Map<number, number>();
  balanceFen: number;
  private tokens = new Map<string, number>();
  private refreshTokens = new Map<string, number>();
  private nextOrder = 240_000_000_001;
  private nextMessage = 1;

  constructor(
    readonly credentials: SimCredentials,
    readonly options: { tokenTtlSec: number; now: () => number; balanceFen: number },
  ) {
    this.balanceFen = options.balanceFen;
  }

  private at = () => new Date(this.options.now() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

  issueToken(params: Record<string, string>) {
    const c = this.credentials;
    const expected = accessTokenSign({
      clientSecret: c.clientSecret,
      timestamp: params.timestamp ?? '',
      clientId: c.clientId,
      username: c.username,
      passwordMd5: c.passwordMd5,
    });
    if (
      params.grant_type !== 'access_token' ||
      params.client_id !== c.clientId ||
      params.username !== c.username ||
      params.password !== c.passwordMd5 ||
      params.sign !== expected
    )
      throw new Refusal('1001', '签名或账号信息错误');
    return this.newToken();
  }

  refresh(params: Record<string, string>) {
    const until = this.refreshTokens.get(params.refresh_token ?? '');
    if (params.client_id !== this.credentials.clientId || params.client_secret !== this.credentials.clientSecret)
      throw new Refusal('1001', '账号信息错误');
    if (!until || until < this.options.now()) throw new Refusal('2008', 'refresh_token已过期');
    this.refreshTokens.delete(params.refresh_token!);
    return this.newToken();
  }

  private newToken() {
    const now = this.options.now();
    const access = randomBytes(16).toString('hex');
    const refresh = randomBytes(16).toString('hex');
    this.tokens.set(access, now + this.options.tokenTtlSec * 1000);
    this.refreshTokens.set(refresh, now + 30 * 86400_000);
    return {
      uid: this.credentials.username,
      access_token: access,
      refresh_token: refresh,
      time: now,
      expires_in: this.options.tokenTtlSec,
      refresh_token_expires: now + 30 * 86400_000,
    };
  }

  tokenValid(token: string | undefined): boolean {
    const until = token ? this.tokens.get(token) : undefined;
    return until !== undefined && until > this.options.now();
  }

  expireTokens() {
    this.tokens.clear();
  }

  area(address: string) {
    const index = PROVINCES.findIndex((p) => address.startsWith(p));
    if (index < 0) throw new Refusal(RESULT_CODES.ADDRESS_NOT_FOUND, '没查询到对应地址');
    const seed = [...address].reduce((sum, ch) => (sum * 31 + ch.codePointAt(0)!) % 100_000, 7);
    return {
      nationId: '4744',
      nation: '中国',
      provinceId: index + 1,
      province: PROVINCES[index],
      cityId: 1000 + (seed % 900),
      countyId: 10_000 + (seed % 9000),
      townId: seed % 3 === 0 ? 0 : 50_000 + (seed % 9999),
    };
  }

  submit(params: Record<string, string>) {
    const third = params.thirdOrder ?? '';
    if (!third) throw new Refusal(RESULT_CODES.PARAM_EMPTY, 'thirdOrder不能为空');
    if (third.length > 100) throw new Refusal(RESULT_CODES.PARAM_VALUE, 'thirdOrder须在100字符以内');
    const placed = this.byThirdOrder.get(third);
    // 重复提交: a valid order exists under this thirdOrder; its id goes along (as VOP's 错误码 table describes).
    if (placed !== undefined && this.orders.get(placed)?.valid)
      throw new Refusal(RESULT_CODES.DUPLICATE_SUBMIT, '重复提交', { jdOrderId: placed });
    let skus: { skuId: number; num: number }[];
    let snaps: { skuId: number; price: number }[];
    try {
      skus = JSON.parse(params.sku ?? '');
      snaps = params.doOrderPriceMode === '1' ? JSON.parse(params.orderPriceSnap ?? '') : [];
    } catch {
      throw new Refusal(RESULT_CODES.PARAM_FORMAT, 'sku或orderPriceSnap格式错误');
    }
    const sku = skus[0];
    if (!sku || skus.length !== 1 || !Number.isInteger(sku.num) || sku.num < 1)
      throw new Refusal(RESULT_CODES.PARAM_VALUE, 'sku参数错误');
    for (const field of ['name', 'province', 'city', 'county', 'address', 'mobile', 'paymentType', 'submitState'])
      if (!params[field]) throw new Refusal(RESULT_CODES.PARAM_EMPTY, `${field}不能为空`);
    const tail = String(sku.skuId).slice(-3);
    if (tail === '404') throw new Refusal(RESULT_CODES.OFF_SHELF, `商品${sku.skuId}已下架`);
    if (tail === '406') throw new Refusal(RESULT_CODES.PRODUCT_NOT_FOUND, '商品没查询到');
    if (tail === '405') throw new Refusal(RESULT_CODES.PRODUCT_RESTRICTED, '商品类型受限制');
    if (tail === '403') throw new Refusal(RESULT_CODES.AREA_RESTRICTED, '区域限制校验没通过');
    const snap = snaps.find((s) => s.skuId === sku.skuId);
    if (params.doOrderPriceMode === '1' && !snap)
      throw new Refusal(RESULT_CODES.PARAM_EMPTY, 'doOrderPriceMode为1时orderPriceSnap必传');
    const snapFen = Math.round((snap?.price ?? 0) * 100);
    if (tail === '402' && !this.prices.has(sku.skuId)) this.prices.set(sku.skuId, snapFen + 100);
    const priceFen = this.prices.get(sku.skuId) ?? snapFen;
    if (snap && priceFen !== snapFen) throw new Refusal(RESULT_CODES.PRICE_MISMATCH, `商品${sku.skuId}价格已变化`);
    const left = tail === '409' ? 0 : (this.stock.get(sku.skuId) ?? STOCK_PER_SKU);
    if (left < sku.num) throw new Refusal(RESULT_CODES.OUT_OF_STOCK, '库存不足');
    if (params.paymentType === '4' && this.balanceFen < priceFen * sku.num)
      throw new Refusal(RESULT_CODES.BALANCE_INSUFFICIENT, '余额不足');
    this.stock.set(sku.skuId, left - sku.num);
    const order: SimOrder = {
      jdOrderId: this.nextOrder++,
      thirdOrder: third,
      skuId: sku.skuId,
      num: sku.num,
      priceFen,
      confirmed: params.submitState === '1',
      valid: true,
      state: 'new',
      track: [{ content: '您提交了订单,请等待系统确认', msgTime: this.at(), operator: '客户' }],
    };
    this.orders.set(order.jdOrderId, order);
    this.byThirdOrder.set(third, order.jdOrderId);
    return {
      jdOrderId: order.jdOrderId,
      freight: 0,
      orderPrice: (priceFen * sku.num) / 100,
      orderNakedPrice: (priceFen * sku.num) / 100,
      sku: [{ skuId: sku.skuId, num: sku.num, price: priceFen / 100, name: `SKU ${sku.skuId}`, type: 0, oid: 0 }],
    };
  }

  order(id: string | undefined): SimOrder {
    const order = this.orders.get(Number(id));
    if (!order) throw new Refusal(RESULT_CODES.ORDER_NOT_FOUND, '订单不存在');
    return order;
  }

  confirm(id: string | undefined) {
    const order = this.order(id);
    if (!order.valid) throw new Refusal(RESULT_CODES.CONFIRM_FAILED, '确认订单操作失败');
    if (order.confirmed) throw new Refusal(RESULT_CODES.ALREADY_CONFIRMED, '该订单已确认下单');
    order.confirmed = true;
    this.balanceFen -= order.priceFen * order.num;
    order.track.push({ content: '订单已确认,余额支付成功', msgTime: this.at(), operator: '系统' });
    return true;
  }

  byThird(third: string | undefined) {
    const id = this.byThirdOrder.get(third ?? '');
    if (id === undefined) throw new Refusal(RESULT_CODES.ORDER_NOT_FOUND, '订单不存在');
    return String(id);
  }

  detail(id: string | undefined) {
    const o = this.order(id);
    return {
      pOrder: 0,
      orderState: o.valid ? 1 : 0,
      jdOrderId: o.jdOrderId,
      state: o.state === 'delivered' ? 1 : o.state === 'refused' ? 2 : 0,
      submitState: o.confirmed ? 1 : 0,
      type: 2,
      orderPrice: (o.priceFen * o.num) / 100,
      sku: [{ skuId: o.skuId, num: o.num, price: o.priceFen / 100 }],
    };
  }

  trackOf(id: string | undefined, waybillCode: string | undefined) {
    const o = this.order(id);
    return {
      jdOrderId: o.jdOrderId,
      orderTrack: o.track,
      ...(waybillCode === '1' && o.waybill
        ? {
            waybillCode: [
              {
                orderId: o.jdOrderId,
                parentId: 0,
                carrier: o.waybill.carrier,
                deliveryOrderId: o.waybill.deliveryOrderId,
              },
            ],
          }
        : {}),
    };
  }

  cancel(id: string | undefined) {
    const o = this.order(id);
    if (!o.valid) throw new Refusal(RESULT_CODES.ALREADY_CANCELLED, '该订单已经被取消');
    // Assumed: an order not yet shipped is cancelled even once confirmed. The references name this call 取消未确认订单
    // and list 3208 不能取消已确认订单, so a real account may refuse that too (docs/jd-vop.md, "Cancel").
    if (o.state !== 'new') throw new Refusal(RESULT_CODES.CANCEL_REFUSED_PRODUCED, '不能取消已经生产订单');
    o.valid = false;
    this.stock.set(o.skuId, (this.stock.get(o.skuId) ?? STOCK_PER_SKU) + o.num);
    if (o.confirmed) this.balanceFen += o.priceFen * o.num;
    this.push(MESSAGE_TYPES.ORDER_CANCELLED, { orderId: o.jdOrderId });
    return true;
  }

  ship(id: number) {
    const o = this.order(String(id));
    if (!o.valid || o.state !== 'new' || !o.confirmed) return false;
    o.state = 'shipped';
    o.waybill = { carrier: '京东快递', deliveryOrderId: `JDV${String(o.jdOrderId).slice(-10)}` };
    o.track.push({ content: '您的订单已出库,由京东快递配送', msgTime: this.at(), operator: '京东快递' });
    this.push(MESSAGE_TYPES.SHIPPED, { orderId: o.jdOrderId });
    return true;
  }

  deliver(id: number, refused = false) {
    const o = this.order(String(id));
    if (o.state !== 'shipped') return false;
    o.state = refused ? 'refused' : 'delivered';
    o.track.push({ content: refused ? '客户拒收' : '您的订单已妥投', msgTime: this.at(), operator: '京东快递' });
    this.push(MESSAGE_TYPES.DELIVERY, { orderId: o.jdOrderId, state: refused ? 2 : 1 });
    return true;
  }

  push(type: number, result: Record<string, unknown>) {
    this.messages.push({ id: this.nextMessage++, type, time: this.at(), result });
  }

  getMessages(types: string | undefined) {
    const wanted = new Set((types ?? '').split(',').map(Number));
    return this.messages.filter((m) => wanted.has(m.type));
  }

  deleteMessage(id: string | undefined) {
    this.messages = this.messages.filter((m) => m.id !== Number(id));
    return true;
  }

  balance(pin: string | undefined) {
    return { balance: { pin: pin ?? this.credentials.username, remainLimit: this.balanceFen / 100 } };
  }
}
