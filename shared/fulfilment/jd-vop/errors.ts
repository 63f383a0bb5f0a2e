// How a VOP call can go wrong, in the three kinds the adapter treats differently.

/** No usable answer: network error, timeout, HTTP error or throttling. Safe to retry after looking the order up. */
export class VopUnavailable extends Error {
  constructor(
    readonly method: string,
    reason: string,
    readonly throttled = false,
  ) {
    super(`VOP ${method} unavailable: ${reason}`);
    this.name = 'VopUnavailable';
  }
}

/** An answer that is not VOP's envelope (not JSON, missing fields, a result of the wrong shape). Never guessed at. */
export class VopMalformed extends Error {
  constructor(
    readonly method: string,
    reason: string,
  ) {
    super(`VOP ${method} answered something unreadable: ${reason}`);
    this.name = 'VopMalformed';
  }
}

/** VOP answered `success: false`: a business refusal with its result code. */
export class VopRefusal extends Error {
  constructor(
    readonly method: string,
    readonly resultCode: string,
    readonly resultMessage: string,
    /** What VOP sent along (a duplicate submit carries the existing order). */
    readonly result?: unknown,
  ) {
    super(`VOP ${method} refused: ${resultCode} ${resultMessage}`);
    this.name = 'VopRefusal';
  }
}
