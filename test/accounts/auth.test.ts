import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../src/lib/tokens.js';
import { startTestApp, testConfig, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SIGN_UP = `mutation($email: String!, $password: String!) { signUp(email: $email, password: $password) { token expiresAt user { id email } } }`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token user { email } } }`;
const VIEWER = `{ viewer { user { id email createdAt } } }`;
const PASSWORD = 'correct horse 9 staple';

describe('signUp', () => {
  it('creates an account and returns a working token', async () => {
    const result = await t.execute(SIGN_UP, { email: '  Reader@Example.COM ', password: PASSWORD });
    expect(result.errors).toBeUndefined();
    const { token, user, expiresAt } = result.data!.signUp;
    expect(user.email).toBe('reader@example.com');
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const viewer = await t.execute(VIEWER, {}, token);
    expect(viewer.data?.viewer.user).toMatchObject({ id: user.id, email: 'reader@example.com' });
  });

  it.each([
    ['not-an-email', PASSWORD, /not a valid e-mail/],
    ['a@b', PASSWORD, /not a valid e-mail/],
    ['weak@example.com', 'short1', /at least 10 characters/],
    ['weak@example.com', 'password123', /too common/],
    ['weak@example.com', 'aaaaaaaaaaaa', /different characters|mix/],
    ['weak@example.com', 'abcdefghijkl', /mix at least two/],
    ['x'.repeat(250) + '@example.com', PASSWORD, /254/],
  ])('refuses %s / %s with a clear message', async (email, password, message) => {
    const result = await t.execute(SIGN_UP, { email, password });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('refuses a duplicate e-mail, whatever its case, and creates nothing', async () => {
    await t.execute(SIGN_UP, { email: 'twice@example.com', password: PASSWORD });
    const again = await t.execute(SIGN_UP, { email: 'TWICE@example.com', password: PASSWORD });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toMatch(/already exists/);
    const count = await t.app.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', 'twice@example.com')
      .executeTakeFirst();
    expect(count?.n).toBe(1);
  });

  it('lets only one of many concurrent sign-ups with one e-mail succeed', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => t.execute(SIGN_UP, { email: 'race@example.com', password: PASSWORD })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
  });
});

describe('signIn', () => {
  beforeAll(async () => {
    await t.execute(SIGN_UP, { email: 'member@example.com', password: PASSWORD });
  });

  it('signs in with the right password', async () => {
    const result = await t.execute(SIGN_IN, { email: 'Member@example.com', password: PASSWORD });
    expect(result.data?.signIn.user.email).toBe('member@example.com');
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    const wrongPassword = await t.execute(SIGN_IN, { email: 'member@example.com', password: 'not the password 1' });
    const unknownEmail = await t.execute(SIGN_IN, { email: 'nobody@example.com', password: 'not the password 1' });
    expect(wrongPassword.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrongPassword).toEqual(unknownEmail);
  });
});

describe('tokens', () => {
  async function memberToken() {
    return (await t.execute(SIGN_IN, { email: 'member@example.com', password: PASSWORD })).data!.signIn.token as string;
  }

  it('treats no token as signed out', async () => {
    const result = await t.execute(VIEWER);
    expect(result.errors).toBeUndefined();
    expect(result.data?.viewer).toBeNull();
  });

  it('refuses an expired token', async () => {
    const signer = new TokenSigner(testConfig.authSecret, 60);
    const { token } = await signer.sign({ userId: 1, isAdmin: false }, new Date(Date.now() - 3_600_000));
    const result = await t.execute(VIEWER, {}, token);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(/expired/);
  });

  it('refuses a tampered token', async () => {
    const token = await memberToken();
    const [header, payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), adm: true })).toString('base64url');
    for (const forged of [`${header}.${forgedPayload}.${signature}`, `${header}.${payload}.${signature!.slice(0, -2)}xx`, 'garbage']) {
      const result = await t.execute(VIEWER, {}, forged);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a token signed with another secret', async () => {
    const { token } = await new TokenSigner('another-secret-another-secret-another', 60).sign({ userId: 1, isAdmin: true });
    const result = await t.execute(VIEWER, {}, token);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("hides another user's account from node(id:)", async () => {
    const other = await t.execute(SIGN_UP, { email: 'other@example.com', password: PASSWORD });
    const otherId = other.data!.signUp.user.id;
    const mine = await t.execute(`query($id: ID!) { node(id: $id) { ... on User { email } } }`, { id: otherId }, await memberToken());
    expect(mine.data?.node ?? null).toBeNull();
    expect(mine.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.execute(`query($id: ID!) { node(id: $id) { ... on User { email } } }`, { id: otherId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
