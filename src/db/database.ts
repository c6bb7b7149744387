import type { ColumnType, Generated, Transaction as KyselyTransaction } from 'kysely';
import type { Address } from '../lib/address.js';

type ReadOnly<T> = ColumnType<T, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type BookFormat = 'HARDCOVER' | 'PAPERBACK' | 'EBOOK' | 'AUDIOBOOK';

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface PublishersTable {
  id: Generated<number>;
  name: string;
}

export interface AuthorsTable {
  id: Generated<number>;
  name: string;
}

export interface WorksTable {
  id: Generated<number>;
  title: string;
  description: string | null;
}

export interface BooksTable {
  id: Generated<number>;
  isbn13: string;
  workId: number;
  title: string;
  subtitle: string | null;
  authorNames: Generated<string>;
  authorIds: Generated<number[]>;
  publisherId: number | null;
  publishedYear: number | null;
  language: string | null;
  categoryId: number | null;
  format: BookFormat;
  currency: Generated<string>;
  listPriceCents: number | null;
  priceCents: number | null;
  inStock: Generated<boolean>;
  demandScore: Generated<number>;
  createdAt: Timestamp;
  search: ReadOnly<string>;
}

export interface BookAuthorsTable {
  bookId: number;
  authorId: number;
  position: Generated<number>;
}

export interface WarehousesTable {
  id: Generated<number>;
  code: string;
  name: string;
}

export interface InventoryTable {
  warehouseId: number;
  bookId: number;
  onHand: number;
  reserved: Generated<number>;
  sold: Generated<number>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  passwordHash: string;
  isAdmin: Generated<boolean>;
  createdAt: Timestamp;
}

export interface SearchTermsTable {
  term: string;
  books: number;
}

export type StoreKind = 'FIRST_PARTY' | 'PARTNER';
export type OfferSource = 'CRAWL' | 'LIVE' | 'REPORT' | 'VERIFY';

export interface StoresTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: StoreKind;
  apiBaseUrl: string | null;
  rateLimitPerSecond: number | null;
  burst: number | null;
  timeoutMs: Generated<number>;
  supportsBatch: Generated<boolean>;
  maxBatch: Generated<number>;
  shippingFeeCents: Generated<number>;
  freeShippingOverCents: number | null;
  enabled: Generated<boolean>;
  createdAt: Timestamp;
  disabledByOperator: Generated<boolean>;
}

export interface OffersTable {
  bookId: number;
  storeId: number;
  priceCents: number;
  shippingCents: Generated<number>;
  currency: Generated<string>;
  inStock: boolean;
  fetchedAt: Timestamp;
  source: OfferSource;
  confidence: Generated<number>;
}

export interface PriceObservationsTable {
  bookId: number;
  storeId: number;
  observedAt: Timestamp;
  priceCents: number;
  shippingCents: Generated<number>;
  inStock: boolean;
  source: OfferSource;
}

interface DailyRollup {
  day: ColumnType<string, string, string>;
  openCents: number;
  highCents: number;
  lowCents: number;
  closeCents: number;
  sumCents: number;
  samples: number;
  firstAt: Timestamp;
  lastAt: Timestamp;
}

export interface PriceDailyTable extends DailyRollup {
  bookId: number;
  storeId: number;
}

export interface BookPriceDailyTable extends DailyRollup {
  bookId: number;
}

export interface RefreshStateTable {
  bookId: number;
  tier: Generated<'HOT' | 'WARM' | 'LONG_TAIL' | 'COLD'>;
  demand: Generated<number>;
  volatility: Generated<number>;
  nextDueAt: Timestamp;
  lastRefreshedAt: Timestamp | null;
}

export type OrderStatus = 'PLACED' | 'PROCESSING' | 'PACKED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED' | 'DECLINED';
export type PurchaseStatus = 'IN_PROGRESS' | 'PURCHASED' | 'PRICE_ABOVE_MAX' | 'NOT_AVAILABLE' | 'PAYMENT_DECLINED' | 'PRICE_UNCONFIRMED' | 'FAILED';

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  fingerprint: string;
  status: Generated<'IN_PROGRESS' | 'DONE'>;
  resourceId: number | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

export interface OrdersTable {
  id: Generated<number>;
  userId: number | null;
  status: OrderStatus;
  totalCents: number;
  currency: Generated<string>;
  placedAt: Timestamp;
  updatedAt: Timestamp;
  shippingAddress: ColumnType<Address | null, string | null | undefined, string | null>;
  /** F-<year>-<six digits>, given by the database. */
  number: Generated<string>;
  /** A guest's e-mail, until an account with it owns the order. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ShipmentsTable {
  id: Generated<number>;
  orderId: number;
  storeId: number | null;
  warehouseId: number | null;
  partnerOrderId: string | null;
  partnerReference: string | null;
  status: OrderStatus;
  shippingCents: Generated<number>;
  updatedAt: Timestamp;
  nextStepAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  carrier: ColumnType<string | null, string | null | undefined, string | null>;
  trackingNumber: ColumnType<string | null, string | null | undefined, string | null>;
  /** A calendar date: pg reads it as local midnight of that day; written as 'YYYY-MM-DD'. */
  estimatedDelivery: ColumnType<Date | null, string | null | undefined, string | null>;
}

