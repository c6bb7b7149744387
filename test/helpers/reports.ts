import type { Shop } from './shop.js';

export interface ReportAnswer {
  id: string;
  status: string;
  heldBecause: string[];
  reason: string | null;
  verifiedAt: string | null;
  verifiedPrice: { cents: number } | null;
}

export const REPORT_FIELDS = 'id status heldBecause reason verifiedAt verifiedPrice { cents }';

/** Partner stores by slug, with the global ids the API takes. */
export async function storeIds(shop: Shop): Promise<Map<string, string>> {
  const answer = await shop.t.execute<{ stores: { edges: { node: { id: string; slug: string } }[] } }>('{ stores(first: 50) { edges { node { id slug } } } }');
  return new Map(answer.data!.stores.edges.map(({ node }) => [node.slug, node.id]));
}

export function reportPrice(shop: Shop, token: string, input: Record<string, unknown>) {
  return shop.t.execute<{ reportPrice: ReportAnswer }>(
    `mutation ($input: ReportPriceInput!) { reportPrice(input: $input) { ${REPORT_FIELDS} } }`,
    { input },
    token,
  );
}

export async function reportNow(shop: Shop, token: string, id: string): Promise<ReportAnswer> {
  const answer = await shop.t.execute<{ node: ReportAnswer }>(`query ($id: ID!) { node(id: $id) { ... on PriceReport { ${REPORT_FIELDS} } } }`, { id }, token);
  return answer.data!.node;
}

export async function reporterRecord(shop: Shop, token: string) {
  const answer = await shop.t.execute<{ viewer: { reporterRecord: { trust: number; trusted: boolean; verified: number; rejected: number } } }>(
    '{ viewer { reporterRecord { trust trusted verified rejected } } }',
    {},
    token,
  );
  return answer.data!.viewer.reporterRecord;
}

/** Gives a reporter a record of confirmed reports, as if they had been reporting well for a while. */
export async function makeTrusted(shop: Shop, email: string, verified = 5): Promise<void> {
  const user = await shop.t.app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  await shop.t.app.db
    .insertInto('reporterTrust')
    .values({ userId: user.id, verified, rejected: 0 })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ verified }))
    .execute();
}
