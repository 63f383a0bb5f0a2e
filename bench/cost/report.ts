// The cost result as markdown: one row per route, then the naive list, the ratio and the blended mix.
import type { CostResult, RouteCost } from './result';

const usd = (n: number) => `$${n.toFixed(2)}`;

const row = (name: string, c: RouteCost) =>
  `| ${name} | ${c.rcu} | ${c.wcu} | ${usd(c.dynamoUsd)} | ${usd(c.lambdaUsd)} | ${usd(c.apiUsd)} | ${usd(c.totalUsdPerMillion)} |`;

export function costTable(r: CostResult): string {
  const { dynamoDbOnDemand: ddb, lambdaArm64: lambda, httpApi } = r.prices;
  const mix = Object.entries(r.blended.mix)
    .map(([name, share]) => `${Math.round(share * 1000) / 10}% ${name}`)
    .join(', ');
  return [
    `Cost per million requests, ${r.prices.region} prices checked ${r.prices.checkedOn}: DynamoDB on-demand ` +
      `$${ddb.usdPerMillionReadUnits}/M RRU, $${ddb.usdPerMillionWriteUnits}/M WRU; Lambda arm64 ` +
      `$${lambda.usdPerMillionRequests}/M + $${lambda.usdPerGbSecond}/GB-s (${r.lambda.memoryMb} MB, ` +
      `${r.lambda.billedMs} ms assumed); HTTP API $${httpApi.usdPerMillionRequests}/M. ${r.intents} intents on ` +
      `DynamoDB Local (loaded in ${r.loadSeconds} s; whole run ${r.totalSeconds} s).`,
    '',
    '| route | RRU | WRU | DynamoDB $/M | Lambda $/M | HTTP API $/M | total $/M |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(r.routes).map(([name, c]) => row(name, c)),
    row('fulfilment per intent (background, 2 invocations)', r.fulfilment),
    row(
      `naive list page 1 + total (Scan ${r.naiveList.listRcu} + COUNT Scan ${r.naiveList.countRcu} RRU)`,
      r.naiveList,
    ),
    '',
    `Naive list / ours: ${r.naiveOverOurs.listReadUnits}x the read units, ${r.naiveOverOurs.listUsd}x the dollars ` +
      `(same answer: ${r.naiveList.sameAnswer ? 'yes' : '**no**'}). Blended (${mix}): ${usd(r.blended.usdPerMillion)} ` +
      `per million requests, ${usd(r.blended.withFulfilmentUsdPerMillion)} with each created intent's fulfilment. ` +
      `App registry read: ${r.appRegistryRead.rcu} RRU once per instance per cache period, not in the rows.`,
  ].join('\n');
}