export interface OrderLinesTable {
  id: Generated<number>;
  orderId: number;
  shipmentId: number;
  bookId: number;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderEventsTable {
  id: Generated<number>;
  orderId: number;
  shipmentId: number | null;
  status: string;
  note: string | null;
  at: Timestamp;
}

export interface PurchaseRequestsTable {
  id: Generated<number>;
  userId: number;
  idempotencyKey: string;
  bookId: number;
  maxPriceCents: number;
  anyEdition: Generated<boolean>;
  formats: BookFormat[] | null;
  maxWaitMs: number;
  status: Generated<PurchaseStatus>;
  step: Generated<string>;
  reason: string | null;
  chosenBookId: number | null;
  chosenStoreId: number | null;
  priceCents: number | null;
  shippingCents: number | null;
  lowestTotalCents: number | null;
  storesAsked: Generated<number>;
  storesAnswered: Generated<number>;
  offers: Generated<unknown>;
  paymentReference: string | null;
  partnerOrderId: string | null;
  orderId: number | null;
  leaseUntil: Timestamp;
  createdAt: Timestamp;
  finishedAt: Timestamp | null;
  /** null only on requests made before purchases asked for an address. */
  shippingAddress: ColumnType<Address | null, string | null | undefined, string | null>;
  /** The auto-buy alert a keepWatching request above its maximum set. */
  watchAlertId: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface PaymentsTable {
  id: Generated<number>;
  provider: string;
  providerReference: string;
  idempotencyKey: string;
  amountCents: number;
  currency: Generated<string>;
  status: PaymentStatus;
  purchaseRequestId: ColumnType<number | null, number | null | undefined, number | null>;
  checkoutId: ColumnType<number | null, number | null | undefined, number | null>;
  orderId: number | null;
  cardBrand: ColumnType<string | null, string | null | undefined, string | null>;
  cardLast4: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface SavedAddressesTable {
  id: Generated<number>;
  userId: number;
  address: ColumnType<Address, string, string>;
  isDefault: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TestPaymentLedgerTable {
  reference: string;
  idempotencyKey: string;
  token: string;
  amountCents: number;
  currency: string;
  status: PaymentStatus;
  declineReason: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface OfferAbsencesTable {
  bookId: number;
  storeId: number;
  checkedAt: Timestamp;
}

export interface IsbnSearchesTable {
  isbn13: string;
  storesAsked: number;
  storesAnswered: number;
  checkedAt: Timestamp;
}

export interface WatchedBooksTable {
  bookId: number;
  firesAtOrBelowCents: number | null;
  firesAtOrAboveCents: number | null;
  anyChange: boolean;
  watchers: number;
  since: Timestamp;
}

/** A book's price now beside its past 30 days (see the book_deals migration). */
export interface BookDealsTable {
  bookId: number;
  day: string;
  currentCents: number | null;
  changedAt: Timestamp;
  previousCents: number | null;
  /** The 30 days before `day`: lowest daily low, mean daily close, days with a price. */
  monthLowCents: number | null;
  monthAverageCents: number | null;
  monthDays: number;
  dropBasisPoints: ReadOnly<number | null>;
  belowAverageBasisPoints: ReadOnly<number | null>;
}

export type AlertRule = 'BELOW' | 'DROP_PERCENT' | 'BACK_IN_STOCK' | 'RISE';
export type AlertChannel = 'SUBSCRIPTION' | 'WEBHOOK' | 'EMAIL';

export interface PriceAlertsTable {
  id: Generated<number>;
  userId: number;
  bookId: number;
  workId: number | null;
  storeId: number | null;
  rule: AlertRule;
  thresholdCents: number | null;
  dropPercent: number | null;
  referenceCents: number | null;
  channels: AlertChannel[];
  webhookUrl: string | null;
  webhookSecret: string | null;
  autoBuyMaxCents: number | null;
  autoBuyToken: string | null;
  autoBoughtOrderId: number | null;
  autoBuyShippingAddress: ColumnType<Address | null, string | null | undefined, string | null>;
  /** Formats auto-buy may take (null: any). */
  autoBuyFormats: ColumnType<BookFormat[] | null, BookFormat[] | null | undefined, BookFormat[] | null>;
  armed: Generated<boolean>;
  minChangeCents: Generated<number>;
  quietHours: ColumnType<import('../resolvers/alerts/quiet-hours.js').QuietHours | null, string | null, string | null>;
  lastNotifiedCents: number | null;
  lastNotifiedAt: Timestamp | null;
  expiresAt: Timestamp | null;
  createdAt: Timestamp;
  deletedAt: Timestamp | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  /** Alert notifications: the alert, its owner, the book and the prices. */
  alertId: number | null;
  userId: number | null;
  channel: AlertChannel;
  bookId: number | null;
  storeId: number | null;
  oldPriceCents: number | null;
  newPriceCents: number | null;
  status: Generated<'PENDING' | 'RETRYING' | 'SENT' | 'DEAD'>;
  attempts: Generated<number>;
  lastError: string | null;
  createdAt: Timestamp;
  sentAt: Timestamp | null;
  kind: Generated<NotificationKind>;
  reportId: number | null;
  /** Order e-mails: the order, the shipment whose status changed (none for the confirmation), that status, and where to write. */
  orderId: ColumnType<number | null, number | null | undefined, number | null>;
  shipmentId: ColumnType<number | null, number | null | undefined, number | null>;
  orderStatus: ColumnType<OrderStatus | null, OrderStatus | null | undefined, OrderStatus | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
}

export type NotificationKind = 'PRICE_DROP' | 'CORRECTION' | 'ORDER_PLACED' | 'SHIPMENT_STATUS';
export type ReportStatus = 'ACCEPTED' | 'PENDING_VERIFICATION' | 'REJECTED';

export interface ReporterTrustTable {
  userId: number;
  verified: Generated<number>;
  rejected: Generated<number>;
  updatedAt: Generated<Date>;
}

export interface PriceReportsTable {
  id: Generated<number>;
  userId: number;
  bookId: number;
  storeId: number;
  priceCents: number;
  shippingCents: number;
  inStock: boolean;
  observedAt: Timestamp;
  url: string | null;
  status: ReportStatus;
  suspicion: string[];
  trustAtReport: number;
  verifiedAt: Timestamp | null;
  verifiedPriceCents: number | null;
  verifiedInStock: boolean | null;
  reason: string | null;
  createdAt: Generated<Date>;
}

export type ReservationStatus = 'HELD' | 'CONFIRMED' | 'RELEASED' | 'EXPIRED';

export interface ReservationsTable {
  id: Generated<number>;
  bookId: number;
  warehouseId: number;
  quantity: number;
  holder: string;
  status: Generated<ReservationStatus>;
  expiresAt: Date;
  createdAt: Generated<Date>;
}

export interface CartsTable {
  id: Generated<number>;
  userId: number | null;
  guestTokenHash: string | null;
  version: Generated<number>;
  status: Generated<'OPEN' | 'MERGED' | 'CHECKED_OUT'>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  expiresAt: Date;
}

export interface CartItemsTable {
  cartId: number;
  bookId: number;
  storeId: number;
  quantity: number;
  unitPriceCents: number;
  addedAt: Generated<Date>;
}

export type CheckoutStatus = 'IN_PROGRESS' | 'PLACED' | 'OUT_OF_STOCK' | 'PRICE_CHANGED' | 'PAYMENT_DECLINED' | 'EMPTY_CART' | 'FAILED';

export interface CheckoutsTable {
  id: Generated<number>;
  cartId: number;
  userId: number | null;
  idempotencyKey: string;
  status: Generated<CheckoutStatus>;
  step: Generated<string>;
  reason: string | null;
  problems: ColumnType<unknown[], string | undefined, string>;
  totalCents: number | null;
  shippingAddress: ColumnType<Address, string, string>;
  paymentReference: string | null;
  orderId: number | null;
  createdAt: Generated<Date>;
  finishedAt: Date | null;
  leaseUntil: Generated<Date>;
  partnerOrders: ColumnType<PlannedPartnerOrder[], string | undefined, string>;
  /** A guest's e-mail, passed on to the order. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A partner order a checkout places (or may have placed): where, and under which reference. */
export interface PlannedPartnerOrder {
  storeId: number;
  reference: string;
}

export interface WorkerHeartbeatsTable {
  workerId: string;
  beatAt: Generated<Date>;
}

export interface Database {
  categories: CategoriesTable;
  publishers: PublishersTable;
  authors: AuthorsTable;
  works: WorksTable;
  books: BooksTable;
  bookAuthors: BookAuthorsTable;
  warehouses: WarehousesTable;
  inventory: InventoryTable;
  users: UsersTable;
  searchTerms: SearchTermsTable;
  stores: StoresTable;
  offers: OffersTable;
  priceObservations: PriceObservationsTable;
  priceDaily: PriceDailyTable;
  bookPriceDaily: BookPriceDailyTable;
  refreshState: RefreshStateTable;
  idempotencyKeys: IdempotencyKeysTable;
  orders: OrdersTable;
  shipments: ShipmentsTable;
  orderLines: OrderLinesTable;
  orderEvents: OrderEventsTable;
  purchaseRequests: PurchaseRequestsTable;
  payments: PaymentsTable;
  testPaymentLedger: TestPaymentLedgerTable;
  offerAbsences: OfferAbsencesTable;
  priceAlerts: PriceAlertsTable;
  notifications: NotificationsTable;
  reporterTrust: ReporterTrustTable;
  priceReports: PriceReportsTable;
  reservations: ReservationsTable;
  carts: CartsTable;
  cartItems: CartItemsTable;
  checkouts: CheckoutsTable;
  workerHeartbeats: WorkerHeartbeatsTable;
  isbnSearches: IsbnSearchesTable;
  watchedBooks: WatchedBooksTable;
  bookDeals: BookDealsTable;
  savedAddresses: SavedAddressesTable;
}

export type Transaction = KyselyTransaction<Database>;
